import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { formatReference } from "@/lib/requests/reference";
import { MS_PER_DAY } from "@/lib/sla/civil-date";
import { parseInput } from "@/lib/validation/parse";
import { periodSchema } from "@/lib/validation/reports";
import { sqlTimestamp as ts } from "./clock-sql";
import { dashboardCoverage, dayKey, localMidnight } from "./dashboard-days";
import { insightsDepartment } from "./insights-department";
import { pauseDays, pausesBetween } from "./pause-days";
import { FLAG_WINDOW_MINUTES } from "./pause-rule";
import { localDayOf, resolvePeriod, startOfLocalDay, type Period, type PeriodBounds } from "./period";
import { readDays } from "./read-days";

const RECENT_LIMIT = 100;

type PauseRow =
  | { kind: "agent"; agentId: string | null; pauses: number; flagged: number }
  | { kind: "recent"; agentId: string | null; number: number; title: string; createdAt: Date; repliedAt: Date };

export type AgentPauses = { agent: { id: string; name: string } | null; pauses: number; flagged: number };
export type FlaggedPause = { reference: string; title: string; pausedAt: Date; agentId: string | null; repliedAt: Date };

/**
 * Pauses that began in the period, per agent who set them, and how many of those began within
 * FLAG_WINDOW_MINUTES after the requester's public reply (pause-rule.ts, the same rule as pauseLog),
 * with the latest flagged ones for links. For heads of the department.
 *
 * Read as the SLA report's per-metric view is (sla-compliance.ts): the whole days of the
 * department's zone inside the period from the dashboard roll-up where the job has stored them
 * (DashboardPauseDay, DashboardPause), the days it has not (yesterday and today always, or a day
 * forgotten since) live through the same definition (pauseDays), and the partial days at the
 * period's edges live by their instants (pausesBetween), meeting the days at the local midnights SQL
 * computes for them. What a view costs then grows with the days the roll-up does not hold and the
 * flagged pauses of the period, not with the status changes of the period.
 */
export async function flaggedPauses(options: { actor: Actor; departmentKey: string; from?: PeriodBounds["from"]; to?: PeriodBounds["to"]; now?: Date }) {
  const department = await insightsDepartment(options);
  const period = resolvePeriod(parseInput(periodSchema, { from: options.from, to: options.to }), department.timeZone);
  const rows = await readDays<PauseRow>(await pausesStatement({ departmentId: department.id, timeZone: department.timeZone, period, now: options.now ?? new Date() }));
  const perAgent = rows.flatMap((r) => (r.kind === "agent" ? [r] : []));
  const recent = rows.flatMap((r) => (r.kind === "recent" ? [r] : []));

  const people = await db().person.findMany({ where: { id: { in: perAgent.flatMap((a) => (a.agentId ? [a.agentId] : [])) } }, select: { id: true, name: true } });
  const names = new Map(people.map((p) => [p.id, p]));
  const agents: AgentPauses[] = perAgent
    .map((a) => ({ agent: a.agentId ? (names.get(a.agentId) ?? { id: a.agentId, name: "Former agent" }) : null, pauses: a.pauses, flagged: a.flagged }))
    .sort((a, b) => b.flagged - a.flagged || (a.agent?.name ?? "").localeCompare(b.agent?.name ?? ""));

  return {
    department,
    period,
    windowMinutes: FLAG_WINDOW_MINUTES,
    agents,
    totals: { pauses: agents.reduce((n, a) => n + a.pauses, 0), flagged: agents.reduce((n, a) => n + a.flagged, 0) },
    recent: recent.map(
      (r): FlaggedPause => ({ reference: formatReference(department.key, r.number), title: r.title, pausedAt: r.createdAt, agentId: r.agentId, repliedAt: r.repliedAt }),
    ),
  };
}

const pauseColumns = Prisma.sql`"eventId", "requestId", "agentId", "pausedAt", "repliedAt"`;

/**
 * The report's one statement: the counts per agent and the latest flagged pauses, from the stored
 * days, the live days and the partial days at the edges (see flaggedPauses). The live pauses are a
 * CTE read twice, so PostgreSQL computes them once. Exported for npm run bench:pauses, which explains it.
 */
