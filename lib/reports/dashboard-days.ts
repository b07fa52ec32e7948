import type { Db, Tx } from "@/lib/db/create-client";
import type { Sql } from "@/lib/db/sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { MS_PER_DAY } from "@/lib/sla/civil-date";
import { countedClock, sqlTimestamp } from "./clock-sql";
import { complianceOutcomes, everBreached } from "./compliance-outcomes";

/**
 * The head dashboard's figures per day of the department's time zone, additive so that days add up
 * to every bucket of a dashboard period (weeks from the 1st, months, quarters, years of that zone)
 * without counting anything twice:
 *
 * - SLA compliance per department, day and metric: the clocks compliance-outcomes.ts counts (the one
 *   rule the SLA report uses too), each on the local day its outcome was decided.
 * - Volume per department holding the request now, day, type and requesting department: filed on
 *   createdAt's day, resolved on resolvedAt's day (the current resolution).
 * - Per agent: requests of the department assigned to them that day (assignment events, each request
 *   once a day), and requests resolved that day while assigned to them now, with the outcome of their
 *   department's last stopped resolution clock.
 *
 * A day is a calendar date; which instants it covers is decided per department from its zone, in
 * SQL (localDay, localMidnight), so one stored row set serves departments in every zone. Each table
 * has ONE definition below, computing its rows for a range of days for some departments. The
 * dashboard-rollup job stores them for the whole organisation (dashboard-rollup.ts), and the reports
 * read stored rows for days the job has computed and run the same definition live for the rest (the
 * last two UTC days always), so stored and live figures cannot disagree.
 */

/** A met clock that had used at least this share of its target when it stopped is a near-breach. */
export const NEAR_BREACH_SHARE = 0.75;

/** Calendar days [from, to), each written as midnight UTC of its date. */
export type DayRange = { from: Date; to: Date };

export type Client = Db | Tx;

const ts = sqlTimestamp;
const date = (d: Date) => Prisma.sql`${dayKey(d)}::date`;

/** "YYYY-MM-DD" of a day (midnight UTC of its date). */
export const dayKey = (d: Date) => d.toISOString().slice(0, 10);
/** Midnight UTC of a "YYYY-MM-DD" day. */
export const dayStart = (key: string) => new Date(`${key}T00:00:00.000Z`);
/** Midnight UTC of the day an instant falls on. */
export const startOfDay = (d: Date) => new Date(Math.floor(d.getTime() / MS_PER_DAY) * MS_PER_DAY);

/** Sorted "YYYY-MM-DD" days as ranges of consecutive days. */
export function dayRuns(days: readonly string[]): DayRange[] {
  const out: DayRange[] = [];
  for (const key of [...days].sort()) {
    const from = dayStart(key);
    const last = out.at(-1);
    if (last && last.to.getTime() === from.getTime()) last.to = new Date(from.getTime() + MS_PER_DAY);
    else out.push({ from, to: new Date(from.getTime() + MS_PER_DAY) });
  }
  return out;
}

/**
 * No zone is further than this from UTC (UTC-12 to UTC+14): a local day's instants lie within its
 * UTC date widened by it, which lets range scans use the indexes before the exact local-day check.
 */
export const ZONE_SLACK_MS = 15 * 3_600_000;
export const wide = (range: DayRange) => ({ from: ts(new Date(range.from.getTime() - ZONE_SLACK_MS)), to: ts(new Date(range.to.getTime() + ZONE_SLACK_MS)) });

