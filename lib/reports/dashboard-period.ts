import { AppError } from "@/lib/errors";
import { monthOf, monthsOf, periodGrain, periodKeySchema, periodLabel, periodRange, periodsOfMonth, type PeriodGrain, type PeriodKey } from "@/lib/satisfaction/figure-periods";
import { MS_PER_DAY } from "@/lib/sla/civil-date";
import { parseInput } from "@/lib/validation/parse";
import { localDayOf, startOfLocalDay } from "./period";

/**
 * One point of a trend: a month of a quarter or year, or a 7-day stretch of a month (the last one
 * shorter), as calendar days [from, to) of the department's zone, each day written as midnight UTC
 * of that date (how dashboard-days.ts keeps days).
 */
export type PeriodBucket = { key: string; label: string; from: Date; to: Date };

/**
 * `from`/`to`: the calendar days of the period in the department's zone (midnight UTC of each
 * date, as the buckets); `start`/`end`: the instants of those local midnights.
 */
export type DashboardPeriod = { key: PeriodKey; label: string; grain: PeriodGrain; timeZone: string; from: Date; to: Date; start: Date; end: Date; buckets: PeriodBucket[] };

const shortMonth = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
const dayMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** The quarter of `now` in the zone: the dashboard's period when none is chosen. */
export const currentQuarter = (now: Date, timeZone: string): PeriodKey => periodsOfMonth(monthOf(localDayOf(now, timeZone)))[1];

/**
 * A dashboard period from its key (a calendar month, quarter or year of the department's time zone),
 * with its trend buckets: the months of a quarter or year, 7-day stretches of a month.
 */
export function dashboardPeriod(key: string | undefined, timeZone: string, now = new Date()): DashboardPeriod {
  const parsed: PeriodKey = key === undefined ? currentQuarter(now, timeZone) : parseInput(periodKeySchema, key);
  const year = Number(parsed.slice(0, 4));
  if (year < 1970) throw new AppError("INVALID_INPUT", "Choose a year from 1970 on", { period: ["Choose a year from 1970 on"] });
  const grain = periodGrain(parsed);
  const { from, to } = periodRange(parsed);
  const buckets: PeriodBucket[] =
    grain === "month"
      ? weeksOf(from, to)
      : monthsOf(parsed).map((m) => ({ key: m, label: shortMonth.format(periodRange(m).from), ...periodRange(m) }));
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { key: parsed, label: periodLabel(parsed), grain, timeZone, from, to, start: startOfLocalDay(day(from), timeZone), end: startOfLocalDay(day(to), timeZone), buckets };
}

function weeksOf(from: Date, to: Date): PeriodBucket[] {
  const out: PeriodBucket[] = [];
  for (let start = from.getTime(); start < to.getTime(); start += 7 * MS_PER_DAY) {
    const end = Math.min(start + 7 * MS_PER_DAY, to.getTime());
    const b = { from: new Date(start), to: new Date(end) };
    out.push({ key: b.from.toISOString().slice(0, 10), label: `${dayMonth.format(b.from)}–${dayMonth.format(new Date(end - MS_PER_DAY))}`, ...b });
  }
  return out;
}
