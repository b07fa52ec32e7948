import type { Db, Tx } from "@/lib/db/create-client";
import { Prisma } from "@/lib/generated/prisma/client";
import { MS_PER_DAY } from "@/lib/sla/civil-date";
import { countedClock, sqlTimestamp } from "./clock-sql";

/**
 * The head dashboard's figures per UTC day, additive so that days add up to every bucket of a
 * dashboard period (weeks from the 1st, months, quarters, years) without counting anything twice:
 *
 * - SLA compliance per department, day and metric: a clock counts ONCE, on the day its outcome was
 *   decided: its breach instant if it breached (a running clock past its due time breached then, as
 *   judged at `now`), else its stop. A transferred request counts for each department with that
 *   department's own segments (the requester-facing clocks, segment 0, count for nobody once there
 *   are segments). Resolution counts each request once per department, with its last decided cycle:
 *   a cycle counts only if no later decided resolution clock of the same request and department
 *   exists (DESIGN: "reports count the last cycle"), so a reopened and re-resolved request moves from
 *   the day of its first resolution to that of its last.
 * - Volume per department holding the request now, day, type and requesting department: filed on
 *   createdAt's day, resolved on resolvedAt's day (the current resolution).
 * - Per agent: requests of the department assigned to them that day (assignment events, each request
 *   once a day), and requests resolved that day while assigned to them now, with the outcome of their
 *   department's last stopped resolution clock.
 *
 * Each table has ONE definition below, computing its rows for a range of days for some departments.
 * The dashboard-rollup job stores them for the whole organisation (dashboard-rollup.ts), and the
 * reports read stored rows for days the job has computed and run the same definition live for the
 * rest (today always), so stored and live figures cannot disagree.
 */

/** A met clock that had used at least this share of its target when it stopped is a near-breach. */
export const NEAR_BREACH_SHARE = 0.75;

/** Whole UTC days [from, to), as instants at midnight UTC. */
export type DayRange = { from: Date; to: Date };

export type Client = Db | Tx;

const ts = sqlTimestamp;
const date = (d: Date) => Prisma.sql`${dayKey(d)}::date`;

/** "YYYY-MM-DD" of an instant's UTC day. */
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

/** The decision instant of a clock; `xpr_clock_decided` indexes exactly this expression. */
const decidedAt = (c: string) => Prisma.raw(`COALESCE(${c}."breachedAt", ${c}."stoppedAt", ${c}."dueAt")`);
/** Whether that instant is an outcome: a breach or a stop, or a due time already past at `now`. */
const isDecided = (c: string, now: Date) =>
  Prisma.sql`(${Prisma.raw(c)}."breachedAt" IS NOT NULL OR ${Prisma.raw(c)}."stoppedAt" IS NOT NULL OR ${Prisma.raw(c)}."dueAt" < ${ts(now)})`;

const counted = countedClock;

/**
 * SLA outcomes decided in the range per (departmentId, day, metric): met, breached, nearBreach.
 * One range scan of xpr_clock_decided per department; the transfer and later-cycle checks are index
 * probes by request.
 */
export function complianceDays(range: DayRange, departmentIds: readonly string[], now: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT d."departmentId", d."decidedAt"::date AS "day", d."metric",
      (count(*) FILTER (WHERE NOT d."breached"))::int AS "met",
      (count(*) FILTER (WHERE d."breached"))::int AS "breached",
      (count(*) FILTER (WHERE NOT d."breached" AND d."elapsedMinutes" >= d."targetMinutes" * ${NEAR_BREACH_SHARE}::float8))::int AS "nearBreach"
    FROM (
      SELECT c."requestId", c."departmentId", c."metric", c."segment", c."cycle", c."elapsedMinutes", c."targetMinutes",
        ${decidedAt("c")} AS "decidedAt", (c."breachedAt" IS NOT NULL OR c."stoppedAt" IS NULL) AS "breached"
      FROM "SlaClock" c
      WHERE c."departmentId" = ANY(${departmentIds}::text[])
        AND ${decidedAt("c")} >= ${ts(range.from)} AND ${decidedAt("c")} < ${ts(range.to)} AND ${isDecided("c", now)}
        AND ${counted("c")}
    ) d
    WHERE d."metric" <> 'RESOLUTION' OR NOT EXISTS (
      -- A later decided cycle of the department (segments count in order, then cycles within one).
      SELECT 1 FROM "SlaClock" p
      WHERE p."requestId" = d."requestId" AND p."metric" = 'RESOLUTION' AND p."departmentId" = d."departmentId"
        AND (p."segment" > d."segment" OR (p."segment" = d."segment" AND p."cycle" > d."cycle")) AND ${isDecided("p", now)}
      OFFSET 0)
    GROUP BY 1, 2, 3`;
}

/** Requests filed and resolved in the range per (departmentId, day, typeId, requesterDepartmentId): created, resolved. */
export function volumeDays(range: DayRange, departmentIds: readonly string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT v."departmentId", v."day", v."typeId", v."requesterDepartmentId", sum(v."created")::int AS "created", sum(v."resolved")::int AS "resolved"
    FROM (
      SELECT r."departmentId", r."createdAt"::date AS "day", r."typeId", r."requesterDepartmentId", 1 AS "created", 0 AS "resolved"
      FROM "Request" r
      WHERE r."departmentId" = ANY(${departmentIds}::text[]) AND r."createdAt" >= ${ts(range.from)} AND r."createdAt" < ${ts(range.to)}
      UNION ALL
      SELECT r."departmentId", r."resolvedAt"::date, r."typeId", r."requesterDepartmentId", 0, 1
      FROM "Request" r
      WHERE r."departmentId" = ANY(${departmentIds}::text[]) AND r."resolvedAt" >= ${ts(range.from)} AND r."resolvedAt" < ${ts(range.to)}
    ) v
    GROUP BY 1, 2, 3, 4`;
}

