import type { SatisfactionValue } from "@/lib/satisfaction/satisfaction-value";
import type { Compliance } from "./compliance";
import { csvDocument as csv, line } from "@/lib/csv/csv";
import { cellKey, type InternalCustomerMatrix } from "./internal-customer-matrix";
import type { MoraleMonth, MoraleRow } from "./morale-indicators";

/** CSAT, satisfied and ratings columns; a suppressed figure is words only, never a count. */
function satisfactionCells(v: SatisfactionValue): (string | number | null)[] {
  if (v.state === "withheld") return ["not enough responses", null, null];
  if (v.state === "pending") return ["not published yet", null, null];
  return [v.percent, v.satisfied, v.ratings];
}

const complianceCells = (c: Compliance) => [c.percent, c.met, c.breached];

/** The heat map in long format: one line per requesting × providing department. */
export function matrixCsv(matrix: InternalCustomerMatrix): string {
  const lines = [
    line([
      "Period", "Requester department", "Provider department", "Requests filed",
      "First response compliance %", "First response met", "First response breached",
      "Resolution compliance %", "Resolution met", "Resolution breached",
      "CSAT %", "Satisfied ratings", "Ratings",
    ]),
  ];
  for (const r of matrix.requesters) {
    for (const p of matrix.providers) {
      const c = matrix.cells.get(cellKey(r.id, p.id))!;
      lines.push(line([matrix.period, r.name, p.name, c.filed, ...complianceCells(c.firstResponse), ...complianceCells(c.resolution), ...satisfactionCells(c.satisfaction)]));
    }
  }
  return csv(lines);
}

const moraleHeader = [
  "Received CSAT %", "Received satisfied", "Received ratings", "Given CSAT %", "Given satisfied", "Given ratings",
  "Breach rate %", "Breached", "Clocks decided", "After-hours replies %", "After-hours replies", "Agent replies",
];
const moraleCells = (m: MoraleRow | MoraleMonth) => [
  ...satisfactionCells(m.received), ...satisfactionCells(m.given),
  ...(m.workload.state === "withheld"
    ? [workloadWithheld, null, null, workloadWithheld, null, null]
    : [m.workload.breaches.breachPercent, m.workload.breaches.breached, m.workload.breaches.total, m.workload.afterHours.percent, m.workload.afterHours.afterHours, m.workload.afterHours.replies]),
];

/** Workload of a department with fewer agents than the minimum: words only, never a count. */
const workloadWithheld = "too few agents";
const openCells = (w: MoraleRow["workload"] | MoraleMonth["workload"]) =>
  w.state === "withheld" ? [workloadWithheld, null] : ["openNow" in w ? w.openNow : w.open, w.openPerAgent];

/** The morale table: one line per department. */
export function moraleCsv(period: string, rows: MoraleRow[]): string {
  return csv([
    line(["Period", "Department", "Agents", "Open now", "Open per agent", ...moraleHeader]),
    ...rows.map((r) => line([period, r.name, r.agents, ...openCells(r.workload), ...moraleCells(r)])),
  ]);
}

/** One department month by month. */
export function trendCsv(department: string, months: MoraleMonth[]): string {
  return csv([
    line(["Department", "Month", "Open at month end", "Open per agent", ...moraleHeader]),
    ...months.map((m) => line([department, m.month, ...openCells(m.workload), ...moraleCells(m)])),
  ]);
}
