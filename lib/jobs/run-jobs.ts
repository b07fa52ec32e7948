import nodemailer from "nodemailer";
import type pg from "pg";
import { purgeIdempotentResponses } from "@/lib/api/purge-idempotent-responses";
import type { Db } from "@/lib/db/create-client";
import { purgeRateWindows } from "@/lib/security/rate-limit";
import { composeNotification } from "@/lib/email/compose-notification";
import { pollImapMailbox, imapSettings } from "@/lib/email/poll-imap";
import type { InboundSettings } from "@/lib/email/process-inbound-email";
import { processPendingInbound } from "@/lib/email/process-pending-inbound";
import { watchImapMailbox, type ImapWatcher } from "@/lib/email/watch-imap";
import type { ImapOAuthConfig } from "@/lib/email/imap-oauth";
import type { EmailJob } from "@/lib/notifications/notify";
import { openDuePulseRounds } from "@/lib/satisfaction/open-pulse-rounds";
import { refreshDashboardRollup } from "@/lib/reports/dashboard-rollup";
import { refreshOrganisationRollup } from "@/lib/reports/organisation-rollup";
import { publishPulseRounds } from "@/lib/satisfaction/publish-pulse";
import { computeExpectations } from "@/lib/experience/compute-expectations";
import { publishSatisfaction } from "@/lib/satisfaction/publish-satisfaction";
import { sweepSlaClocks } from "@/lib/service-levels/sweep";
import { sweepApprovals } from "@/lib/approvals/sweep-approvals";
import { runEventRules } from "@/lib/automation/run-event-rules";
import { sweepTimeRules } from "@/lib/automation/sweep-time-rules";
import type PgBoss from "pg-boss";
import { deliverWebhook } from "@/lib/webhooks/deliver-webhook";
import { fanOutWebhooks } from "@/lib/webhooks/fan-out";
import { purgeWebhookDeliveries } from "@/lib/webhooks/purge-deliveries";
import { createBoss } from "./boss";
import { PermanentEmailError, deliverEmail, emailQueue, purgeSentEmails, relayEmails, type DeliveryJob, type RetryPolicy } from "./email-outbox";

export const queues = {
  slaSweep: "sla-sweep",
  emailOutbox: "email-outbox",
  email: emailQueue,
  satisfactionPublication: "satisfaction-publication",
  pulseRounds: "pulse-rounds",
  organisationRollup: "organisation-rollup",
  dashboardRollup: "dashboard-rollup",
  inbound: "inbound-email",
  imapPoll: "imap-poll",
  expectations: "request-type-expectations",
  webhookFanOut: "webhook-fan-out",
  webhook: "webhook",
  automationEvents: "automation-events",
  automationSweep: "automation-sweep",
} as const;

export type WebhookJob = { deliveryId: string };

export type JobsOptions = {
  db: Db;
  pool: pg.Pool;
  url: string;
  embedded: boolean;
  baseUrl: string;
  /** Delivers one email; throws to have the job retried. Default: composed (lib/email/compose-notification.ts) and sent over SMTP through nodemailer (without smtpUrl every email fails at once, visibly, unless localOutbox). */
  deliver?: (mail: EmailJob) => Promise<void | { raw?: string }>;
  smtpUrl?: string;
  mailFrom?: string;
  /** Where replies to the desk's mail go (plus-addressed per person and request). Default: mailFrom's address. */
  replyAddress?: string;
  /** Signs reply addresses; without it mail carries no reply address. */
  replyKey?: Buffer;
  /** IMAP mailboxes polled for inbound mail (`imaps://user:pass@host/INBOX`). */
  imapUrls?: string[];
  /** Token settings for mailboxes that sign in with OAuth 2 (`?auth=microsoft` / `?auth=google`). */
  imapOAuth?: ImapOAuthConfig;
  /** Seconds between polls of the mailboxes. Default 30. */
  imapPollSeconds?: number;
  /** Hold an IDLE connection to each mailbox whose server offers it, so new mail is fetched at once (the polls stay as the net). Default true. */
  imapIdle?: boolean;
  /** After a dropped IDLE connection, reopen it this much later. Default 30 000. */
  imapReconnectMs?: number;
  /** Largest inbound mail kept, in bytes. Default 25 MB. */
  inboundMaxBytes?: number;
  /** How inbound mail is read (reply addresses, unknown senders); default: from the environment. */
  inboundSettings?: InboundSettings;
  /** No mail server (the embedded demo): composed mail is kept on its outbox row, readable at /admin/email, and counts as sent. */
  localOutbox?: boolean;
  sweepEverySeconds?: number;
  /** How often due pulse-survey rounds are looked for. Default 60. */
  pulseEverySeconds?: number;
  /** How often the outbox relay looks for queued emails. Default 5. */
  relayEverySeconds?: number;
  /** How often closed months and pulse rounds are looked for to publish their figures. Default 60. */
  publishEverySeconds?: number;
  /** How often HR's organisation roll-up (lib/reports/organisation-rollup.ts) recomputes the current and previous month. Default 300 (a run takes ~30 s at a million requests). */
  organisationRollupEverySeconds?: number;
  /** How often the head dashboard's day roll-up (lib/reports/dashboard-rollup.ts) recomputes the days changed since its last run. Default 60. */
  dashboardRollupEverySeconds?: number;
  /** How often the request types' expectations (lib/experience/compute-expectations.ts) are recomputed. Default 3600. */
  expectationsEverySeconds?: number;
  /** How often the automation worker looks for new request events to run event rules on. Default 2. */
  automationEventsEverySeconds?: number;
  /** How often the time-based automation rules are swept (DESK_AUTOMATION_SWEEP_SECONDS). Default 60. */
  automationSweepEverySeconds?: number;
  /** pg-boss retries of a failed delivery. Default: 6 retries, 30 s doubling each time (about half an hour in all). */
  emailRetry?: Partial<RetryPolicy>;
  /** Webhook deliveries (lib/webhooks): retries (default 8, 30 s doubling), the SSRF guard, the receiver's time to answer, and when a failing webhook is disabled. */
  webhooks?: { retry?: Partial<RetryPolicy>; allowPrivate?: boolean; timeoutMs?: number; disableAfter?: number; fanOutEverySeconds?: number };
  log?: (message: string, error?: unknown) => void;
};

