import { db, dbPool } from "@/lib/db/client";
import { imapOAuthConfig } from "@/lib/email/imap-oauth";
import { replyTokenKey } from "@/lib/email/reply-token";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { startJobs } from "./run-jobs";
import { jobWorkers, keepStarting } from "./workers-state";

/**
 * Starts this instance's job workers once (dev reloads call register() again). A failed start
 * (pg-boss creating its schema can deadlock with another instance doing the same; the database may
 * be restarting) is retried with backoff until it succeeds; meanwhile health says "degraded".
 */
export async function startAppJobs() {
  const e = env();
  const state = jobWorkers();
  if (!e.DATABASE_URL || !e.DESK_JOBS) {
    state.status = "disabled";
    return;
  }
  if (state.status !== "idle") return;
  await keepStarting({
    state,
    start: () =>
      startJobs({
        db: db(),
        pool: dbPool(),
        url: e.DATABASE_URL!,
        embedded: e.DESK_EMBEDDED,
        baseUrl: e.NEXTAUTH_URL,
        smtpUrl: e.SMTP_URL,
        mailFrom: e.MAIL_FROM,
        replyAddress: e.MAIL_REPLY_ADDRESS,
        replyKey: replyTokenKey(),
        localOutbox: e.DESK_EMBEDDED && !e.SMTP_URL,
        imapUrls: e.INBOUND_IMAP_URLS,
        imapPollSeconds: e.INBOUND_IMAP_POLL_SECONDS,
        imapIdle: e.INBOUND_IMAP_IDLE,
        imapOAuth: imapOAuthConfig(e),
        automationSweepEverySeconds: e.DESK_AUTOMATION_SWEEP_SECONDS,
        inboundMaxBytes: Math.floor(e.INBOUND_MAX_MB * 1024 * 1024),
        webhooks: {
          retry: { retryLimit: e.DESK_WEBHOOK_RETRIES },
          allowPrivate: e.DESK_WEBHOOK_ALLOW_PRIVATE,
          timeoutMs: e.DESK_WEBHOOK_TIMEOUT_SECONDS * 1000,
          disableAfter: e.DESK_WEBHOOK_DISABLE_AFTER,
        },
        log: (message, error) => logger.error({ err: error }, message),
      }),
    onError: (error, retryInMs) => logger.error({ err: error, retryInMs }, "job workers failed to start: retrying"),
  });
}
