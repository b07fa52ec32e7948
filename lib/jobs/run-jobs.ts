import nodemailer from "nodemailer";
import type pg from "pg";
import type { Db } from "@/lib/db/create-client";
import type { EmailJob } from "@/lib/notifications/notify";
import { sweepSlaClocks } from "@/lib/service-levels/sweep";
import { createBoss } from "./boss";

export const queues = { slaSweep: "sla-sweep", email: "email" } as const;

export type JobsOptions = {
  db: Db;
  pool: pg.Pool;
  url: string;
  embedded: boolean;
  baseUrl: string;
  /** Delivers one email; throws to have the job retried. Default: SMTP_URL through nodemailer, or drop. */
  deliver?: (mail: EmailJob) => Promise<void>;
  smtpUrl?: string;
  mailFrom?: string;
  sweepEverySeconds?: number;
  log?: (message: string, error?: unknown) => void;
};

/**
 * The desk's time-driven work on pg-boss, in every app instance: an SLA sweep requested every few
 * seconds (a "stately" queue keeps at most one queued and one running, whichever instance asked) and
 * email delivery with retries. Safe with N instances: the sweep's SQL decides who fires what.
 */
export async function startJobs(options: JobsOptions) {
  const log = options.log ?? ((m: string, e?: unknown) => console.error(`[jobs] ${m}`, e ?? ""));
  const boss = createBoss(options);
  boss.on("error", (error) => log("pg-boss error", error));
  await boss.start();
  await boss.createQueue(queues.slaSweep, { name: queues.slaSweep, policy: "stately", retryLimit: 0, expireInSeconds: 120 });
  await boss.createQueue(queues.email, { name: queues.email, retryLimit: 6, retryDelay: 30, retryBackoff: true });

  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  const deliver =
    options.deliver ??
    (async (mail: EmailJob) => {
      if (transport) await transport.sendMail({ from: options.mailFrom, ...mail });
    });

  await boss.work(queues.slaSweep, { pollingIntervalSeconds: 1 }, async () => {
    const { emails } = await sweepSlaClocks(options.db, { baseUrl: options.baseUrl });
    for (const mail of emails) await boss.send(queues.email, mail);
  });
  await boss.work<EmailJob>(queues.email, { pollingIntervalSeconds: 2 }, async (jobs) => {
    for (const job of jobs) await deliver(job.data);
  });

  const requestSweep = () => boss.send(queues.slaSweep, {}).catch((e) => log("could not request an SLA sweep", e));
  await requestSweep();
  const timer = setInterval(requestSweep, (options.sweepEverySeconds ?? 15) * 1000);
  timer.unref();

  return {
    boss,
    requestSweep,
    async stop() {
      clearInterval(timer);
      await boss.stop({ graceful: true, wait: true, close: !options.embedded, timeout: 10_000 });
    },
  };
}