/**
 * Per (departmentId, day, agentId): assigned, resolved, resolutionMet, resolutionBreached. Anyone
 * assigned counts here; readers keep the department's agents.
 */
export function agentDays(range: DayRange, departmentIds: readonly string[]): Prisma.Sql {
  return Prisma.sql`
    WITH assigned AS (
      SELECT r."departmentId", e."createdAt"::date AS "day", e."to"->>'assigneeId' AS "agentId", count(DISTINCT e."requestId")::int AS "n"
      FROM "RequestEvent" e JOIN "Request" r ON r."id" = e."requestId"
      WHERE e."type" = 'assigned' AND e."createdAt" >= ${ts(range.from)} AND e."createdAt" < ${ts(range.to)}
        -- Unassignments (null) are left out by "<> ''", not "IS NOT NULL": the latter would make the
        -- planner scan all of xpr_assigned_events for the range instead of the createdAt index.
        AND e."to"->>'assigneeId' <> '' AND r."departmentId" = ANY(${departmentIds}::text[])
      GROUP BY 1, 2, 3
    ),
    resolved AS (
      SELECT r."departmentId", r."resolvedAt"::date AS "day", r."assigneeId" AS "agentId", count(*)::int AS "n",
        (count(*) FILTER (WHERE k."breached" = false))::int AS "met", (count(*) FILTER (WHERE k."breached"))::int AS "breached"
      FROM "Request" r
      LEFT JOIN LATERAL (
        SELECT c."breachedAt" IS NOT NULL AS "breached" FROM "SlaClock" c
        WHERE c."requestId" = r."id" AND c."metric" = 'RESOLUTION' AND c."departmentId" = r."departmentId" AND c."stoppedAt" IS NOT NULL AND ${counted("c")}
        ORDER BY c."segment" DESC, c."cycle" DESC LIMIT 1
      ) k ON true
      WHERE r."departmentId" = ANY(${departmentIds}::text[]) AND r."resolvedAt" >= ${ts(range.from)} AND r."resolvedAt" < ${ts(range.to)}
        AND r."assigneeId" IS NOT NULL
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
export async function dashboardCoverage(client: Client, period: DayRange, now: Date): Promise<{ rolled: string[]; live: DayRange[] }> {
  const end = storedUntil(period, now);
  const rolled =
    end > period.from
      ? (await client.$queryRaw<{ day: string }[]>`
          SELECT "day"::text AS "day" FROM "DashboardRollupDay" WHERE "day" >= ${date(period.from)} AND "day" < ${date(end)} ORDER BY 1`).map((r) => r.day)
      : [];
  return { rolled, live: liveRanges(period, rolled) };
}

/** The end of the days of a period that may be read from the roll-up: today is never stored. */
export const storedUntil = (period: DayRange, now: Date) => new Date(Math.min(period.to.getTime(), startOfDay(now).getTime()));

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
      ? [Prisma.sql`SELECT ${columns} FROM ${Prisma.raw(`"${table}"`)} WHERE "departmentId" = ${departmentId} AND "day" = ANY(${coverage.rolled}::date[])`]
      : []),
    ...coverage.live.map((range) => Prisma.sql`SELECT ${columns} FROM (${options.definition(range, [departmentId])}) AS "live"`),
  ];
  return Prisma.join(parts, " UNION ALL ");
}

/**
 * Runs a read of day rows (dashboardRows inside) without parallel workers: its live part is a day or
 * two, where starting workers costs more than the whole scan (over 100 ms on a busy server, against
 * under 10 ms for the scan itself), and the stored part is a few thousand rows of one department.
 */
export async function readDays<T>(client: Db, sql: Prisma.Sql): Promise<T[]> {
  const [, rows] = await client.$transaction([client.$executeRaw`SET LOCAL max_parallel_workers_per_gather = 0`, client.$queryRaw<T[]>(sql)]);
  return rows;
}

/** The index of the bucket a "YYYY-MM-DD" day falls in, or -1. */
export function bucketOfDay(buckets: readonly DayRange[], day: string): number {
  const t = dayStart(day).getTime();
  return buckets.findIndex((b) => b.from.getTime() <= t && t < b.to.getTime());
}
