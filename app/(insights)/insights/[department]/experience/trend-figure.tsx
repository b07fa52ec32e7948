import { gapNote, noClockLabel, trendTable, type TrendPoint } from "@/lib/experience/experience-trend";
import { withheldLabel } from "@/lib/satisfaction/satisfaction-value";
import { DataTable } from "../data-table";
import type { TrendLine } from "./trend-charts";
import { TrendLines } from "./lazy-trend-charts";

const satisfactionLines: TrendLine[] = [
  { key: "share", label: "Share 4–5", color: "#0f766e", unit: " %", gap: withheldLabel },
  { key: "goal", label: "Goal", color: "#64748b", unit: " %", gap: withheldLabel, dashed: true },
  { key: "sla", label: "SLA compliance", color: "#1d4ed8", unit: " %", gap: noClockLabel },
];
const hoursLines: TrendLine[] = [{ key: "hours", label: "Time lost", color: "#b45309", unit: " h", gap: withheldLabel }];

/**
 * Two trend charts over published periods (satisfaction against goal beside SLA compliance; hours
 * lost), each with its description, the gaps said in words, and the same points as a table.
 */
export function TrendFigures({ id, who, points }: { id: string; who: string; points: TrendPoint[] }) {
  const gaps = gapNote(points);
  if (points.length === 0) return <p className="text-sm text-slate-600">No published period in this range yet: figures appear once a month is over and published.</p>;
  const charts = [
    { key: "satisfaction", title: `Satisfaction against goal, and SLA compliance: ${who}`, lines: satisfactionLines, percent: true },
    { key: "hours", title: `Hours of internal customers' time lost: ${who}`, lines: hoursLines, percent: false },
  ];
  return (
    <div data-testid={id}>
      <div className="grid gap-6 lg:grid-cols-2">
        {charts.map((c) => (
          <figure key={c.key} aria-labelledby={`${id}-${c.key}`} className="min-w-0" data-testid={`${id}-${c.key}`}>
            <figcaption id={`${id}-${c.key}`} className="mb-1 text-sm font-semibold text-slate-900">{c.title}</figcaption>
            <TrendLines
              title={c.title}
              description={`One point per published period, ${points[0]!.label} to ${points.at(-1)!.label}; a period with too few responses is a gap. Focus the chart and use the arrow keys to read each period; the table below lists every value.`}
              points={points}
              lines={c.lines}
              percent={c.percent}
            />
          </figure>
        ))}
      </div>
      {gaps ? <p className="mt-2 text-sm text-slate-600" data-testid={`${id}-gaps`}>{gaps} (gaps in the lines, not zeros).</p> : null}
      <details className="mt-2">
        <summary className="cursor-pointer text-sm font-semibold text-brand-700">The charts&apos; figures as a table</summary>
        <DataTable table={trendTable(`Trend: ${who}`, points)} scrollable />
      </details>
    </div>
  );
}
