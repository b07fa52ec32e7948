import { pendingLabel, withheldLabel, type SatisfactionValue } from "@/lib/satisfaction/satisfaction-value";
import { priorities, priorityLabel } from "@/lib/validation/requests";
import type { AgentPerformance } from "./agent-performance";
import type { Backlog } from "./backlog-by-age";
import { csvDocument, line } from "@/lib/csv/csv";
import type { ComplianceTrend } from "./compliance-trend";
import type { RequestVolume } from "./request-volume";
import { metricLabel, slaMetrics } from "./sla-compliance";

export type Cell = string | number | null;
/** A dashboard table as the page shows it and the CSV carries it: the same cells for both. */
export type TableData = { title: string; columns: string[]; rows: Cell[][]; footer?: Cell[] };


export type SatisfactionPoint = { key: string; label: string; value: SatisfactionValue };
export type SatisfactionTrend = { points: SatisfactionPoint[]; total: SatisfactionValue; minRaters: number; asOf: Date | null; periodKey: string; periodLabel: string };

/** A satisfaction figure's cells: the numbers only when shown, else the reason in each column. */
export function satisfactionCells(value: SatisfactionValue): [percent: Cell, satisfied: Cell, ratings: Cell, mean: Cell] {
  if (value.state === "withheld") return [withheldLabel, withheldLabel, withheldLabel, withheldLabel];
  if (value.state === "pending") return Array<Cell>(4).fill(pendingLabel(value)) as [Cell, Cell, Cell, Cell];
  return [value.percent, value.satisfied, value.ratings, value.mean];
}

export function complianceTable(trend: ComplianceTrend): TableData {
  const rows: Cell[][] = [];
  const add = (label: string, byMetric: ComplianceTrend["totals"]) => {
    for (const m of slaMetrics) {
      const c = byMetric[m];
      rows.push([label, metricLabel[m], c.met, c.breached, c.total, c.percent, c.nearBreach]);
    }
  };
  for (const p of trend.points) add(p.label, p.byMetric);
  add(`All of ${trend.period.label}`, trend.totals);
  return { title: "SLA compliance", columns: ["Period", "Metric", "Met", "Breached", "Total", "Compliance %", "Near-breaches"], rows };
}

export function backlogTable(backlog: Backlog): TableData {
  return {
    title: "Open requests by age",
    columns: ["Age", ...priorities.map((p) => priorityLabel[p]), "Total"],
    rows: backlog.rows.map((r) => [r.label, ...priorities.map((p) => r.byPriority[p]), r.total]),
    footer: ["All", ...priorities.map((p) => backlog.totals[p]), backlog.totals.all],
  };
}

export function volumeTable(volume: RequestVolume, by: "type" | "department"): TableData {
  const rows = by === "type" ? volume.byType : volume.byRequesterDepartment;
  return {
    title: by === "type" ? "Requests by type" : "Requests by requesting department",
    columns: [by === "type" ? "Request type" : "Requesting department", "Filed", "Resolved"],
    rows: rows.map((r) => [r.label, r.created, r.resolved]),
    footer: ["All", volume.totals.created, volume.totals.resolved],
  };
}

export function satisfactionTable(trend: SatisfactionTrend): TableData {
  return {
    title: "Satisfaction (CSAT)",
    columns: ["Period", "CSAT %", "Rated 4 or 5", "Ratings", "Mean score"],
    rows: trend.points.map((p) => [p.label, ...satisfactionCells(p.value)]),
    footer: [`All of ${trend.periodLabel}`, ...satisfactionCells(trend.total)],
  };
}

export function agentsTable(agents: AgentPerformance): TableData {
  return {
    title: "Agents",
    columns: ["Agent", "Assigned", "Resolved", "Resolution met", "Resolution breached", "Resolution compliance %", "CSAT %", "CSAT ratings", "Open now"],
    rows: agents.rows.map((r) => {
      const [percent, , ratings] = satisfactionCells(r.csat);
      return [r.agent.name, r.assigned, r.resolved, r.resolution.met, r.resolution.breached, r.resolution.percent, percent, ratings, r.openNow];
    }),
  };
}

/** A table as CSV (RFC 4180 lines, cells never read as formulas), footer last. */
export function tableCsv(table: TableData): string {
  const lines = [line(table.columns), ...table.rows.map(line), ...(table.footer ? [line(table.footer)] : [])];
  return csvDocument(lines);
}


