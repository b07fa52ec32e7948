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
import { dashboardCoverage, dayKey, dayStart } from "./dashboard-days";
import { insightsDepartment } from "./insights-department";
import { pauseDays } from "./pause-days";
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
 * Read as the head dashboard is: the local days of the department's zone that the dashboard-rollup
 * job has stored from the roll-up (DashboardPauseDay, DashboardPause), the days it has not
 * (yesterday and today always, or a day forgotten since) live through the same definition
 * (pause-days.ts), each kept to the period's instants. What a view costs then grows with the days
 * the roll-up does not hold and the flagged pauses of the period, not with its status changes.
 */
export async function flaggedPauses(options: {
  actor: Actor;
  departmentKey: string;
  from?: PeriodBounds["from"];
  to?: PeriodBounds["to"];
  /** The instant that decides which days may be stored (before yesterday, UTC); tests pin it. */
  now?: Date;
}) {
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
 * The report's one statement (see flaggedPauses). Every local day the period touches is read either
 * from the roll-up or live: a stored day inside the period by its counts per agent
 * (DashboardPauseDay) and its flagged pauses (DashboardPause); a stored day the period's start or
 * end cuts through by its pauses (DashboardPause) that began inside the period; a day not stored
 * through the definition (pauseDays), also kept to the period's instants. The pauses read one by one
 * are a CTE read twice, so PostgreSQL computes them once. Exported for npm run bench:pauses.
 */
export async function pausesStatement(options: { departmentId: string; timeZone: string; period: Period; now: Date }): Promise<Prisma.Sql> {
  const { departmentId, timeZone, period, now } = options;
  const from = ts(period.from);
  const to = ts(period.to);
  const start = (day: Date) => startOfLocalDay(dayKey(day), timeZone).getTime();
  // The local days the period touches: from the day of its start to the day of its end (unless it ends at that day's midnight).
  const first = localDayOf(period.from, timeZone);
  let end = localDayOf(period.to, timeZone);
  if (start(end) < period.to.getTime()) end = new Date(end.getTime() + MS_PER_DAY);
  const coverage = await dashboardCoverage(sql(), { from: first, to: end }, now);
  const whole = (key: string) => start(dayStart(key)) >= period.from.getTime() && start(new Date(dayStart(key).getTime() + MS_PER_DAY)) <= period.to.getTime();
  const wholeDays = coverage.rolled.filter(whole);
  const cutDays = coverage.rolled.filter((d) => !whole(d));
  // The range as well as the list: the (departmentId, day, ...) key is then read for those days only.
  const stored = (days: string[]) =>
    Prisma.sql`"departmentId" = ${departmentId} AND "day" >= ${days[0]}::date AND "day" <= ${days.at(-1)}::date AND "day" = ANY(${days}::date[])`;
  const within = Prisma.sql`"pausedAt" >= ${from} AND "pausedAt" < ${to}`;

  const each = [
    ...coverage.live.map((range) => Prisma.sql`SELECT ${pauseColumns} FROM (${pauseDays(range, [departmentId], "requests")}) AS "live" WHERE ${within}`),
    ...(cutDays.length ? [Prisma.sql`SELECT ${pauseColumns} FROM "DashboardPause" WHERE ${stored(cutDays)} AND ${within}`] : []),
  ];
  const none = Prisma.sql`SELECT NULL::bigint AS "eventId", NULL::text AS "requestId", NULL::text AS "agentId", NULL::timestamp(3) AS "pausedAt", NULL::timestamp(3) AS "repliedAt" WHERE false`;

  return Prisma.sql`
    WITH each AS (${each.length ? Prisma.join(each, " UNION ALL ") : none}),
    counts AS (
      SELECT "agentId", SUM("pauses")::int AS "pauses", SUM("flagged")::int AS "flagged" FROM (
        ${wholeDays.length ? Prisma.sql`SELECT NULLIF("agentId", '') AS "agentId", "pauses", "flagged" FROM "DashboardPauseDay" WHERE ${stored(wholeDays)} UNION ALL` : Prisma.empty}
        SELECT "agentId", 1 AS "pauses", ("repliedAt" IS NOT NULL)::int AS "flagged" FROM each
      ) AS "c" GROUP BY "agentId"),
    recent AS (
      SELECT f.*, r."number", r."title" FROM (
        ${wholeDays.length ? Prisma.sql`SELECT ${pauseColumns} FROM "DashboardPause" WHERE ${stored(wholeDays)} AND "repliedAt" IS NOT NULL UNION ALL` : Prisma.empty}
        SELECT ${pauseColumns} FROM each WHERE "repliedAt" IS NOT NULL
        ORDER BY "pausedAt" DESC, "eventId" DESC LIMIT ${RECENT_LIMIT}) f
      JOIN "Request" r ON r."id" = f."requestId")
    SELECT 'agent' AS "kind", NULL::bigint AS "id", "agentId", "pauses", "flagged",
      NULL::int AS "number", NULL::text AS "title", NULL::timestamp(3) AS "createdAt", NULL::timestamp(3) AS "repliedAt"
    FROM counts
    UNION ALL
    SELECT 'recent', "eventId", "agentId", NULL, NULL, "number", "title", "pausedAt", "repliedAt" FROM recent
    ORDER BY "kind", "createdAt" DESC, "id" DESC, "agentId"`;
}
