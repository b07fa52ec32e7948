"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TrendPoint } from "@/lib/experience/experience-trend";
import { trendChartHeight } from "./trend-size";

// Drawn from the published points the server computed; the table under each chart has every value.
// The chart is one tab stop: focusing it shows the first period's values, the arrow keys move
// through the periods (Recharts' accessibility layer), so the values are reachable without a mouse.

export type TrendLine = { key: "share" | "goal" | "sla" | "hours"; label: string; color: string; unit: string; gap: string; dashed?: boolean };

const axis = { fontSize: 12, fill: "#475569" };

function Values({ active, label, points, lines }: { active?: boolean; label?: unknown; points: readonly TrendPoint[]; lines: readonly TrendLine[] }) {
  const point = points.find((p) => p.label === label);
  if (!active || !point) return null;
  return (
    <div className="rounded-md bg-white px-3 py-2 text-xs shadow-md ring-1 ring-slate-200" data-testid="trend-values">
      <p className="font-semibold text-slate-900">{point.label}</p>
      <ul>
        {lines.map((l) => {
          const v = point[l.key];
          return (
            <li key={l.key} style={{ color: l.color }}>
              {l.label}: {v === null ? l.gap : `${v.toLocaleString("en-GB")}${l.unit}`}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Lines over published periods; a withheld period is a gap (connectNulls off), never interpolated. */
export function TrendLines({ title, description, points, lines, percent }: { title: string; description: string; points: TrendPoint[]; lines: TrendLine[]; percent: boolean }) {
  return (
    <div className="w-full min-w-0" style={{ height: trendChartHeight }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 16, right: 16, bottom: 0, left: 0 }} title={title} desc={description}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={axis} />
          <YAxis domain={percent ? [0, 100] : [0, "auto"]} unit={percent ? " %" : " h"} tick={axis} width={60} allowDecimals={!percent} />
          <Tooltip content={(props) => <Values active={props.active} label={props.label} points={points} lines={lines} />} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {lines.map((l) => (
            <Line key={l.key} type="linear" dataKey={l.key} name={l.label} stroke={l.color} strokeWidth={2} strokeDasharray={l.dashed ? "6 4" : undefined} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
