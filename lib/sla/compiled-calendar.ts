import type { Calendar, Weekday } from "./calendar";
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, parseClockTime, parseIsoDate, weekdayIndex } from "./civil-date";
import { type ZoneOffsets, zoneOffsets } from "./time-zone";

/** Open time of one local date as sorted, disjoint UTC instants [start0, end0, start1, end1, ...]. */
export type OpenDay = { readonly intervals: readonly number[]; readonly openMs: number };

const CLOSED: OpenDay = Object.freeze({ intervals: Object.freeze([]), openMs: 0 });
const BY_UTC_WEEKDAY: readonly Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
// Real offsets lie within -12h..+14h, so every instant of local date d is within this margin of d's midnight read as UTC.
const WINDOW_MS = 15 * MS_PER_HOUR;
const MAX_CACHED_DAYS = 100_000;

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A validated calendar with lazily built, cached per-date open intervals. Build it with compileCalendar(),
 * which validates first; the constructor assumes a calendar that parseCalendar() accepted.
 *
 * Invariant relied on by the walkers: every open instant of local date d precedes every open instant of d + 1.
 * That holds unless a zone falls back across midnight by less than the shift, which no tz rule does.
 */
export class CompiledCalendar {
  readonly calendar: Calendar;
  readonly zone: ZoneOffsets;
  /** Open ms of a week without holidays or offset changes. */
  readonly weekMs: number;
  /** Longest run of consecutive dates without open time a valid calendar can produce; a longer run means a bug. */
  readonly maxClosedRun: number;
  /** Per UTC weekday index: flat [start, end, ...] in ms after local midnight. */
  private readonly spans: readonly (readonly number[])[];
  private readonly regularMs: readonly number[];
  private readonly holidaySet: ReadonlySet<number>;
  private readonly holidayDays: readonly number[];
  private readonly days = new Map<number, OpenDay>();

  constructor(calendar: Calendar) {
    this.calendar = calendar;
    this.zone = zoneOffsets(calendar.timeZone);
    this.spans = BY_UTC_WEEKDAY.map((weekday) =>
      calendar.hours[weekday].flatMap(([start, end]) => [
        (parseClockTime(start) ?? 0) * MS_PER_MINUTE,
        (parseClockTime(end) ?? 0) * MS_PER_MINUTE,
      ]),
    );
    this.regularMs = this.spans.map((spans) => {
      let ms = 0;
      for (let i = 0; i < spans.length; i += 2) ms += spans[i + 1]! - spans[i]!;
      return ms;
    });
    this.weekMs = this.regularMs.reduce((sum, ms) => sum + ms, 0);
    this.holidayDays = calendar.holidays.map((date) => parseIsoDate(date) ?? Number.NaN).sort((a, b) => a - b);
    this.holidaySet = new Set(this.holidayDays);
    // Holidays can close at most their own count of otherwise-open dates; +7 for closed weekdays, +7 for DST oddities.
    this.maxClosedRun = this.holidayDays.length + 14;
  }

  /** Local date (days since 1970-01-01) of instant `t`. */
  localDay(t: number): number {
    return Math.floor((t + this.zone.offsetAt(t)) / MS_PER_DAY);
  }

  day(localDay: number): OpenDay {
    let day = this.days.get(localDay);
    if (day) return day;
    if (this.days.size >= MAX_CACHED_DAYS) this.days.clear();
    day = this.computeDay(localDay);
    this.days.set(localDay, day);
    return day;
  }

  /** Open ms of the whole local dates [from, to): whole weeks by multiplication, then holiday and DST corrections. */
  openMsInDays(from: number, to: number): number {
    if (to <= from) return 0;
    const weeks = Math.floor((to - from) / 7);
    let ms = weeks * this.weekMs;
    for (let d = from + weeks * 7; d < to; d++) ms += this.regularMs[weekdayIndex(d)]!;
    for (let i = lowerBound(this.holidayDays, from); i < this.holidayDays.length; i++) {
      const holiday = this.holidayDays[i]!;
      if (holiday >= to) break;
      ms -= this.regularMs[weekdayIndex(holiday)]!;
    }
    for (const d of this.datesNearTransitions(from, to)) {
      if (this.holidaySet.has(d)) continue;
      ms += this.day(d).openMs - this.regularMs[weekdayIndex(d)]!;
    }
    return ms;
  }

  /**
   * Dates in [from, to) whose open time an offset change may alter. A change at instant T from offset a to b
   * can only touch dates overlapping local times T + min(a, b) .. T + max(a, b).
   */
  private datesNearTransitions(from: number, to: number): Set<number> {
    const dates = new Set<number>();
    const transitions = this.zone.transitionsBetween(from * MS_PER_DAY - WINDOW_MS, to * MS_PER_DAY + WINDOW_MS);
    for (const { at, before, after } of transitions) {
      const first = Math.max(from, Math.floor((at + Math.min(before, after)) / MS_PER_DAY));
      const last = Math.min(to - 1, Math.floor((at + Math.max(before, after)) / MS_PER_DAY));
      for (let d = first; d <= last; d++) dates.add(d);
    }
    return dates;
  }

  private computeDay(localDay: number): OpenDay {
    if (this.holidaySet.has(localDay)) return CLOSED;
    const weekday = weekdayIndex(localDay);
    const spans = this.spans[weekday]!;
    if (spans.length === 0) return CLOSED;
    const midnight = localDay * MS_PER_DAY;
    const windowStart = midnight - WINDOW_MS;
    const windowEnd = midnight + MS_PER_DAY + WINDOW_MS;
    const offset = this.zone.offsetAt(windowStart);
    const transitions = this.zone.transitionsBetween(windowStart, windowEnd);
    if (transitions.length === 0) {
      return { intervals: spans.map((ms) => midnight + ms - offset), openMs: this.regularMs[weekday]! };
    }

    // Wall time = instant + offset, with the offset constant between transitions: invert each span piece by piece.
    // A skipped wall hour yields no instants; a repeated one yields two pieces, so it counts in real elapsed time.
    const bounds = [windowStart, ...transitions.map((transition) => transition.at), windowEnd];
    const offsets = [offset, ...transitions.map((transition) => transition.after)];
    const pieces: [number, number][] = [];
    for (let i = 0; i < spans.length; i += 2) {
      const wallStart = midnight + spans[i]!;
      const wallEnd = midnight + spans[i + 1]!;
      for (let j = 0; j < offsets.length; j++) {
        const pieceOffset = offsets[j]!;
        const start = Math.max(bounds[j]!, wallStart - pieceOffset);
        const end = Math.min(bounds[j + 1]!, wallEnd - pieceOffset);
        if (start < end) pieces.push([start, end]);
      }
    }
    pieces.sort((a, b) => a[0] - b[0]);
    const intervals: number[] = [];
    let openMs = 0;
    for (const [start, end] of pieces) {
      openMs += end - start;
      if (intervals.length > 0 && intervals[intervals.length - 1] === start) intervals[intervals.length - 1] = end;
      else intervals.push(start, end);
    }
    return intervals.length === 0 ? CLOSED : { intervals, openMs };
  }
}
