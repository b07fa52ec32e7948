import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { dashboardTableSchema } from "@/lib/validation/dashboard";
import { parseInput } from "@/lib/validation/parse";
import { agentPerformance } from "./agent-performance";
import { backlogByAge } from "./backlog-by-age";
import { complianceTrend } from "./compliance-trend";
import { dashboardPeriod } from "./dashboard-period";
import { agentsTable, backlogTable, complianceTable, satisfactionTable, volumeTable, type TableData } from "./dashboard-tables";
import { insightsDepartment } from "./insights-department";
import { requestVolume } from "./request-volume";
import { satisfactionTrend } from "./satisfaction-trend";

/**
 * One table of the head dashboard, for its CSV: the same use case and the same cells as the page.
 * The department is checked before the table name is read, so the validation messages tell someone
 * who may not see the reports nothing.
 */
export async function dashboardTable(options: { actor: Actor; departmentKey: string; table: string; period?: string; now?: Date }): Promise<{ departmentKey: string; period: string; data: TableData }> {
  const department = await insightsDepartment(options);
  const table = parseInput(dashboardTableSchema, options.table);
  // Every table's link carries the period; the backlog ignores it, but a bad one is still an error.
  dashboardPeriod(options.period, department.timeZone, options.now);
  const args = { ...options, departmentKey: department.key };
  switch (table) {
    case "compliance": {
      const trend = await complianceTrend(args);
      return { departmentKey: department.key, period: trend.period.key, data: complianceTable(trend) };
    }
    case "backlog":
      return { departmentKey: department.key, period: "now", data: backlogTable(await backlogByAge(args)) };
    case "volume-type":
    case "volume-department": {
      const volume = await requestVolume(args);
      return { departmentKey: department.key, period: volume.period.key, data: volumeTable(volume, table === "volume-type" ? "type" : "department") };
    }
    case "satisfaction": {
      const trend = await satisfactionTrend(args);
      return { departmentKey: department.key, period: trend.periodKey, data: satisfactionTable(trend) };
    }
    case "agents": {
      const agents = await agentPerformance(args);
      return { departmentKey: department.key, period: agents.period.key, data: agentsTable(agents) };
    }
  }
}
