// The SLA report's flagged pauses as lib/reports/flagged-pauses.ts computed them before the
// dashboard roll-up held them: every status change of the period read live, in one statement. Kept
// as the reference the roll-up's reads must equal (tests/db/flagged-pauses-rollup.test.ts) and as
// the "before" of npm run bench:pauses.
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { formatReference } from "@/lib/requests/reference";
import { parseInput } from "@/lib/validation/parse";
import { periodSchema } from "@/lib/validation/reports";
import { insightsDepartment } from "@/lib/reports/insights-department";
import { resolvePeriod, type PeriodBounds } from "@/lib/reports/period";
import type { AgentPauses, FlaggedPause } from "@/lib/reports/flagged-pauses";
import { FLAG_WINDOW_MINUTES } from "@/lib/reports/pause-rule";

const RECENT_LIMIT = 100;

/** The statuses that pause a department's clocks, as pause-log.ts read them. */
export async function pauseStatusesOf(departmentId: string): Promise<string[]> {
  const rows = await db().$queryRaw<{ status: string }[]>`
    SELECT DISTINCT unnest("pauseStatuses")::text AS "status" FROM "SlaPolicy" WHERE "departmentId" = ${departmentId}`;
  return rows.length ? rows.map((r) => r.status).sort() : ["WAITING_ON_REQUESTER"];
}

/**
 * Pauses that began in the period, per agent who set them, and how many of those began within
 * FLAG_WINDOW_MINUTES after the requester's public reply (the same rule as pauseLog), with the
 * latest flagged ones for links. For heads of the department.
 */
export async function flaggedPausesLive(options: { actor: Actor; departmentKey: string; from?: PeriodBounds["from"]; to?: PeriodBounds["to"] }) {
  const department = await insightsDepartment(options);
  const period = resolvePeriod(parseInput(periodSchema, { from: options.from, to: options.to }), department.timeZone);
  const statuses = await pauseStatusesOf(department.id);
  const rows = await db().$queryRaw<
    ({ kind: "agent"; agentId: string | null; pauses: number; flagged: number } | { kind: "recent"; agentId: string | null; number: number; title: string; createdAt: Date; repliedAt: Date })[]
  >(livePausesStatement({ departmentId: department.id, statuses, period }));
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

/** The statement flaggedPausesLive ran: every status change of the period of the department's requests. */
export function livePausesStatement(options: { departmentId: string; statuses: string[]; period: { from: Date; to: Date } }): Prisma.Sql {
  const { statuses, period } = options;
  const department = { id: options.departmentId };
  const from = Prisma.sql`${period.from.toISOString()}::timestamp(3)`;
  const to = Prisma.sql`${period.to.toISOString()}::timestamp(3)`;

  // A request's updatedAt is at least the time of its last event (every change bumps it in the same
  // transaction, a moment before writing the event), so it bounds the requests to look at: the plan
  // starts from the department's requests changed since the period began (Request(departmentId,
  // updatedAt)) and reads each one's events by its (requestId, id) index. OFFSET 0 keeps it so: joined
  // plainly, the planner read every department's status changes of the period by the createdAt index
  // and kept the department's afterwards (RequestEvent carries no departmentId), a cost that grew
  // with the whole organisation.
  const pauses = Prisma.sql`
    SELECT p."id", p."actorId", p."createdAt", r."number", r."title",
      (SELECT max(c."createdAt") FROM "RequestEvent" c
        WHERE c."requestId" = r."id" AND c."type" = 'commented' AND c."to"->>'visibility' = 'PUBLIC'
          AND (c."to"->>'byAgent' = 'false' OR (c."to"->>'byAgent' IS NULL AND c."actorId" = r."requesterId"))
          AND c."createdAt" <= p."createdAt" AND c."createdAt" >= p."createdAt" - make_interval(mins => ${FLAG_WINDOW_MINUTES})
      ) AS "repliedAt"
    FROM "Request" r
    CROSS JOIN LATERAL (
      SELECT e."id", e."actorId", e."createdAt" FROM "RequestEvent" e
      WHERE e."requestId" = r."id" AND e."type" = 'status_changed' AND e."createdAt" >= ${from} AND e."createdAt" < ${to}
        AND e."to"->>'status' = ANY(${statuses}::text[])
        AND NOT (COALESCE(e."from"->>'status', '') = ANY(${statuses}::text[]))
      OFFSET 0) p
    WHERE r."departmentId" = ${department.id} AND r."updatedAt" >= ${from} - interval '1 minute'`;

  // One statement for both answers: the pauses CTE is read once (PostgreSQL materialises a CTE
  // referenced twice), where two statements each scanned the period's events (~160 ms each for the
  // busiest department at 1,000,000 requests).
  return Prisma.sql`    WITH pauses AS (${pauses}),
    recent AS (
      SELECT "id", "actorId", "number", "title", "createdAt", "repliedAt" FROM pauses
      WHERE "repliedAt" IS NOT NULL ORDER BY "createdAt" DESC, "id" DESC LIMIT ${RECENT_LIMIT})
    SELECT 'agent' AS "kind", NULL::bigint AS "id", "actorId" AS "agentId", COUNT(*)::int AS "pauses", (COUNT(*) FILTER (WHERE "repliedAt" IS NOT NULL))::int AS "flagged",
      NULL::int AS "number", NULL::text AS "title", NULL::timestamp(3) AS "createdAt", NULL::timestamp(3) AS "repliedAt"
    FROM pauses GROUP BY "actorId"
    UNION ALL
    SELECT 'recent', "id", "actorId", NULL, NULL, "number", "title", "createdAt", "repliedAt" FROM recent
    ORDER BY "kind", "createdAt" DESC, "id" DESC`;
}
