import type PgBoss from "pg-boss";
import type { Db } from "@/lib/db/create-client";
import type { EmailJob } from "@/lib/notifications/notify";

export const emailQueue = "email";

/** pg-boss's retry settings for each delivery job. */
export type RetryPolicy = { retryLimit: number; retryDelay: number; retryBackoff: boolean };

/** How long a worker may take over one send before its claim lapses (nodemailer's timeouts are far shorter). */
const LEASE_MS = 5 * 60_000;
/** A queued row handed over this long ago with no attempt since lost its job (it failed outside the handler): hand it over again. */
const ORPHAN_MS = 60 * 60_000;

export type DeliveryJob = { deliveryId: string };

/**
 * The outbox relay: hands queued EmailDelivery rows to pg-boss. The rows are marked and their jobs
 * inserted in one transaction (pg-boss's insert runs on this transaction's connection), so a row is
 * handed over exactly when its job exists. Rows whose worker died mid-send (lease run out) or whose
 * job vanished are handed over again; the delivery job's claim keeps that from sending twice.
 */
export async function relayEmails(db: Db, boss: PgBoss, policy: RetryPolicy, options: { now?: Date; batch?: number } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const orphaned = new Date(now.getTime() - ORPHAN_MS);
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "EmailDelivery" SET "handedOverAt" = ${now}, "lockedUntil" = NULL, "updatedAt" = ${now}
       WHERE id IN (
         SELECT id FROM "EmailDelivery"
          WHERE status = 'QUEUED'
            AND ("handedOverAt" IS NULL
              OR "lockedUntil" < ${now}
              OR ("lockedUntil" IS NULL AND "handedOverAt" < ${orphaned} AND ("lastAttemptAt" IS NULL OR "lastAttemptAt" < ${orphaned})))
          ORDER BY "createdAt"
          LIMIT ${options.batch ?? 200}
          FOR UPDATE SKIP LOCKED)
      RETURNING id`;
    if (rows.length === 0) return 0;
    await boss.insert(
      rows.map((r) => ({ name: emailQueue, data: { deliveryId: r.id } satisfies DeliveryJob, expireInSeconds: 180, ...policy })),
      { db: { executeSql: async (text: string, values: unknown[]) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values.map((v) => v ?? null)) }) } },
    );
    return rows.length;
  });
}

/** A failure that retrying cannot fix (no mail server configured, an address the server rejects for good). */
export class PermanentEmailError extends Error {
  override name = "PermanentEmailError";
}

/** SMTP 5xx replies are permanent; connection trouble and 4xx are worth retrying. */
function isPermanent(error: unknown): boolean {
  if (error instanceof PermanentEmailError) return true;
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

/** Sent emails are kept this long for the admin page, then deleted: their text carries request contents. */
export const KEEP_SENT_DAYS = 30;

export async function purgeSentEmails(db: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - KEEP_SENT_DAYS * 24 * 60 * 60_000);
  const { count } = await db.emailDelivery.deleteMany({ where: { status: "SENT", createdAt: { lt: before } } });
  return count;
}

export type DeliveryOutcome = "sent" | "retrying" | "failed" | "skipped";

/** What a delivery hands back: the local outbox keeps the composed message. */
export type Delivered = void | { raw?: string };

/**
 * Emails this process sent whose SENT mark has not been written yet (the database failed right
 * after the mail server's 250). The fact is held here and the mark retried, never the send: a job
 * that comes back for such a row writes the mark and sends nothing.
 */
const unmarked = new Map<string, { sentAt: Date; raw?: string }>();

const MARK_TRIES = 4;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function markSent(db: Db, deliveryId: string, fact: { sentAt: Date; raw?: string }, tries = MARK_TRIES): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.emailDelivery.updateMany({
        where: { id: deliveryId, status: { not: "SENT" } },
        data: { status: "SENT", sentAt: fact.sentAt, lockedUntil: null, lastError: null, ...(fact.raw ? { raw: fact.raw } : {}) },
      });
      unmarked.delete(deliveryId);
      return;
    } catch (error) {
      if (attempt >= tries) throw error;
      await pause(250 * 2 ** attempt);
    }
  }
}

/** How many sent emails wait for their mark in this process (tests and health). */
export const unmarkedSends = () => unmarked.size;

/**
 * One attempt at one email. The row is claimed first (only a queued row nobody else is sending), so
 * a job handed over twice sends once. A failure is recorded with its error; on the job's last try,
 * or when retrying cannot help, the row becomes FAILED (an admin can retry it), otherwise the error is rethrown for pg-boss to
 * retry with its backoff. Once the mail server has taken the mail, only the mark is retried
 * (`unmarked`); what no process can avoid, a crash between the server's answer and the mark, sends
 * the same message again with the same Message-ID (lib/email/compose-notification.ts), which mail
 * clients collapse.
 */
export async function deliverEmail(
  db: Db,
  options: { deliveryId: string; finalAttempt: boolean; deliver: (mail: EmailJob) => Promise<Delivered>; now?: Date },
): Promise<DeliveryOutcome> {
  const held = unmarked.get(options.deliveryId);
  if (held) {
    await markSent(db, options.deliveryId, held, 1);
    return "sent";
  }
  const now = options.now ?? new Date();
  const [row] = await db.$queryRaw<EmailJob[]>`
    UPDATE "EmailDelivery"
       SET "lockedUntil" = ${new Date(now.getTime() + LEASE_MS)}, "attempts" = "attempts" + 1, "lastAttemptAt" = ${now}, "updatedAt" = ${now}
     WHERE id = ${options.deliveryId} AND status = 'QUEUED' AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
    RETURNING id, "to", "subject", "text", "requestId", "personId", "kind"`;
  if (!row) return "skipped";
  let delivered: Delivered;
  try {
    delivered = await options.deliver(row);
  } catch (error) {
    const final = options.finalAttempt || isPermanent(error);
    await db.emailDelivery.update({
      where: { id: options.deliveryId },
      data: { lockedUntil: null, lastError: describe(error), status: final ? "FAILED" : "QUEUED" },
    });
    if (final) return "failed";
    throw error;
  }
  const fact = { sentAt: new Date(), raw: delivered?.raw };
  unmarked.set(options.deliveryId, fact);
  await markSent(db, options.deliveryId, fact);
  return "sent";
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 1000) || "unknown error";
}
