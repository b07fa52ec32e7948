import type { Cell, TableData } from "@/lib/reports/dashboard-tables";
import { withheldLabel } from "@/lib/satisfaction/satisfaction-value";
import type { ExperienceFigure } from "./read-experience";

/**
 * One published period of a trend chart: satisfaction (share of ratings 4–5) against its goal, SLA
 * compliance, and hours lost. Values come only from the published figure (read-experience.ts): a
 * withheld figure gives null for satisfaction, goal and hours, drawn as a gap and labelled with the
 * same words as every table ("Not enough responses"), never joined across.
 */
export type TrendPoint = {
  key: string;
  label: string;
  share: number | null;
  goal: number | null;
  sla: number | null;
  hours: number | null;
  withheld: boolean;
};

export const noClockLabel = "No SLA clock decided";

/**
 * The points of a trend, in order, for published periods only: a period still open (or closed a
 * moment ago) is "pending" and has no point at all, so nothing of the open period is drawn.
 */
export function trendPoints(periods: readonly { key: string; label: string; sla: { percent: number | null }; figure: ExperienceFigure }[]): TrendPoint[] {
  return periods.flatMap((p): TrendPoint[] => {
    const s = p.figure.satisfaction;
    if (s.state === "pending") return [];
    const e = s.state === "shown" ? p.figure.experience : null;
    return [{ key: p.key, label: p.label, share: e && s.state === "shown" ? s.percent : null, goal: e?.goalPercent ?? null, sla: p.sla.percent, hours: e?.timeLostHours ?? null, withheld: !e }];
  });
}

/** The chart's table alternative: the same points, with the gap's words in its cells. */
export function trendTable(title: string, points: readonly TrendPoint[]): TableData {
  const or = (v: number | null, why: string): Cell => v ?? why;
  return {
    title,
    columns: ["Period", "Share 4–5 %", "Goal %", "SLA compliance %", "Time lost (hours)"],
    rows: points.map((p) => [p.label, or(p.share, withheldLabel), or(p.goal, withheldLabel), or(p.sla, noClockLabel), or(p.hours, withheldLabel)]),
  };
}

/** "Not enough responses: Oct 2026, Nov 2026", said under the chart so a gap is never mistaken for a zero. */
export function gapNote(points: readonly TrendPoint[]): string | null {
  const gaps = points.filter((p) => p.withheld).map((p) => p.label);
  return gaps.length ? `${withheldLabel}: ${gaps.join(", ")}` : null;
}
