import { localDayOf, startOfLocalDay } from "@/lib/reports/period";
import { monthOf, monthsOf, periodRange, periodsOfMonth, type PeriodKey } from "./figure-periods";

/**
 * Periods of the organisation's time zone (DESIGN: "the organisation's [periods] follow the
 * organisation's [zone]"): a month, quarter or year is [local midnight of its first day, local
 * midnight after its last day). Pure; the zone comes in as an argument.
 */
export function zonedPeriodRange(period: PeriodKey, timeZone: string): { from: Date; to: Date } {
  // Remembered per period and zone: HR's organisation view asks for the same range once per cell.
  const key = `${period}|${timeZone}`;
  let range = ranges.get(key);
  if (!range) {
    const { from, to } = periodRange(period);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    range = { from: startOfLocalDay(day(from), timeZone).getTime(), to: startOfLocalDay(day(to), timeZone).getTime() };
    if (ranges.size >= 1000) ranges.clear();
    ranges.set(key, range);
  }
  return { from: new Date(range.from), to: new Date(range.to) };
}

const ranges = new Map<string, { from: number; to: number }>();

/** The month of the zone an instant falls in. */
export const zonedMonthOf = (instant: Date, timeZone: string): PeriodKey => monthOf(localDayOf(instant, timeZone));

/** The quarter of the zone `now` is in: the organisation view's default period. */
export const zonedQuarterOf = (now: Date, timeZone: string): PeriodKey => periodsOfMonth(zonedMonthOf(now, timeZone))[1];

export type MonthRange = { month: PeriodKey; from: Date; to: Date };

/**
 * The instants each of these consecutive months covers: a published month what its publication
 * recorded; an unpublished one from where the month before it ended (so a change of zone neither
 * drops nor double-counts an hour) to its end in the zone of today.
 */
export function monthRanges(options: { months: readonly PeriodKey[]; timeZone: string; recorded: ReadonlyMap<PeriodKey, { from: Date; to: Date }>; before?: { to: Date } | null }): MonthRange[] {
  const out: MonthRange[] = [];
  let previousEnd = options.before?.to ?? null;
  for (const month of options.months) {
    const recorded = options.recorded.get(month);
    const zoned = zonedPeriodRange(month, options.timeZone);
    const range = recorded ?? { from: previousEnd ?? zoned.from, to: zoned.to };
    out.push({ month, from: range.from, to: range.to < range.from ? range.from : range.to });
    previousEnd = range.to;
  }
  return out;
}

/** The month before `month`. */
export function monthBefore(month: PeriodKey): PeriodKey {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** A period's [from, to) from its months' ranges (the period's months must all be there). */
export function rangeOfPeriod(period: PeriodKey, ranges: readonly MonthRange[]): { from: Date; to: Date } {
  const months = monthsOf(period);
  const first = ranges.find((r) => r.month === months[0]);
  const last = ranges.find((r) => r.month === months.at(-1));
  if (!first || !last) throw new Error(`the ranges do not cover ${period}`);
  return { from: first.from, to: last.to };
}