/** The date a stored instant (timestamp holding UTC) falls on in the zone `zone` (SQL). */
export const localDay = (instant: Prisma.Sql, zone: Prisma.Sql) => Prisma.sql`((${instant} AT TIME ZONE 'UTC') AT TIME ZONE ${zone})::date`;
/** The instant (timestamp holding UTC) of local midnight of a day in the zone `zone` (SQL). */
export const localMidnight = (day: Date, zone: Prisma.Sql) => Prisma.sql`((${date(day)})::timestamp AT TIME ZONE ${zone}) AT TIME ZONE 'UTC'`;
/** Whether a stored instant falls on a day of the range in the zone. */
export const inLocalRange = (instant: Prisma.Sql, zone: Prisma.Sql, range: DayRange) =>
  Prisma.sql`${localDay(instant, zone)} >= ${date(range.from)} AND ${localDay(instant, zone)} < ${date(range.to)}`;

const zone = Prisma.sql`dep."timeZone"`;

/**
 * SLA outcomes decided in the range per (departmentId, day, metric): met, breached, nearBreach and
 * (resolution) everBreached, by the one counting rule (compliance-outcomes.ts), on the day of the
 * department's zone. The SLA report reads these days too for its per-metric view.
 */
export function complianceDays(range: DayRange, departmentIds: readonly string[], now: Date): Prisma.Sql {
  const outcomes = complianceOutcomes({ departmentId: Prisma.sql`dep."id"`, from: localMidnight(range.from, zone), to: localMidnight(range.to, zone), now });
  return Prisma.sql`
    SELECT o."departmentId", ${localDay(Prisma.sql`o."decidedAt"`, zone)} AS "day", o."metric",
      (count(*) FILTER (WHERE NOT o."breached"))::int AS "met",
      (count(*) FILTER (WHERE o."breached"))::int AS "breached",
      (count(*) FILTER (WHERE NOT o."breached" AND o."elapsedMinutes" >= o."targetMinutes" * ${NEAR_BREACH_SHARE}::float8))::int AS "nearBreach",
      (count(*) FILTER (WHERE ${everBreached("o")}))::int AS "everBreached"
    FROM "Department" dep CROSS JOIN LATERAL (${outcomes}) o
    WHERE dep."id" = ANY(${departmentIds}::text[])
    GROUP BY 1, 2, 3`;
}

/** Requests filed and resolved in the range per (departmentId, day, typeId, requesterDepartmentId): created, resolved. */
export function volumeDays(range: DayRange, departmentIds: readonly string[]): Prisma.Sql {
  const w = wide(range);
  return Prisma.sql`
    SELECT v."departmentId", v."day", v."typeId", v."requesterDepartmentId", sum(v."created")::int AS "created", sum(v."resolved")::int AS "resolved"
    FROM (
      SELECT r."departmentId", ${localDay(Prisma.sql`r."createdAt"`, zone)} AS "day", r."typeId", r."requesterDepartmentId", 1 AS "created", 0 AS "resolved"
      FROM "Request" r JOIN "Department" dep ON dep."id" = r."departmentId"
      WHERE r."departmentId" = ANY(${departmentIds}::text[]) AND r."createdAt" >= ${w.from} AND r."createdAt" < ${w.to}
        AND ${inLocalRange(Prisma.sql`r."createdAt"`, zone, range)}
      UNION ALL
      SELECT r."departmentId", ${localDay(Prisma.sql`r."resolvedAt"`, zone)}, r."typeId", r."requesterDepartmentId", 0, 1
      FROM "Request" r JOIN "Department" dep ON dep."id" = r."departmentId"
      WHERE r."departmentId" = ANY(${departmentIds}::text[]) AND r."resolvedAt" >= ${w.from} AND r."resolvedAt" < ${w.to}
        AND ${inLocalRange(Prisma.sql`r."resolvedAt"`, zone, range)}
    ) v
    GROUP BY 1, 2, 3, 4`;
}

/**
 * Per (departmentId, day, agentId): assigned, resolved, resolutionMet, resolutionBreached. Anyone
 * assigned counts here; readers keep the department's agents. A reader reading live days may pass
 * those agents (`agentIds`): only their rows are computed, the same rows, found through their
 * assignments (xpr_assigned_events) instead of every department's assignments of the days joined to
 * every request the department ever had (a cost that grew with the organisation and the history).
 */
