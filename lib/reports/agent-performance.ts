import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { assignableAgents } from "@/lib/requests/get-request";
import { readSatisfaction } from "@/lib/satisfaction/satisfaction-figures";
import type { SatisfactionValue } from "@/lib/satisfaction/satisfaction-value";
import { dashboardPeriod, type DashboardPeriod } from "./dashboard-period";
import { insightsDepartment, type InsightsDepartment } from "./insights-department";
import { compliance, type Compliance } from "./sla-compliance";

export type AgentRow = {
  agent: { id: string; name: string };
  /** Requests of the department assigned to them in the period (each request once). */
  assigned: number;
  /** Requests resolved in the period while assigned to them. */
  resolved: number;
  /** The resolution clocks of those requests (the department's own segment of a transferred one). */
  resolution: Compliance;
  /** Ratings of requests they had when rated, in the period, as the satisfaction roll-up released them. */
  csat: SatisfactionValue;
  /** Open requests assigned to them now. */
  openNow: number;
};
export type AgentPerformance = { department: InsightsDepartment; period: DashboardPeriod; rows: AgentRow[] };

const ts = (d: Date) => Prisma.sql`${d.toISOString()}::timestamp(3)`;

/**
 * Per agent of the department: assignments and resolutions in the period, the SLA compliance of the
 * resolutions, their CSAT, and their open load now. For the department's head only (insightsDepartment
 * and readSatisfaction's "agent" figures), never HR or admins: figures per person are the head's to see.
 */
export async function agentPerformance(options: { actor: Actor; departmentKey: string; period?: string; now?: Date }): Promise<AgentPerformance> {
  const department = await insightsDepartment(options);
  const period = dashboardPeriod(options.period, options.now);
  const from = ts(period.from);
  const to = ts(period.to);
  const agents = await assignableAgents(department.id);
  const ids = agents.map((a) => a.id);

  const [satisfaction, assigned, resolved, open] = await Promise.all([
    readSatisfaction({ actor: options.actor, figures: ids.map((agentId) => ({ kind: "agent", departmentId: department.id, agentId, period: period.key })) }),
    // The partial expression index on assignment events (rpt_assigned_events) reads each agent's
    // assignments of the period; the join keeps those of requests the department holds.
    db().$queryRaw<{ agentId: string; n: number }[]>`
      SELECT e."to"->>'assigneeId' AS "agentId", COUNT(DISTINCT e."requestId")::int AS "n"
      FROM "RequestEvent" e JOIN "Request" r ON r."id" = e."requestId"
      WHERE e."type" = 'assigned' AND e."to"->>'assigneeId' = ANY(${ids}::text[])
        AND e."createdAt" >= ${from} AND e."createdAt" < ${to} AND r."departmentId" = ${department.id}
      GROUP BY 1`,
    db().$queryRaw<{ agentId: string; n: number; met: number; breached: number }[]>`
      SELECT r."assigneeId" AS "agentId", COUNT(*)::int AS "n",
        (COUNT(*) FILTER (WHERE k."breached" = false))::int AS "met", (COUNT(*) FILTER (WHERE k."breached"))::int AS "breached"
      FROM "Request" r
      LEFT JOIN LATERAL (
        SELECT c."breachedAt" IS NOT NULL AS "breached" FROM "SlaClock" c
        WHERE c."requestId" = r."id" AND c."metric" = 'RESOLUTION' AND c."departmentId" = ${department.id} AND c."stoppedAt" IS NOT NULL
          AND (c."segment" > 0 OR NOT EXISTS (SELECT 1 FROM "SlaClock" s WHERE s."requestId" = c."requestId" AND s."segment" > 0 OFFSET 0))
        ORDER BY c."segment" DESC, c."cycle" DESC LIMIT 1
      ) k ON true
      WHERE r."departmentId" = ${department.id} AND r."resolvedAt" >= ${from} AND r."resolvedAt" < ${to}
        AND r."assigneeId" = ANY(${ids}::text[])
      GROUP BY 1`,
    db().$queryRaw<{ agentId: string; n: number }[]>`
      SELECT "assigneeId" AS "agentId", COUNT(*)::int AS "n" FROM "Request"
      WHERE "departmentId" = ${department.id} AND "assigneeId" = ANY(${ids}::text[]) AND "status" IN ('NEW', 'OPEN', 'WAITING_ON_REQUESTER')
      GROUP BY 1`,
  ]);

  const byAgent = <T extends { agentId: string }>(rows: T[]) => new Map(rows.map((r) => [r.agentId, r]));
  const a = byAgent(assigned);
  const r = byAgent(resolved);
  const o = byAgent(open);
  return {
    department,
    period,
    rows: agents.map((agent, i) => ({
      agent,
      assigned: a.get(agent.id)?.n ?? 0,
      resolved: r.get(agent.id)?.n ?? 0,
      resolution: compliance(r.get(agent.id)?.met ?? 0, r.get(agent.id)?.breached ?? 0),
      csat: satisfaction.values[i]!,
      openNow: o.get(agent.id)?.n ?? 0,
    })),
  };
}
