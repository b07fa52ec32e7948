import type { Db } from "@/lib/db/create-client";
import { Prisma } from "@/lib/generated/prisma/client";
import { MS_PER_DAY } from "@/lib/sla/civil-date";
import { agentDays, complianceDays, dayKey, dayRuns, firstUnstoredDay, volumeDays, ZONE_SLACK_MS, type Client } from "./dashboard-days";
import { pauseDays } from "./pause-days";

/**
 * The dashboard-rollup job (lib/jobs/run-jobs.ts) keeps the head dashboard's day rows
 * (dashboard-days.ts) and the SLA report's pauses (pause-days.ts) for the whole organisation, for every day from the first request's to the day
 * before yesterday (UTC): yesterday and today may still be under way in some department's zone and
 * are never stored. Days are dates of each department's zone, so "the days an instant may have
 * moved" are every date it falls on in some zone: its UTC date and the dates ZONE_SLACK_MS either
 * side. Each run:
 * 1. forgets the days that may have changed since the last run: every day of a changed request's
 *    events (the event log is append-only, so an earlier resolution's day is known), its filing and
 *    resolution, and its clocks' decision days, plus every day since the last run. A request changed
 *    when it has an event or a clock computed since the last run (less MARGIN_MS, for transactions
 *    that committed late), or a running clock whose due time has passed since (it breached without
 *    an event, and may outrank an earlier cycle). A forgotten day is read live until recomputed.
 * 2. computes the days without a marker, the forgotten ones first, then the rest newest first, a
 *    calendar month (or the forgotten days of one) per transaction and up to `batches` of them;
 *    `remaining` says how many days are still missing and the job asks for another run at once.
 * The last run's start is kept in the Setting table (dashboardRollupKey).
 */

export const dashboardRollupKey = "dashboardRollup";
type RollupState = { lastRunAt: string };

/** How late a transaction may commit after writing its event and still be seen by the next run. */
export const MARGIN_MS = 5 * 60_000;
/** Months (transactions) one run computes at most. */
export const BATCHES_PER_RUN = 3;

// Held by each transaction that writes day markers, here and in recomputeClocks (forgetDashboardDays),
// so a marker is never written by a computation that missed a change invalidating it.
const lockSql = Prisma.sql`SELECT pg_advisory_xact_lock(7300461)`;
const lock = (tx: Client) => tx.$executeRaw(lockSql);

/** The dates an instant (SQL, timestamp holding UTC) falls on in some zone: at most three. */
const datesOf = (instant: string) =>
  Prisma.raw(`(${instant} - interval '15 hours')::date, (${instant})::date, (${instant} + interval '15 hours')::date`);

/**
 * Forgets every stored day: for a change that moves all of a department's days (its time zone, its
 * pause statuses).
 * Held under the roll-up's lock like every writer of markers.
 */
export async function forgetAllDashboardDays(tx: Client): Promise<void> {
  await lock(tx);
  await tx.$executeRaw`DELETE FROM "DashboardRollupDay"`;
}

/**
 * Forgets the markers of the given days (the rows stay until recomputed but are no longer read).
 * For writers that change what a day counts without an event: recomputeClocks.
 */
export async function forgetDashboardDays(tx: Client, days: readonly string[]): Promise<void> {
  if (days.length === 0) return;
  await lock(tx);
  await tx.$executeRaw`DELETE FROM "DashboardRollupDay" WHERE "day" = ANY(${[...new Set(days)]}::date[])`;
}

