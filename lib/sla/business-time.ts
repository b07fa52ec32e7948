import { type Calendar, compileCalendar } from "./calendar";
import { MS_PER_MINUTE, parseIsoDate } from "./civil-date";
import type { CompiledCalendar, OpenDay } from "./compiled-calendar";

// Ten years of round-the-clock minutes: far beyond any SLA target, and it bounds the work a single call can do.
const MAX_MINUTES = 10 * 366 * 24 * 60;
// Ranges longer than this many dates are summed with whole-week arithmetic instead of date by date.
const WALK_LIMIT_DAYS = 14;

function instantOf(value: Date, name: string): number {
  const time = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(time)) throw new RangeError(`${name} must be a valid Date, got ${String(value)}`);
  return time;
}

/** Milliseconds for `minutes`, rounded to Date's resolution so that all arithmetic below stays in exact integers. */
function durationMs(minutes: number): number {
  if (typeof minutes !== "number" || !Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`minutes must be a finite number >= 0, got ${String(minutes)}`);
  }
  if (minutes > MAX_MINUTES) throw new RangeError(`minutes must be at most ${MAX_MINUTES} (ten years), got ${minutes}`);
  return Math.round(minutes * MS_PER_MINUTE);
}

function openMsWithin(day: OpenDay, from: number, to: number): number {
  const { intervals } = day;
  let ms = 0;
  for (let i = 0; i < intervals.length; i += 2) {
    const start = Math.max(intervals[i]!, from);
    const end = Math.min(intervals[i + 1]!, to);
    if (start < end) ms += end - start;
  }
  return ms;
}

/** Whole weeks starting at local date `from` that hold strictly less than `remaining` open ms, and their open ms. */
function skippableWeeks(compiled: CompiledCalendar, from: number, remaining: number): { days: number; ms: number } {
  for (let weeks = Math.floor(remaining / compiled.weekMs) - 1; weeks >= 1; weeks = Math.floor(weeks / 2)) {
    const ms = compiled.openMsInDays(from, from + weeks * 7);
    // Strictly less: if the skipped weeks held exactly `remaining`, the answer would be their last closing time.
    if (ms < remaining) return { days: weeks * 7, ms };
  }
  return { days: 0, ms: 0 };
}

/**
 * The instant at which `minutes` of open time have elapsed after `start`. A start outside opening hours counts
 * from the next opening, so 0 minutes from a closed instant gives the next opening. When the target is used up
 * exactly at a closing time, that closing time is returned. Sub-millisecond fractions of `minutes` are rounded.
 */
export function addBusinessMinutes(calendar: Calendar | CompiledCalendar, start: Date, minutes: number): Date {
  const compiled = compileCalendar(calendar);
  let t = instantOf(start, "start");
  let remaining = durationMs(minutes);
  let date = compiled.localDay(t);
  let closedRun = 0;
  for (;;) {
    const { intervals } = compiled.day(date);
    for (let i = 0; i < intervals.length; i += 2) {
      const end = intervals[i + 1]!;
      if (end <= t) continue;
      const from = intervals[i]! > t ? intervals[i]! : t;
      if (from + remaining <= end) return new Date(from + remaining);
      remaining -= end - from;
      t = end;
    }
    closedRun = intervals.length === 0 ? closedRun + 1 : 0;
    if (closedRun > compiled.maxClosedRun) {
      throw new Error(`no open time found in ${closedRun} consecutive days of ${compiled.calendar.timeZone} calendar`);
    }
    date += 1;
    if (remaining > 2 * compiled.weekMs) {
      const skip = skippableWeeks(compiled, date, remaining);
      date += skip.days;
      remaining -= skip.ms;
    }
  }
}

/** Open minutes in [from, to), fractional when the bounds are not on whole minutes; 0 when to <= from. */
export function businessMinutesBetween(calendar: Calendar | CompiledCalendar, from: Date, to: Date): number {
  const compiled = compileCalendar(calendar);
  const start = instantOf(from, "from");
  const end = instantOf(to, "to");
  if (end <= start) return 0;
  const firstDate = compiled.localDay(start);
  const lastDate = compiled.localDay(end);
  if (lastDate - firstDate <= WALK_LIMIT_DAYS) {
    let ms = 0;
    for (let date = firstDate; date <= lastDate; date++) ms += openMsWithin(compiled.day(date), start, end);
    return ms / MS_PER_MINUTE;
  }
  const ms =
    openMsWithin(compiled.day(firstDate), start, end) +
    compiled.openMsInDays(firstDate + 1, lastDate) +
    openMsWithin(compiled.day(lastDate), start, end);
  return ms / MS_PER_MINUTE;
}

/** Open minutes of one local date "YYYY-MM-DD" (0 on holidays; DST days give their real length). */
export function openMinutesOnDate(calendar: Calendar | CompiledCalendar, date: string): number {
  const compiled = compileCalendar(calendar);
  const localDay = parseIsoDate(date);
  if (localDay === undefined) throw new RangeError(`date must be a valid "YYYY-MM-DD" date, got ${JSON.stringify(date)}`);
  return compiled.day(localDay).openMs / MS_PER_MINUTE;
}

/** Whether the calendar is open at `instant` (an opening instant counts as open, a closing one does not). */
export function isOpenAt(calendar: Calendar | CompiledCalendar, instant: Date): boolean {
  const compiled = compileCalendar(calendar);
  const t = instantOf(instant, "instant");
  const { intervals } = compiled.day(compiled.localDay(t));
  for (let i = 0; i < intervals.length; i += 2) if (t >= intervals[i]! && t < intervals[i + 1]!) return true;
  return false;
}