export function agentDays(range: DayRange, departmentIds: readonly string[], agentIds?: readonly string[]): Prisma.Sql {
  const w = wide(range);
  // The job (every assignee): the organisation's assignment events of the range by the createdAt index.
  // Unassignments (null) are left out by "<> ''", not "IS NOT NULL": the latter would make the planner
  // scan all of xpr_assigned_events for the range instead of the createdAt index.
  const allEvents = Prisma.sql`SELECT e."requestId", e."createdAt", e."to"->>'assigneeId' AS "agentId" FROM "RequestEvent" e
    WHERE e."type" = 'assigned' AND e."createdAt" >= ${w.from} AND e."createdAt" < ${w.to} AND e."to"->>'assigneeId' <> ''`;
  // A reader (its department's agents): each agent's assignments of the range, one range of
  // xpr_assigned_events (assigneeId, createdAt) per agent (LATERAL ... OFFSET 0 keeps it so), not
  // every department's assignment events of the range by the createdAt index filtered afterwards, a
  // cost that grew with the organisation. The same events: those of the listed agents.
  const agentsEvents = agentIds
    ? Prisma.sql`SELECT x.* FROM unnest(${agentIds}::text[]) AS a("id") CROSS JOIN LATERAL (
        SELECT e."requestId", e."createdAt", e."to"->>'assigneeId' AS "agentId" FROM "RequestEvent" e
        WHERE e."type" = 'assigned' AND e."to"->>'assigneeId' = a."id" AND e."createdAt" >= ${w.from} AND e."createdAt" < ${w.to}
        OFFSET 0) x`
    : null;
  return Prisma.sql`
    WITH assigned AS (
      SELECT r."departmentId", ${localDay(Prisma.sql`e."createdAt"`, zone)} AS "day", e."agentId", count(DISTINCT e."requestId")::int AS "n"
      FROM (${agentsEvents ?? allEvents}) e JOIN "Request" r ON r."id" = e."requestId" JOIN "Department" dep ON dep."id" = r."departmentId"
      WHERE ${inLocalRange(Prisma.sql`e."createdAt"`, zone, range)} AND r."departmentId" = ANY(${departmentIds}::text[])
      GROUP BY 1, 2, 3
    ),
    resolved AS (
      SELECT r."departmentId", ${localDay(Prisma.sql`r."resolvedAt"`, zone)} AS "day", r."assigneeId" AS "agentId", count(*)::int AS "n",
        (count(*) FILTER (WHERE k."breached" = false))::int AS "met", (count(*) FILTER (WHERE k."breached"))::int AS "breached"
      FROM "Request" r JOIN "Department" dep ON dep."id" = r."departmentId"
      LEFT JOIN LATERAL (
        SELECT c."breachedAt" IS NOT NULL AS "breached" FROM "SlaClock" c
        WHERE c."requestId" = r."id" AND c."metric" = 'RESOLUTION' AND c."departmentId" = r."departmentId" AND c."stoppedAt" IS NOT NULL AND ${countedClock("c")}
        ORDER BY c."segment" DESC, c."cycle" DESC LIMIT 1
      ) k ON true
      WHERE r."departmentId" = ANY(${departmentIds}::text[]) AND r."resolvedAt" >= ${w.from} AND r."resolvedAt" < ${w.to}
        AND ${inLocalRange(Prisma.sql`r."resolvedAt"`, zone, range)} AND ${agentIds ? Prisma.sql`r."assigneeId" = ANY(${agentIds}::text[])` : Prisma.sql`r."assigneeId" IS NOT NULL`}
      GROUP BY 1, 2, 3
    )
    SELECT COALESCE(a."departmentId", s."departmentId") AS "departmentId", COALESCE(a."day", s."day") AS "day", COALESCE(a."agentId", s."agentId") AS "agentId",
      COALESCE(a."n", 0) AS "assigned", COALESCE(s."n", 0) AS "resolved", COALESCE(s."met", 0) AS "resolutionMet", COALESCE(s."breached", 0) AS "resolutionBreached"
    FROM assigned a FULL JOIN resolved s ON s."departmentId" = a."departmentId" AND s."day" = a."day" AND s."agentId" = a."agentId"`;
}