export async function pausesStatement(options: { departmentId: string; timeZone: string; period: Period; now: Date }): Promise<Prisma.Sql> {
  const { departmentId, timeZone, period, now } = options;
  const zone = Prisma.sql`${timeZone}`;
  // The whole local days inside the period: from the first midnight at or after its start to the last at or before its end.
  let first = localDayOf(period.from, timeZone);
  if (startOfLocalDay(dayKey(first), timeZone).getTime() < period.from.getTime()) first = new Date(first.getTime() + MS_PER_DAY);
  const end = localDayOf(period.to, timeZone);
  const between = (from: Prisma.Sql, to: Prisma.Sql) => Prisma.sql`SELECT ${pauseColumns} FROM (${pausesBetween({ departmentId, from, to })}) AS "edge"`;

  let rolled: string[] = [];
  const live: Prisma.Sql[] = [];
  if (end.getTime() <= first.getTime()) {
    live.push(between(ts(period.from), ts(period.to)));
  } else {
    const coverage = await dashboardCoverage(sql(), { from: first, to: end }, now);
    rolled = coverage.rolled;
    live.push(...coverage.live.map((range) => Prisma.sql`SELECT ${pauseColumns} FROM (${pauseDays(range, [departmentId], "requests")}) AS "live"`));
    if (startOfLocalDay(dayKey(first), timeZone).getTime() > period.from.getTime()) live.push(between(ts(period.from), localMidnight(first, zone)));
    if (startOfLocalDay(dayKey(end), timeZone).getTime() < period.to.getTime()) live.push(between(localMidnight(end, zone), ts(period.to)));
  }
  const none = Prisma.sql`SELECT NULL::bigint AS "eventId", NULL::text AS "requestId", NULL::text AS "agentId", NULL::timestamp(3) AS "pausedAt", NULL::timestamp(3) AS "repliedAt" WHERE false`;
  // The range as well as the list: the (departmentId, day, ...) key is then read for the period only.
  const storedDays = rolled.length
    ? Prisma.sql`"departmentId" = ${departmentId} AND "day" >= ${rolled[0]}::date AND "day" <= ${rolled.at(-1)}::date AND "day" = ANY(${rolled}::date[])`
    : null;

  return Prisma.sql`
    WITH live AS (${live.length ? Prisma.join(live, " UNION ALL ") : none}),
    counts AS (
      SELECT "agentId", SUM("pauses")::int AS "pauses", SUM("flagged")::int AS "flagged" FROM (
        ${storedDays ? Prisma.sql`SELECT NULLIF("agentId", '') AS "agentId", "pauses", "flagged" FROM "DashboardPauseDay" WHERE ${storedDays} UNION ALL` : Prisma.empty}
        SELECT "agentId", 1 AS "pauses", ("repliedAt" IS NOT NULL)::int AS "flagged" FROM live
      ) AS "c" GROUP BY "agentId"),
    recent AS (
      SELECT f.*, r."number", r."title" FROM (
        ${storedDays ? Prisma.sql`SELECT ${pauseColumns} FROM "DashboardPause" WHERE ${storedDays} UNION ALL` : Prisma.empty}
        SELECT ${pauseColumns} FROM live WHERE "repliedAt" IS NOT NULL
        ORDER BY "pausedAt" DESC, "eventId" DESC LIMIT ${RECENT_LIMIT}) f
      JOIN "Request" r ON r."id" = f."requestId")
    SELECT 'agent' AS "kind", NULL::bigint AS "id", "agentId", "pauses", "flagged",
      NULL::int AS "number", NULL::text AS "title", NULL::timestamp(3) AS "createdAt", NULL::timestamp(3) AS "repliedAt"
    FROM counts
    UNION ALL
    SELECT 'recent', "eventId", "agentId", NULL, NULL, "number", "title", "pausedAt", "repliedAt" FROM recent
    ORDER BY "kind", "createdAt" DESC, "id" DESC, "agentId"`;
}
