import { db } from "@/lib/db/client";

/**
 * Sets a throttle's count in the window after the current one, so that every call until then is
 * over it whatever the clock does: a test cannot straddle a window boundary. Returns the key, for
 * the test's clean-up.
 */
export async function fillNextWindow(key: string, count: number, windowSeconds = 60): Promise<string> {
  await db().$executeRaw`
    INSERT INTO "RateWindow" ("key", "windowStart", "count")
    VALUES (${key}, date_bin(make_interval(secs => ${windowSeconds}::int), now() AT TIME ZONE 'UTC', TIMESTAMP '2000-01-01') + make_interval(secs => ${windowSeconds}::int), ${count})
    ON CONFLICT ("key") DO UPDATE SET "count" = EXCLUDED."count", "windowStart" = EXCLUDED."windowStart"`;
  return key;
}
