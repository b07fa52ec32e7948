"use client";

import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { countBarsHeight, percentLinesHeight } from "./chart-size";

// Charts only draw what the server computed; every number is also in the table under the chart,
// and value labels are printed on the bars, so nothing needs hovering.

export type Series = { key: string; label: string; color: string };
export type ChartRow = Record<string, string | number | null>;

const axis = { fontSize: 12, fill: "#475569" };

function Frame({ label, height = percentLinesHeight, children }: { label: string; height?: number; children: React.ReactElement }) {
  return (
    <figure className="w-full min-w-0 max-w-full" style={{ height }}>
      <figcaption className="sr-only">{label} (the table below has every figure)</figcaption>
      <div role="img" aria-label={`${label}. The table below the chart lists every figure.`} className="h-full w-full min-w-0 overflow-hidden">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** Percentages over time, one line per series; gaps where nothing was counted. */
export function PercentLines({ label, rows, series }: { label: string; rows: ChartRow[]; series: Series[] }) {
  return (
    <Frame label={label}>
      <LineChart data={rows} margin={{ top: 16, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="label" tick={axis} />
        <YAxis domain={[0, 100]} unit=" %" tick={axis} width={56} />
        <Tooltip formatter={(v) => (v === null || v === undefined ? "—" : `${String(v)} %`)} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s) => (
          <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={2} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false}>
            <LabelList dataKey={s.key} position="top" fontSize={11} fill={s.color} formatter={(v: unknown) => (v === null || v === undefined ? "" : String(v))} />
          </Line>
        ))}
      </LineChart>
    </Frame>
  );
}

/** Counts per category as bars, side by side or stacked. */
export function CountBars({
  label,
  rows,
  series,
  stacked = false,
  horizontal = false,
  height,
}: {
  label: string;
  rows: ChartRow[];
  series: Series[];
  stacked?: boolean;
  horizontal?: boolean;
  height?: number;
}) {
  const h = countBarsHeight({ rows: rows.length, stacked, horizontal, height });
  return (
    <Frame label={label} height={h}>
      <BarChart data={rows} layout={horizontal ? "vertical" : "horizontal"} margin={{ top: 16, right: 24, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#e2e8f0" vertical={horizontal} horizontal={!horizontal} />
        {horizontal ? (
          <>
            <XAxis type="number" allowDecimals={false} tick={axis} />
            <YAxis type="category" dataKey="label" tick={axis} width={150} />
          </>
        ) : (
          <>
            <XAxis dataKey="label" tick={axis} />
            <YAxis allowDecimals={false} tick={axis} width={48} />
          </>
        )}
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} stackId={stacked ? "all" : undefined} isAnimationActive={false}>
            {stacked ? null : <LabelList dataKey={s.key} position={horizontal ? "right" : "top"} fontSize={11} fill="#334155" />}
          </Bar>
        ))}
      </BarChart>
    </Frame>
  );
}