/**
 * How a period is read: the days before today that the job has computed come from the roll-up
 * (`rolled`), every other day of the period (today, later days, days not yet or no longer computed)
 * live through the definitions (`live`, as ranges of consecutive days).
 */
export async function dashboardCoverage(client: Pick<Sql, "$queryRaw">, period: DayRange, now: Date): Promise<{ rolled: string[]; live: DayRange[] }> {
  const end = storedUntil(period, now);
  const rolled =
    end > period.from
      ? (await client.$queryRaw<{ day: string }[]>`
          SELECT "day"::text AS "day" FROM "DashboardRollupDay" WHERE "day" >= ${date(period.from)} AND "day" < ${date(end)} ORDER BY 1`).map((r) => r.day)
      : [];
  return { rolled, live: liveRanges(period, rolled) };
}

/**
 * The first day never stored: yesterday (UTC). Days before it are over in every zone (a local day
 * ends at most 12 hours after its UTC date does), so a stored day is never one still under way.
 */
export const firstUnstoredDay = (now: Date) => new Date(startOfDay(now).getTime() - MS_PER_DAY);

/** The end of the days of a period that may be read from the roll-up. */
export const storedUntil = (period: DayRange, now: Date) => new Date(Math.min(period.to.getTime(), firstUnstoredDay(now).getTime()));

/** The days of a period that are not among the sorted rolled days, as ranges of consecutive days. */
export function liveRanges(period: DayRange, rolled: readonly string[]): DayRange[] {
  const live: DayRange[] = [];
  let cursor = period.from.getTime();
  for (const day of rolled) {
    const t = dayStart(day).getTime();
    if (t > cursor) live.push({ from: new Date(cursor), to: new Date(t) });
    cursor = t + MS_PER_DAY;
  }
  if (cursor < period.to.getTime()) live.push({ from: new Date(cursor), to: period.to });
  return live;
}

/**
 * The rows of one roll-up table for a department over a period: stored rows of the rolled days and
 * the definition's rows for the live ranges, as one UNION ALL of `columns`.
 */
export function dashboardRows(options: {
  table: "DashboardComplianceDay" | "DashboardVolumeDay" | "DashboardAgentDay";
  columns: Prisma.Sql;
  departmentId: string;
  coverage: { rolled: string[]; live: DayRange[] };
  definition: (range: DayRange, departmentIds: readonly string[]) => Prisma.Sql;
}): Prisma.Sql {
  const { table, columns, departmentId, coverage } = options;
  const parts = [
    ...(coverage.rolled.length
      ? [
          // The range as well as the list: the (departmentId, day, ...) key is then read for the period
          // only, not for every day the department has, intersected with the day index.
          Prisma.sql`SELECT ${columns} FROM ${Prisma.raw(`"${table}"`)} WHERE "departmentId" = ${departmentId}
            AND "day" >= ${coverage.rolled[0]}::date AND "day" <= ${coverage.rolled.at(-1)}::date AND "day" = ANY(${coverage.rolled}::date[])`,
        ]
      : []),
    ...coverage.live.map((range) => Prisma.sql`SELECT ${columns} FROM (${options.definition(range, [departmentId])}) AS "live"`),
  ];
  return Prisma.join(parts, " UNION ALL ");
}

/** The index of the bucket a "YYYY-MM-DD" day falls in, or -1. */
export function bucketOfDay(buckets: readonly DayRange[], day: string): number {
  const t = dayStart(day).getTime();
  return buckets.findIndex((b) => b.from.getTime() <= t && t < b.to.getTime());
}
