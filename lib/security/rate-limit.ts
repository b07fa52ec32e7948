import "server-only";
import crypto from "node:crypto";
import type { Db } from "@/lib/db/create-client";
import { sql } from "@/lib/db/sql";

export type RateState = { limit: number; remaining: number; resetSeconds: number; allowed: boolean };

/** What is counted: API calls of a person, sign-in attempts of an address or an IP, a person's Server Actions. */
export type RateScope = "api" | "signin-address" | "signin-ip" | "action" | "scim";

/** The row's key: the subject (an email, an IP) is hashed, so the table holds no addresses and any text fits. */
export const rateKey = (scope: RateScope, subject: string) => `${scope}:${crypto.createHash("sha256").update(subject).digest("hex").slice(0, 40)}`;

/**
 * Counts one call of a subject against a fixed window and says whether it is allowed. One
 * statement on one row per subject: the database's clock picks the window and the upsert
 * serialises concurrent calls, so every app instance counts against the same number. Calls over
 * the limit still count, so a client that keeps hammering stays refused until the window ends.
 */
export async function consumeRateLimit(options: { scope: RateScope; subject: string; limit: number; windowSeconds?: number }): Promise<RateState> {
  const key = rateKey(options.scope, options.subject);
  const seconds = options.windowSeconds ?? 60;
  // Through the pool, not Prisma's client: once on every API call and Server Action (lib/db/sql.ts says why).
  const [row] = await sql().$queryRaw<{ count: number; reset: number }[]>`
    INSERT INTO "RateWindow" ("key", "windowStart", "count")
    VALUES (${key}, date_bin(make_interval(secs => ${seconds}::int), now() AT TIME ZONE 'UTC', TIMESTAMP '2000-01-01'), 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateWindow"."windowStart" >= EXCLUDED."windowStart" THEN "RateWindow"."count" + 1 ELSE 1 END,
      "windowStart" = GREATEST("RateWindow"."windowStart", EXCLUDED."windowStart")
    RETURNING "count",
      GREATEST(1, CEIL(EXTRACT(EPOCH FROM ("windowStart" + make_interval(secs => ${seconds}::int)) - (now() AT TIME ZONE 'UTC'))))::int AS "reset"`;
  if (!row) throw new Error("rate limit upsert returned no row");
  const count = Number(row.count);
  return { limit: options.limit, remaining: Math.max(0, options.limit - count), resetSeconds: Number(row.reset), allowed: count <= options.limit };
}

/** Windows that ended a day ago count nothing any more; run hourly by the jobs (lib/jobs/run-jobs.ts). */
export async function purgeRateWindows(client: Db, now = new Date()): Promise<number> {
  const { count } = await client.rateWindow.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - 24 * 60 * 60_000) } } });
  return count;
}
