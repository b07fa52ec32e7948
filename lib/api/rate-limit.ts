import "server-only";
import { db } from "@/lib/db/client";

export type RateState = { limit: number; remaining: number; resetSeconds: number; allowed: boolean };

/**
 * Counts one call of a token against a fixed one-minute window and says whether it is allowed.
 * One statement on one row per token: the database's clock picks the window and the upsert
 * serialises concurrent calls, so every app instance counts against the same number. Calls over
 * the limit still count, so a client that keeps hammering stays refused until the window ends.
 */
export async function consumeRateLimit(options: { tokenId: string; limit: number }): Promise<RateState> {
  const [row] = await db().$queryRaw<{ count: number; reset: number }[]>`
    INSERT INTO "ApiRateWindow" ("tokenId", "windowStart", "count")
    VALUES (${options.tokenId}, date_bin('1 minute', now() AT TIME ZONE 'UTC', TIMESTAMP '2000-01-01'), 1)
    ON CONFLICT ("tokenId") DO UPDATE SET
      "count" = CASE WHEN "ApiRateWindow"."windowStart" >= EXCLUDED."windowStart" THEN "ApiRateWindow"."count" + 1 ELSE 1 END,
      "windowStart" = GREATEST("ApiRateWindow"."windowStart", EXCLUDED."windowStart")
    RETURNING "count",
      GREATEST(1, CEIL(EXTRACT(EPOCH FROM ("windowStart" + INTERVAL '1 minute') - (now() AT TIME ZONE 'UTC'))))::int AS "reset"`;
  if (!row) throw new Error("rate limit upsert returned no row");
  const count = Number(row.count);
  return { limit: options.limit, remaining: Math.max(0, options.limit - count), resetSeconds: Number(row.reset), allowed: count <= options.limit };
}
