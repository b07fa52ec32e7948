import type { Db } from "@/lib/db/create-client";

/** Deliveries are kept this long for their owner's log, then deleted: their bodies carry request contents. */
export const KEEP_DELIVERIES_DAYS = 30;

export async function purgeWebhookDeliveries(db: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - KEEP_DELIVERIES_DAYS * 24 * 60 * 60_000);
  const { count } = await db.webhookDelivery.deleteMany({ where: { createdAt: { lt: before }, status: { in: ["SUCCEEDED", "FAILED", "SKIPPED"] } } });
  return count;
}
