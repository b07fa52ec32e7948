import type { Db } from "@/lib/db/create-client";
import { Prisma } from "@/lib/generated/prisma/client";

/** How long an Idempotency-Key keeps the copy of its first response (Stripe keeps keys 24 hours). */
export const KEEP_IDEMPOTENT_RESPONSE_DAYS = 7;

/**
 * Drops the response copies of keys older than that: they hold the request as it was filed
 * (title, description, field values), which should not outlive edits and clean-ups for good. The
 * key itself stays: it is tied to its request for ever (the filing's submission key), so a retry
 * still files nothing twice and still gets the same request, as it is now, and the same key with
 * another body is still refused. Run hourly by the jobs (lib/jobs/run-jobs.ts).
 */
export async function purgeIdempotentResponses(db: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - KEEP_IDEMPOTENT_RESPONSE_DAYS * 24 * 60 * 60_000);
  const { count } = await db.apiIdempotencyKey.updateMany({
    where: { createdAt: { lt: before }, NOT: { response: { equals: Prisma.AnyNull } } },
    data: { response: Prisma.DbNull },
  });
  return count;
}
