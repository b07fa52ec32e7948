import { z } from "zod";
import { localDayOf } from "@/lib/reports/period";

/**
 * Satisfaction figures cover whole calendar months, quarters or years (UTC), never an arbitrary
 * range: with free ranges, two overlapping periods could be subtracted to isolate a few days'
 * ratings. The finest unit is the month; every figure's period is one of these keys.
 */
export type PeriodKey = string;

const monthKey = /^(\d{4})-(0[1-9]|1[0-2])$/;
const quarterKey = /^(\d{4})-Q([1-4])$/;
const yearKey = /^(\d{4})$/;

export const periodKeySchema = z
  .string()
  .trim()
  .refine((v) => monthKey.test(v) || quarterKey.test(v) || yearKey.test(v), "Choose a month (2026-11), a quarter (2026-Q4) or a year (2026)");

export type PeriodGrain = "month" | "quarter" | "year";

export function periodGrain(key: PeriodKey): PeriodGrain {
  if (monthKey.test(key)) return "month";
  if (quarterKey.test(key)) return "quarter";
  if (yearKey.test(key)) return "year";
  throw new Error(`not a period key: ${key}`);
}

const pad = (n: number) => String(n).padStart(2, "0");

export const monthOf = (instant: Date): PeriodKey => `${instant.getUTCFullYear()}-${pad(instant.getUTCMonth() + 1)}`;

/** The month itself, its quarter and its year: every period a rating given in that month counts in. */
export function periodsOfMonth(month: PeriodKey): [year: PeriodKey, quarter: PeriodKey, month: PeriodKey] {
  const [, y, m] = monthKey.exec(month)!;
  return [y!, `${y}-Q${Math.ceil(Number(m) / 3)}`, month];
}

/**
 * The periods published with a month (publish-satisfaction.ts): the month itself, its quarter when it
 * is the quarter's last month, its year when it is December.
 */
export function periodsPublishedWith(month: PeriodKey): PeriodKey[] {
  const [year, quarter] = periodsOfMonth(month);
  const m = Number(month.slice(5));
  return [month, ...(m % 3 === 0 ? [quarter] : []), ...(m === 12 ? [year] : [])];
}

/**
 * The ratings a month's publication must look at: the month alone, its quarter when it publishes the
 * quarter, the year in December. Figures of other periods share no rating with anything it publishes
 * (a quarter is only ever added up when it is published), so they can neither help nor hurt.
 */
export const publicationContext = (month: PeriodKey): PeriodKey => periodsPublishedWith(month).at(-1)!;

/** The month with whose publication a period's figures are published: its last month. */
export const publishingMonthOf = (key: PeriodKey): PeriodKey => monthsOf(key).at(-1)!;

/** The months a period is made of, in order. */
export function monthsOf(key: PeriodKey): PeriodKey[] {
  let match = monthKey.exec(key);
  if (match) return [key];
  match = quarterKey.exec(key);
  if (match) {
    const first = (Number(match[2]) - 1) * 3 + 1;
    return [0, 1, 2].map((i) => `${match![1]}-${pad(first + i)}`);
  }
  match = yearKey.exec(key);
  if (match) return Array.from({ length: 12 }, (_, i) => `${match[1]}-${pad(i + 1)}`);
  throw new Error(`not a period key: ${key}`);
}

/** [from, to) of a period as instants. */
export function periodRange(key: PeriodKey): { from: Date; to: Date } {
  const months = monthsOf(key);
  const start = (m: PeriodKey) => {
    const [y, mo] = m.split("-").map(Number) as [number, number];
    return Date.UTC(y, mo - 1, 1);
  };
  const last = months[months.length - 1]!.split("-").map(Number) as [number, number];
  return { from: new Date(start(months[0]!)), to: new Date(Date.UTC(last[0], last[1], 1)) };
}

const monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export function periodLabel(key: PeriodKey): string {
  const grain = periodGrain(key);
  if (grain === "year") return key;
  if (grain === "quarter") return key.replace("-", " ");
  const [y, m] = key.split("-");
  return `${monthNames[Number(m) - 1]} ${y}`;
}

/**
 * The month, quarter and year containing `now` in the zone (a department's for its reports, the
 * organisation's for HR's), and the `count` months before it, newest first.
 */
export function recentPeriods(now: Date, count: number, timeZone: string): { months: PeriodKey[]; quarters: PeriodKey[]; years: PeriodKey[] } {
  const today = localDayOf(now, timeZone);
  const months: PeriodKey[] = [];
  for (let i = 0; i < count; i++) months.push(monthOf(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1))));
  const quarters = [...new Set(months.map((m) => periodsOfMonth(m)[1]))];
  const years = [...new Set(months.map((m) => periodsOfMonth(m)[0]))];
  return { months, quarters, years };
}
