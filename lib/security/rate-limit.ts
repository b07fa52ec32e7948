import "server-only";
import crypto from "node:crypto";
import type { Db } from "@/lib/db/create-client";
import { sql } from "@/lib/db/sql";
import { Prisma } from "@/lib/generated/prisma/client";

export type RateState = { limit: number; remaining: number; resetSeconds: number; allowed: boolean };

/** What is counted: API calls of a person, sign-in attempts of an address or an IP, a person's Server Actions. */
export type RateScope = "api" | "signin-address" | "signin-ip" | "action" | "scim";

/** The row's key: the subject (an email, an IP) is hashed, so the table holds no addresses and any text fits. */
export const rateKey = (scope: RateScope, subject: string) => `${scope}:${crypto.createHash("sha256").update(subject).digest("hex").slice(0, 40)}`;

/** rateKey computed by the database, for a subject a statement reads (a token's person): the same text. */
export const rateKeySql = (scope: RateScope, subject: Prisma.Sql) => Prisma.sql`${`${scope}:`}::text || left(encode(sha256(convert_to(${subject}, 'UTF8')), 'hex'), 40)`;

/**
 * The statement that counts one call (consumeRateLimit says how), as a fragment: for a key the
 * statement computes, from `from` (one row, or none to count nothing). Returns "count" and "reset".
 */
export function rateWindowUpsert(options: { key: Prisma.Sql; from?: Prisma.Sql; seconds: number }): Prisma.Sql {
  const { seconds } = options;
  return Prisma.sql`
    INSERT INTO "RateWindow" ("key", "windowStart", "count")
    SELECT ${options.key}, date_bin(make_interval(secs => ${seconds}::int), now() AT TIME ZONE 'UTC', TIMESTAMP '2000-01-01'), 1 ${options.from ? Prisma.sql`FROM ${options.from}` : Prisma.empty}
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateWindow"."windowStart" >= EXCLUDED."windowStart" THEN "RateWindow"."count" + 1 ELSE 1 END,
      "windowStart" = GREATEST("RateWindow"."windowStart", EXCLUDED."windowStart")
    RETURNING "count",
      GREATEST(1, CEIL(EXTRACT(EPOCH FROM ("windowStart" + make_interval(secs => ${seconds}::int)) - (now() AT TIME ZONE 'UTC'))))::int AS "reset"`;
}

/** What the upsert returned, against the limit. */
export function rateStateOf(row: { count: number; reset: number }, limit: number): RateState {
  const count = Number(row.count);
  return { limit, remaining: Math.max(0, limit - count), resetSeconds: Number(row.reset), allowed: count <= limit };
}

/**
 * Counts one call of a subject against a fixed window and says whether it is allowed. One
 * statement on one row per subject: the database's clock picks the window and the upsert
 * serialises concurrent calls, so every app instance counts against the same number. Calls over
 * the limit still count, so a client that keeps hammering stays refused until the window ends.
 */
export async function consumeRateLimit(options: { scope: RateScope; subject: string; limit: number; windowSeconds?: number }): Promise<RateState> {
  // Through the pool, not Prisma's client: once on every API call and Server Action (lib/db/sql.ts says why).
  const [row] = await sql({ prepared: true }).$queryRaw<{ count: number; reset: number }[]>(
    rateWindowUpsert({ key: Prisma.sql`${rateKey(options.scope, options.subject)}::text`, seconds: options.windowSeconds ?? 60 }),
  );
  if (!row) throw new Error("rate limit upsert returned no row");
  return rateStateOf(row, options.limit);
}

/** Windows that ended a day ago count nothing any more; run hourly by the jobs (lib/jobs/run-jobs.ts). */
export async function purgeRateWindows(client: Db, now = new Date()): Promise<number> {
  const { count } = await client.rateWindow.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - 24 * 60 * 60_000) } } });
  return count;
}