/** Computes and stores the given days for the whole organisation, in one transaction, marked computed at `now`. */
export async function computeDashboardDays(db: Db, options: { days: readonly string[]; now: Date; departmentIds?: readonly string[] }): Promise<void> {
  const ranges = dayRuns(options.days);
  if (ranges.length === 0) return;
  const ids = options.departmentIds ?? (await db.department.findMany({ select: { id: true } })).map((d) => d.id);
  const { now } = options;
  await db.$transaction(
    async (tx) => {
      await lock(tx);
      // Rows go in ordered by (departmentId, day): a department's days then lie on consecutive pages,
      // and a reader's range of the key (one department, a quarter) reads a few pages of the heap
      // instead of one page per day (the organisation's rows of a day were interleaved: at 1,000,000
      // requests a quarter of DashboardVolumeDay for the busiest department was 9,852 rows on 5,241 pages).
      for (const range of ranges) {
        const within = Prisma.sql`"day" >= ${dayKey(range.from)}::date AND "day" < ${dayKey(range.to)}::date`;
        await tx.$executeRaw`DELETE FROM "DashboardComplianceDay" WHERE ${within}`;
        await tx.$executeRaw`DELETE FROM "DashboardVolumeDay" WHERE ${within}`;
        await tx.$executeRaw`DELETE FROM "DashboardAgentDay" WHERE ${within}`;
        await tx.$executeRaw`DELETE FROM "DashboardPauseDay" WHERE ${within}`;
        await tx.$executeRaw`DELETE FROM "DashboardPause" WHERE ${within}`;
        await tx.$executeRaw`
          INSERT INTO "DashboardComplianceDay" ("departmentId", "day", "metric", "met", "breached", "nearBreach", "everBreached")
          SELECT "departmentId", "day", "metric", "met", "breached", "nearBreach", "everBreached" FROM (${complianceDays(range, ids, now)}) x ORDER BY 1, 2`;
        await tx.$executeRaw`
          INSERT INTO "DashboardVolumeDay" ("departmentId", "day", "typeId", "requesterDepartmentId", "created", "resolved")
          SELECT "departmentId", "day", "typeId", "requesterDepartmentId", "created", "resolved" FROM (${volumeDays(range, ids)}) x ORDER BY 1, 2`;
        await tx.$executeRaw`
          INSERT INTO "DashboardAgentDay" ("departmentId", "day", "agentId", "assigned", "resolved", "resolutionMet", "resolutionBreached")
          SELECT "departmentId", "day", "agentId", "assigned", "resolved", "resolutionMet", "resolutionBreached" FROM (${agentDays(range, ids)}) x ORDER BY 1, 2`;
        // The pauses once, for both tables: each pause, and the counts per agent ("" for none).
        await tx.$executeRaw`
          WITH p AS MATERIALIZED (${pauseDays(range, ids, "events")}),
          each AS (
            INSERT INTO "DashboardPause" ("departmentId", "day", "eventId", "requestId", "agentId", "pausedAt", "repliedAt")
            SELECT "departmentId", "day", "eventId", "requestId", "agentId", "pausedAt", "repliedAt" FROM p ORDER BY 1, 2)
          INSERT INTO "DashboardPauseDay" ("departmentId", "day", "agentId", "pauses", "flagged")
          SELECT "departmentId", "day", COALESCE("agentId", ''), count(*)::int, (count(*) FILTER (WHERE "repliedAt" IS NOT NULL))::int FROM p GROUP BY 1, 2, 3 ORDER BY 1, 2`;
      }
      await tx.$executeRaw`
        INSERT INTO "DashboardRollupDay" ("day", "computedAt")
        SELECT d::date, ${now.toISOString()}::timestamp(3) FROM unnest(${[...options.days]}::date[]) d
        ON CONFLICT ("day") DO UPDATE SET "computedAt" = excluded."computedAt"`;
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}

/**
 * Days before `today` that a change since `since` may have moved (see the module comment), as
 * "YYYY-MM-DD". Changed requests are found by RequestEvent(createdAt), SlaClock(computedAt) and,
 * for due times passed, SlaClock(departmentId, stoppedAt, dueAt) per department.
 */
async function changedDays(tx: Client, options: { since: Date; now: Date; departmentIds: string[] }): Promise<string[]> {
  const since = Prisma.sql`${options.since.toISOString()}::timestamp(3)`;
  const now = Prisma.sql`${options.now.toISOString()}::timestamp(3)`;
  const rows = await tx.$queryRaw<{ day: string }[]>`
    WITH changed AS (
      SELECT e."requestId" FROM "RequestEvent" e WHERE e."createdAt" >= ${since}
      UNION
      SELECT c."requestId" FROM "SlaClock" c WHERE c."computedAt" >= ${since}
      UNION
      SELECT c."requestId" FROM "SlaClock" c
      WHERE c."departmentId" = ANY(${options.departmentIds}::text[]) AND c."stoppedAt" IS NULL AND c."dueAt" >= ${since} AND c."dueAt" < ${now}
    ),
    instants AS (
      SELECT e."createdAt" AS "at" FROM changed JOIN "RequestEvent" e ON e."requestId" = changed."requestId"
      UNION
      SELECT unnest(ARRAY[r."createdAt", r."resolvedAt"]) FROM changed JOIN "Request" r ON r."id" = changed."requestId"
      UNION
      SELECT COALESCE(c."breachedAt", c."stoppedAt", c."dueAt") FROM changed JOIN "SlaClock" c ON c."requestId" = changed."requestId"
    ),
    days AS (SELECT DISTINCT unnest(ARRAY[${datesOf('i."at"')}]) AS "day" FROM instants i WHERE i."at" IS NOT NULL)
    SELECT "day"::text AS "day" FROM days WHERE "day" < ${dayKey(firstUnstoredDay(options.now))}::date ORDER BY 1`;
  return rows.map((r) => r.day);
}

/** Days as batches of one transaction each: the days of one calendar month, newest month first. */
function monthBatches(days: readonly string[]): string[][] {
  const byMonth = new Map<string, string[]>();
  for (const day of [...days].sort().reverse()) {
    const month = day.slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), day]);
  }
  return [...byMonth.values()];
}

