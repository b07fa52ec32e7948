import { csvDocument, line } from "@/lib/csv/csv";
import type { SlaMetric } from "@/lib/generated/prisma/client";
import { groupingLabel } from "@/lib/validation/reports";
import type { Compliance } from "./compliance";
import { metricLabel, slaMetrics, type SlaComplianceReport } from "./sla-compliance";

/** The compliance report as CSV, one line per group and metric, with the totals last. */
export function complianceCsv(report: SlaComplianceReport): string {
  const header = [groupingLabel[report.groupBy], "Metric", "Met", "Breached", "Total", "Compliance %", "Ever breached (resolution)"];
  const lines = [line(header)];
  const out = (group: string, metric: string, c: Compliance) => lines.push(line([group, metric, c.met, c.breached, c.total, c.percent, c.everBreached ?? null]));
  for (const row of report.rows) {
    if (report.groupBy === "metric") {
      out(row.label, row.label, row.byMetric[row.key as SlaMetric]);
      continue;
    }
    for (const m of slaMetrics) out(row.label, metricLabel[m], row.byMetric[m]);
  }
  if (report.groupBy !== "metric") for (const m of slaMetrics) out("All", metricLabel[m], report.totals.byMetric[m]);
  // Across metrics only as a total: a first response and a resolution are not the same kind of promise.
  out("All", "All metrics", report.totals.all);
  return csvDocument(lines);
}
