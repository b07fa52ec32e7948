import { Prisma } from "@/lib/generated/prisma/client";
import { countedClock, sqlTimestamp } from "./clock-sql";

/**
 * Which SLA clocks a compliance % counts, and when: the one counting rule of every report (the head
 * dashboard's days, weeks, months, quarters and years, the SLA report's free ranges, their CSVs), so
 * a head never reads two different % for the same days. compliance.ts turns the counts into the %.
 *
 * - A clock counts ONCE, at the instant its outcome was decided: its breach if it breached (a running
 *   clock past its due time breached then, as judged at `now`), else its stop. A clock that breached
 *   in October and stopped in November counts in October only, as breached.
 * - A transferred request counts for each department with that department's own segments
 *   (countedClock).
 * - Resolution counts each request once per department, with its last decided cycle: a cycle counts
 *   only if no later decided resolution clock of the same request and department exists (DESIGN:
 *   "reports count the last cycle"), so a reopened and re-resolved request moves to the day of its
 *   last resolution, in every report alike.
 * - Periods are days of the department's time zone: callers give the instants of their local
 *   midnights (period.ts, dashboard-days.ts), never UTC days.
 *
 * Rows: requestId, departmentId, metric, segment, cycle, elapsedMinutes, targetMinutes, decidedAt,
 * breached. `departmentId`, `from` and `to` are SQL so a caller can bind them per department
 * (LATERAL). One range scan of xpr_clock_decided (departmentId, decision instant) per department; the
 * transfer and later-cycle checks are index probes by request.
 */
export function complianceOutcomes(options: { departmentId: Prisma.Sql; from: Prisma.Sql; to: Prisma.Sql; now: Date }): Prisma.Sql {
  const { departmentId, from, to, now } = options;
  return Prisma.sql`
    SELECT d.* FROM (
      SELECT c."requestId", c."departmentId", c."metric", c."segment", c."cycle", c."elapsedMinutes", c."targetMinutes",
        ${decidedAt("c")} AS "decidedAt", (c."breachedAt" IS NOT NULL OR c."stoppedAt" IS NULL) AS "breached"
      FROM "SlaClock" c
      WHERE c."departmentId" = ${departmentId}
        AND ${decidedAt("c")} >= ${from} AND ${decidedAt("c")} < ${to} AND ${isDecided("c", now)}
        AND ${countedClock("c")}
    ) d
    WHERE d."metric" <> 'RESOLUTION' OR NOT EXISTS (
      -- A later decided cycle of the department (segments count in order, then cycles within one).
      SELECT 1 FROM "SlaClock" p
      WHERE p."requestId" = d."requestId" AND p."metric" = 'RESOLUTION' AND p."departmentId" = d."departmentId"
        AND (p."segment" > d."segment" OR (p."segment" = d."segment" AND p."cycle" > d."cycle")) AND ${isDecided("p", now)}
      OFFSET 0)`;
}

/**
 * "Ever breached" of a counted resolution outcome under `alias` (a row of complianceOutcomes): it
 * breached, or an earlier resolution clock of the same request and department did (an earlier cycle
 * of its segment, or an earlier segment of a transferred request). The SLA report shows the count per
 * group; the head dashboard's day rows store it per day (dashboard-days.ts), one definition for both.
 */
export const everBreached = (alias: string) =>
  Prisma.raw(`(${alias}."metric" = 'RESOLUTION' AND (${alias}."breached" OR EXISTS (
    SELECT 1 FROM "SlaClock" p
    WHERE p."requestId" = ${alias}."requestId" AND p."metric" = 'RESOLUTION' AND p."breachedAt" IS NOT NULL
      AND p."departmentId" = ${alias}."departmentId"
      AND ((p."segment" = ${alias}."segment" AND p."cycle" < ${alias}."cycle") OR (${alias}."segment" > 0 AND p."segment" > 0 AND p."segment" < ${alias}."segment"))
  )))`);

/** The decision instant of a clock; `xpr_clock_decided` indexes exactly this expression. */
const decidedAt = (c: string) => Prisma.raw(`COALESCE(${c}."breachedAt", ${c}."stoppedAt", ${c}."dueAt")`);
/** Whether that instant is an outcome: a breach or a stop, or a due time already past at `now`. */
const isDecided = (c: string, now: Date) =>
  Prisma.sql`(${Prisma.raw(c)}."breachedAt" IS NOT NULL OR ${Prisma.raw(c)}."stoppedAt" IS NOT NULL OR ${Prisma.raw(c)}."dueAt" < ${sqlTimestamp(now)})`;
