import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { assignableAgents } from "@/lib/requests/get-request";
import { openStatusesSql } from "@/lib/requests/statuses";
import { readSatisfaction } from "@/lib/satisfaction/satisfaction-figures";
import type { SatisfactionValue } from "@/lib/satisfaction/satisfaction-value";
import { compliance, type Compliance } from "./compliance";
import { agentDays, dashboardCoverage, dashboardRows } from "./dashboard-days";
import { readDays } from "./read-days";
import { dashboardPeriod, type DashboardPeriod } from "./dashboard-period";
import { insightsDepartment, type InsightsDepartment } from "./insights-department";

export type AgentRow = {
  agent: { id: string; name: string };
  /** Requests of the department assigned to them in the period (each request once a day). */
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

/**
 * Per agent of the department: assignments and resolutions in the period, the SLA compliance of the
 * resolutions, their CSAT, and their open load now. For the department's head only (insightsDepartment
 * and readSatisfaction's "agent" figures), never HR or admins: figures per person are the head's to see.
 * Assignments and resolutions are summed over days (dashboard-days.ts): stored by the dashboard-rollup
 * job in DashboardAgentDay for the days it has computed, live with the same SQL for the others.
 */
export async function agentPerformance(options: { actor: Actor; departmentKey: string; period?: string; now?: Date }): Promise<AgentPerformance> {
  const department = await insightsDepartment(options);
  const now = options.now ?? new Date();
  const period = dashboardPeriod(options.period, department.timeZone, now);
  const [agents, coverage] = await Promise.all([assignableAgents(department.id), dashboardCoverage(sql(), period, now)]);
  const ids = agents.map((a) => a.id);
  const days = dashboardRows({
    table: "DashboardAgentDay",
    columns: Prisma.sql`"agentId", "assigned", "resolved", "resolutionMet", "resolutionBreached"`,
    departmentId: department.id,
    coverage,
    definition: (range, departmentIds) => agentDays(range, departmentIds, ids),
  });

  const [satisfaction, work, open] = await Promise.all([
    readSatisfaction({ actor: options.actor, figures: ids.map((agentId) => ({ kind: "agent", departmentId: department.id, agentId, period: period.key })) }),
    readDays<{ agentId: string; assigned: number; resolved: number; met: number; breached: number }>(
      Prisma.sql`
        SELECT "agentId", SUM("assigned")::int AS "assigned", SUM("resolved")::int AS "resolved", SUM("resolutionMet")::int AS "met", SUM("resolutionBreached")::int AS "breached"
        FROM (${days}) AS "days" WHERE "agentId" = ANY(${ids}::text[]) GROUP BY 1`,
    ),
    sql().$queryRaw<{ agentId: string; n: number }[]>`
      SELECT "assigneeId" AS "agentId", COUNT(*)::int AS "n" FROM "Request"
      WHERE "departmentId" = ${department.id} AND "assigneeId" = ANY(${ids}::text[]) AND "status" IN (${Prisma.raw(openStatusesSql)})
      GROUP BY 1`,
  ]);

  const byAgent = <T extends { agentId: string }>(rows: T[]) => new Map(rows.map((r) => [r.agentId, r]));
  const w = byAgent(work);
  const o = byAgent(open);
  return {
    department,
    period,
    rows: agents.map((agent, i) => ({
      agent,
      assigned: w.get(agent.id)?.assigned ?? 0,
      resolved: w.get(agent.id)?.resolved ?? 0,
      resolution: compliance(w.get(agent.id)?.met ?? 0, w.get(agent.id)?.breached ?? 0),
      csat: satisfaction.values[i]!,
      openNow: o.get(agent.id)?.n ?? 0,
    })),
  };
}
