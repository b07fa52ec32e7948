import { db, dbPool } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { startJobs } from "./run-jobs";
import { jobWorkers, type JobWorkersHandle } from "./workers-state";

/** Retry delays of a failed start: 1 s doubling to at most 30 s, with jitter so instances do not retry in step. */
export function restartDelayMs(attempt: number, random = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
  return Math.round(base * (0.75 + random() * 0.5));
}

/**
 * Starts this instance's job workers once (dev reloads call register() again). A failed start
 * (pg-boss creating its schema can deadlock with another instance doing the same, the database may
 * be restarting) is retried with backoff until it succeeds; meanwhile health says "degraded".
 * Resolves after the first attempt, successful or not.
 */
export async function startAppJobs() {
  const e = env();
  const state = jobWorkers();
  if (!e.DATABASE_URL || !e.DESK_JOBS) {
    state.status = "disabled";
    return;
  }
  if (state.status !== "idle") return;
  state.status = "starting";
  const attempt = async (n: number): Promise<void> => {
    if (state.stopping) return;
    try {
      const handle: JobWorkersHandle = await startJobs({
        db: db(),
        pool: dbPool(),
        url: e.DATABASE_URL!,
        embedded: e.DESK_EMBEDDED,
        baseUrl: e.NEXTAUTH_URL,
        smtpUrl: e.SMTP_URL,
        mailFrom: e.MAIL_FROM,
        log: (message, error) => logger.error({ err: error }, message),
      });
      state.handle = handle;
      state.status = "running";
      if (n > 0) logger.warn({ attempt: n + 1 }, "job workers started after retrying");
      if (state.stopping) await handle.stop(0);
    } catch (error) {
      state.status = "down";
      const delay = restartDelayMs(n);
      logger.error({ err: error, retryInMs: delay }, "job workers failed to start: retrying");
      state.retry = setTimeout(() => void attempt(n + 1), delay);
      state.retry.unref();
    }
  };
  await attempt(0);
}