/**
 * One run of the job (see the module comment). `all`: every missing day in one transaction, one
 * INSERT ... SELECT per table over the whole range, instead of `batches` months: for filling an
 * empty roll-up over a large history at once (the bench generator), where a month per statement
 * repeats each statement's fixed costs two dozen times.
 */
export async function refreshDashboardRollup(
  db: Db,
  options: { now?: Date; batches?: number; all?: boolean } = {},
): Promise<{ changed: number; computed: number; remaining: number }> {
  const now = options.now ?? new Date();
  const unstored = firstUnstoredDay(now);
  const departmentIds = (await db.department.findMany({ select: { id: true } })).map((d) => d.id);

  const changed = await db.$transaction(
    async (tx) => {
      await lock(tx);
      const state = (await tx.setting.findUnique({ where: { key: dashboardRollupKey } }))?.value as RollupState | undefined;
      const lastRunAt = state ? new Date(state.lastRunAt) : null;
      let days: string[] = [];
      if (!lastRunAt || Number.isNaN(lastRunAt.getTime())) {
        // No record of a last run: nothing stored can be trusted.
        await tx.$executeRaw`DELETE FROM "DashboardRollupDay"`;
      } else {
        const since = new Date(lastRunAt.getTime() - MARGIN_MS);
        days = await changedDays(tx, { since, now, departmentIds });
        // Every date an instant since the last run falls on in some zone.
        await tx.$executeRaw`DELETE FROM "DashboardRollupDay" WHERE "day" = ANY(${days}::date[]) OR "day" >= ${dayKey(new Date(since.getTime() - ZONE_SLACK_MS))}::date`;
      }
      const value: RollupState = { lastRunAt: now.toISOString() };
      await tx.setting.upsert({ where: { key: dashboardRollupKey }, create: { key: dashboardRollupKey, value }, update: { value } });
      return days;
    },
    { timeout: 5 * 60_000, maxWait: 60_000 },
  );

  // Every day from the first request's (in the zone furthest behind) to the last storable one that has no marker, newest first.
  const [first] = await db.$queryRaw<{ at: Date | null }[]>`
    SELECT min(x."at") AS "at" FROM "Department" d CROSS JOIN LATERAL (SELECT min(r."createdAt") AS "at" FROM "Request" r WHERE r."departmentId" = d."id") x`;
  const missing =
    first?.at && first.at.getTime() - ZONE_SLACK_MS < unstored.getTime()
      ? (
          await db.$queryRaw<{ day: string }[]>`
            SELECT d::date::text AS "day" FROM generate_series(${dayKey(new Date(first.at.getTime() - ZONE_SLACK_MS))}::timestamp, ${dayKey(new Date(unstored.getTime() - MS_PER_DAY))}::timestamp, interval '1 day') d
            WHERE NOT EXISTS (SELECT 1 FROM "DashboardRollupDay" m WHERE m."day" = d::date)
            ORDER BY 1 DESC`
        ).map((r) => r.day)
      : [];
  const forgotten = new Set(changed);
  const batches = [...monthBatches(missing.filter((d) => forgotten.has(d))), ...monthBatches(missing.filter((d) => !forgotten.has(d)))];
  const run = options.all ? (missing.length ? [missing] : []) : batches.slice(0, options.batches ?? BATCHES_PER_RUN);
  for (const days of run) await computeDashboardDays(db, { days, now, departmentIds });
  const computed = run.reduce((n, b) => n + b.length, 0);
  return { changed: changed.length, computed, remaining: missing.length - computed };
}