/**
 * The desk's time-driven work on pg-boss, in every app instance: an SLA sweep requested every few
 * seconds (a "stately" queue keeps at most one queued and one running, whichever instance asked),
 * the email outbox relay and the opening of pulse-survey rounds (same pattern), and email delivery
 * with retries. Safe with N instances: the sweep's SQL decides who fires what, a round's unique
 * (survey, period) who opens it, and each email row is claimed before it is sent.
 */
export async function startJobs(options: JobsOptions) {
  const log = options.log ?? ((m: string, e?: unknown) => console.error(`[jobs] ${m}`, e ?? ""));
  const { boss, close } = createBoss(options);
  boss.on("error", (error) => log("pg-boss error", error));
  try {
    return await startWorkers(boss, close, options, log);
  } catch (error) {
    // A half-started boss (e.g. its schema creation deadlocked with another instance's) is stopped
    // so that the caller's retry starts from nothing.
    await boss.stop({ graceful: false, timeout: 1000 }).catch(() => {});
    await close();
    throw error;
  }
}

async function startWorkers(boss: PgBoss, closeBossPool: () => Promise<void>, options: JobsOptions, log: (m: string, e?: unknown) => void) {
  const retry: RetryPolicy = { retryLimit: 6, retryDelay: 30, retryBackoff: true, ...options.emailRetry };
  await boss.start();
  // "short": at most one run queued, whichever instance asked. A run left "active" by an instance
  // that died blocks nothing (a "stately" queue waited for its expiry: 45 s for a sweep, 15 minutes
  // for a roll-up). Runs may overlap across instances: the sweep, the relay, the pulse rounds and
  // inbound mail are safe side by side (SKIP LOCKED, unique keys, leases); the publication and the
  // roll-ups and the expectations take an advisory lock that dies with its holder's connection (exclusive() below).
  for (const name of [queues.slaSweep, queues.emailOutbox, queues.satisfactionPublication, queues.pulseRounds, queues.organisationRollup, queues.dashboardRollup, queues.inbound, queues.imapPoll, queues.expectations, queues.webhookFanOut, queues.automationEvents, queues.automationSweep]) {
    const long = name === queues.satisfactionPublication || name === queues.organisationRollup || name === queues.dashboardRollup || name === queues.expectations;
    const options = { policy: "short" as const, retryLimit: 0, expireInSeconds: long ? 900 : 60 };
    await boss.createQueue(name, { name, ...options });
    await boss.updateQueue(name, { name, ...options }); // queues created by an earlier version
  }
  await boss.createQueue(queues.email, { name: queues.email, retryLimit: 6, retryDelay: 30, retryBackoff: true });
  const hooks = options.webhooks ?? {};
  const webhookRetry: RetryPolicy = { retryLimit: 8, retryDelay: 30, retryBackoff: true, ...hooks.retry };
  await boss.createQueue(queues.webhook, { name: queues.webhook, ...webhookRetry });

  const transport = options.smtpUrl
    ? nodemailer.createTransport(options.smtpUrl, { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 })
    : null;
  const keep = options.localOutbox && !transport ? nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" }) : null;
  const mailFrom = options.mailFrom ?? "Service Desk <desk@localhost>";
  const deliver =
    options.deliver ??
    (async (mail: EmailJob) => {
      const message = await composeNotification(options.db, mail, { baseUrl: options.baseUrl, mailFrom, replyAddress: options.replyAddress, replyKey: options.replyKey });
      if (keep) {
        const info = await keep.sendMail(message);
        return { raw: (info.message as Buffer).toString("utf8") };
      }
      if (!transport) throw new PermanentEmailError("SMTP_URL is not set: this desk cannot send email");
      await transport.sendMail(message);
    });

  const requestRelay = () => boss.send(queues.emailOutbox, {}).catch((e) => log("could not request the email relay", e));
  await boss.work(queues.slaSweep, { pollingIntervalSeconds: 1 }, async () => {
    const { fired } = await sweepSlaClocks(options.db, { baseUrl: options.baseUrl });
    // Approval steps keep their own service level (lib/approvals/sweep-approvals.ts), swept alongside.
    const approvals = await sweepApprovals(options.db);
    if (fired.length || approvals.reminded || approvals.overdue) await requestRelay();
  });
  await boss.work(queues.pulseRounds, { pollingIntervalSeconds: 1 }, async () => {
    const { opened } = await openDuePulseRounds(options.db, { baseUrl: options.baseUrl });
    if (opened.length) await requestRelay();
  });
  let purgedAt = 0;
  await boss.work(queues.emailOutbox, { pollingIntervalSeconds: 1 }, async () => {
    await relayEmails(options.db, boss, retry);
    if (Date.now() - purgedAt > 60 * 60_000) {
      purgedAt = Date.now();
      await purgeSentEmails(options.db);
      await purgeIdempotentResponses(options.db);
      await purgeRateWindows(options.db);
      await purgeWebhookDeliveries(options.db);
    }
  });
  // Up to 10 emails per fetch, sent side by side; a failing one is failed alone, so pg-boss retries
  // it with its backoff while the rest of the batch completes.
  await boss.work<DeliveryJob>(queues.email, { pollingIntervalSeconds: 1, batchSize: 10, includeMetadata: true }, async (jobs) => {
    await Promise.all(
      jobs.map(async (job) => {
        try {
          const outcome = await deliverEmail(options.db, { deliveryId: job.data.deliveryId, finalAttempt: job.retryCount >= job.retryLimit, deliver });
          if (outcome === "failed") log(`email ${job.data.deliveryId} failed for good`);
        } catch (error) {
          await boss.fail(queues.email, job.id, { message: error instanceof Error ? error.message : String(error) });
        }
      }),
    );
  });

  // Satisfaction figures and pulse results are published once per closed month / round
  // (publish-satisfaction.ts): between publications a run costs a few index probes.
  await boss.work(queues.satisfactionPublication, { pollingIntervalSeconds: 2 }, async () => {
    await exclusive(options, queues.satisfactionPublication, async () => {
      await publishSatisfaction(options.db);
      await publishPulseRounds(options.db);
    });
  });

  await boss.work(queues.organisationRollup, { pollingIntervalSeconds: 2 }, async () => {
    const { remaining } = (await exclusive(options, queues.organisationRollup, () => refreshOrganisationRollup(options.db))) ?? { remaining: 0 };
    // Backfilling: a few months a run, the next run at once, so other queries get their turn between.
    if (remaining > 0) await boss.send(queues.organisationRollup, {}).catch((e) => log("could not request the organisation roll-up", e));
  });

  await boss.work(queues.dashboardRollup, { pollingIntervalSeconds: 2 }, async () => {
    const { remaining } = (await exclusive(options, queues.dashboardRollup, () => refreshDashboardRollup(options.db))) ?? { remaining: 0 };
    // Backfilling (or recomputing many forgotten days): a few months a run, the next run at once.
    if (remaining > 0) await boss.send(queues.dashboardRollup, {}).catch((e) => log("could not request the dashboard roll-up", e));
  });

  // Inbound mail: stored first (IMAP poll, webhook, an admin's upload), then processed by this job.
  const requestInbound = () => boss.send(queues.inbound, {}).catch((e) => log("could not request inbound processing", e));
  await boss.work(queues.inbound, { pollingIntervalSeconds: 1 }, async () => {
    const claimed = await processPendingInbound({ settings: options.inboundSettings, log });
    await requestRelay();
    if (claimed > 0) await requestInbound();
  });
  const imapUrls = options.imapUrls ?? [];
  const requestImapPoll = () => boss.send(queues.imapPoll, {}).catch((e) => log("could not request an IMAP poll", e));
  await boss.work(queues.imapPoll, { pollingIntervalSeconds: 1 }, async () => {
    let stored = 0;
    for (const url of imapUrls) {
      try {
        stored += (await pollImapMailbox(options.db, { url, maxBytes: options.inboundMaxBytes ?? 25 * 1024 * 1024, oauth: options.imapOAuth })).stored;
      } catch (error) {
        log(`IMAP poll of ${imapSettings(url).label} failed`, error);
      }
    }
    if (stored > 0) await requestInbound();
  });
  await boss.work(queues.expectations, { pollingIntervalSeconds: 2 }, async () => {
    await exclusive(options, queues.expectations, () => computeExpectations(options.db));
  });

  // Webhooks: the fan-out drains the outbox the event triggers fill, creating deliveries and their
  // jobs in one transaction; each delivery job is one attempt, retried by pg-boss with backoff.
  await boss.work(queues.webhookFanOut, { pollingIntervalSeconds: 1 }, async () => {
    await fanOutWebhooks(options.db, {
      baseUrl: options.baseUrl,
      enqueue: async (tx, deliveryIds) => {
        await boss.insert(
          deliveryIds.map((deliveryId) => ({ name: queues.webhook, data: { deliveryId } satisfies WebhookJob, expireInSeconds: 120, ...webhookRetry })),
          { db: { executeSql: async (text: string, values: unknown[]) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values.map((v) => v ?? null)) }) } },
        );
      },
    });
  });
  await boss.work<WebhookJob>(queues.webhook, { pollingIntervalSeconds: 1, batchSize: 10, includeMetadata: true }, async (jobs) => {
    await Promise.all(
      jobs.map(async (job) => {
        try {
          const outcome = await deliverWebhook(options.db, {
            deliveryId: job.data.deliveryId,
            finalAttempt: job.retryCount >= job.retryLimit,
            allowPrivate: hooks.allowPrivate ?? false,
            timeoutMs: hooks.timeoutMs ?? 10_000,
            disableAfter: hooks.disableAfter ?? 15,
            baseUrl: options.baseUrl,
          });
          if (outcome === "retrying") await boss.fail(queues.webhook, job.id, { message: "the receiver did not accept the delivery" });
        } catch (error) {
          await boss.fail(queues.webhook, job.id, { message: error instanceof Error ? error.message : String(error) });
        }
      }),
    );
  });
  const requestWebhookFanOut = () => boss.send(queues.webhookFanOut, {}).catch((e) => log("could not request the webhook fan-out", e));
  await requestWebhookFanOut();
  const webhookTimer = setInterval(() => void requestWebhookFanOut(), (hooks.fanOutEverySeconds ?? 2) * 1000);
  webhookTimer.unref();
  // Automation (lib/automation): event rules on the events the database queued, time rules by a
  // sweep; both safe side by side across instances (SKIP LOCKED claims, one run row per trigger).
  const requestAutomationEvents = () => boss.send(queues.automationEvents, {}).catch((e) => log("could not request the automation event rules", e));
  await boss.work(queues.automationEvents, { pollingIntervalSeconds: 1 }, async () => {
    const { claimed, fired } = await runEventRules();
    if (fired > 0) await requestRelay();
    if (claimed > 0) await requestAutomationEvents();
  });
  const requestAutomationSweep = () => boss.send(queues.automationSweep, {}).catch((e) => log("could not request the automation sweep", e));
  await boss.work(queues.automationSweep, { pollingIntervalSeconds: 1 }, async () => {
    const { fired } = await sweepTimeRules();
    if (fired > 0) await requestRelay();
  });
  await requestAutomationEvents();
  await requestAutomationSweep();
  const automationEventsTimer = setInterval(() => void requestAutomationEvents(), (options.automationEventsEverySeconds ?? 2) * 1000);
  automationEventsTimer.unref();
  const automationSweepTimer = setInterval(() => void requestAutomationSweep(), (options.automationSweepEverySeconds ?? 60) * 1000);
  automationSweepTimer.unref();

  const requestSweep = () => boss.send(queues.slaSweep, {}).catch((e) => log("could not request an SLA sweep", e));
  const requestPulse = () => boss.send(queues.pulseRounds, {}).catch((e) => log("could not request the pulse rounds", e));
  const requestRollup = () => boss.send(queues.satisfactionPublication, {}).catch((e) => log("could not request the satisfaction publication", e));
  await requestSweep();
  await requestRelay();
  await requestRollup();
  await requestPulse();
  const requestOrganisationRollup = () => boss.send(queues.organisationRollup, {}).catch((e) => log("could not request the organisation roll-up", e));
  await requestOrganisationRollup();
  const requestDashboardRollup = () => boss.send(queues.dashboardRollup, {}).catch((e) => log("could not request the dashboard roll-up", e));
  await requestDashboardRollup();
  await requestInbound();
  const inboundTimer = setInterval(() => void requestInbound(), 5_000);
  inboundTimer.unref();
  let imapTimer: NodeJS.Timeout | undefined;
  let imapWatchers: ImapWatcher[] = [];
  if (imapUrls.length) {
    await requestImapPoll();
    imapTimer = setInterval(() => void requestImapPoll(), (options.imapPollSeconds ?? 30) * 1000);
    imapTimer.unref();
    if (options.imapIdle ?? true) {
      imapWatchers = imapUrls.map((url) => watchImapMailbox({ url, onMail: () => void requestImapPoll(), log, reconnectMs: options.imapReconnectMs, oauth: options.imapOAuth }));
    }
  }
  const requestExpectations = () => boss.send(queues.expectations, {}).catch((e) => log("could not request the expectations", e));
  await requestExpectations();
  const expectationsTimer = setInterval(() => void requestExpectations(), (options.expectationsEverySeconds ?? 3600) * 1000);
  expectationsTimer.unref();
  const timer = setInterval(() => void requestSweep(), (options.sweepEverySeconds ?? 15) * 1000);
  const relayTimer = setInterval(() => void requestRelay(), (options.relayEverySeconds ?? 5) * 1000);
  const rollupTimer = setInterval(() => void requestRollup(), (options.publishEverySeconds ?? 60) * 1000);
  timer.unref();
  relayTimer.unref();
  const pulseTimer = setInterval(() => void requestPulse(), (options.pulseEverySeconds ?? 60) * 1000);
  pulseTimer.unref();
  const organisationTimer = setInterval(() => void requestOrganisationRollup(), (options.organisationRollupEverySeconds ?? 300) * 1000);
  const dashboardTimer = setInterval(() => void requestDashboardRollup(), (options.dashboardRollupEverySeconds ?? 60) * 1000);
  rollupTimer.unref();
  organisationTimer.unref();
  dashboardTimer.unref();

  return {
    boss,
    requestSweep,
    requestRelay,
    requestRollup,
    requestPulse,
    requestOrganisationRollup,
    requestDashboardRollup,
    requestInbound,
    requestImapPoll,
    requestExpectations,
    imapWatchers,
    requestWebhookFanOut,
    requestAutomationEvents,
    requestAutomationSweep,
    /** Stops fetching jobs and waits for running ones, at most timeoutMs. */
    async stop(timeoutMs = 10_000) {
      clearInterval(webhookTimer);
      clearInterval(automationEventsTimer);
      clearInterval(automationSweepTimer);
      clearInterval(inboundTimer);
      clearInterval(imapTimer);
      await Promise.all(imapWatchers.map((w) => w.stop()));
      clearInterval(expectationsTimer);
      clearInterval(organisationTimer);
      clearInterval(dashboardTimer);
      clearInterval(timer);
      clearInterval(relayTimer);
      clearInterval(rollupTimer);
      clearInterval(pulseTimer);
      await boss.stop({ graceful: true, wait: true, timeout: Math.max(timeoutMs, 1) });
      await closeBossPool();
    },
  };
}


/**
 * Runs a job that must not overlap with itself across instances, or skips it (undefined) while
 * another instance runs it. The lock is a session advisory lock on a connection held for the run:
 * an instance that dies releases it with its connection, so the next run is not held up. The
 * embedded database has one instance (and one connection): nothing to exclude.
 */
export async function exclusive<T>(options: { pool: pg.Pool; embedded: boolean }, name: string, run: () => Promise<T>): Promise<T | undefined> {
  if (options.embedded) return run();
  const client = await options.pool.connect();
  let broken = false;
  // The connection sits idle, holding the lock, while the job runs on other connections: if
  // PostgreSQL ends it then (a restart), the client emits "error" with no query to reject, an
  // uncaught exception unless someone listens. The lock died with it: mark it broken and move on.
  const onError = () => (broken = true);
  client.on("error", onError);
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS locked", [`desk-job:${name}`]);
    if (!rows[0]?.locked) return undefined;
    try {
      return await run();
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext($1))", [`desk-job:${name}`]).catch(() => (broken = true));
    }
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}
