import "server-only";
import { db } from "@/lib/db/client";
import { processInboundEmail, type InboundSettings } from "./process-inbound-email";

const LEASE_MS = 5 * 60_000;
/** A mail whose processing threw this many times is left FAILED for an admin. */
export const MAX_INBOUND_ATTEMPTS = 5;

/**
 * The inbound job: claims stored mails (a lease, so N instances never process one twice at once and
 * a dead worker's claim lapses) and processes them one by one, oldest first.
 */
export async function processPendingInbound(options: { settings?: InboundSettings; batch?: number; log?: (message: string, error?: unknown) => void } = {}): Promise<number> {
  const now = new Date();
  const claimed = await db().$queryRaw<{ id: string; attempts: number }[]>`
    UPDATE "InboundEmail" SET "lockedUntil" = ${new Date(now.getTime() + LEASE_MS)}, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM "InboundEmail"
        WHERE status = 'RECEIVED' AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
        ORDER BY "receivedAt", id
        LIMIT ${options.batch ?? 20}
        FOR UPDATE SKIP LOCKED)
    RETURNING id, attempts`;
  for (const row of claimed.sort((a, b) => a.id.localeCompare(b.id))) {
    try {
      await processInboundEmail({ inboundId: row.id, settings: options.settings });
    } catch (error) {
      options.log?.(`inbound mail ${row.id} could not be processed`, error);
      const final = row.attempts >= MAX_INBOUND_ATTEMPTS;
      const message = error instanceof Error ? error.message : String(error);
      await db().inboundEmail.update({
        where: { id: row.id },
        data: final ? { status: "FAILED", outcome: message.slice(0, 1000), lockedUntil: null } : { lockedUntil: null, outcome: message.slice(0, 1000) },
      });
    }
  }
  return claimed.length;
}
