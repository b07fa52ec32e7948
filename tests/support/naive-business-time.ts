// Deliberately naive reference for the SLA business-time tests: asks Intl for the local weekday, date and time of
// every single minute. Only correct for zones whose offsets are whole minutes (all zones the tests use).
import type { Calendar, Weekday } from "@/lib/sla";

const MINUTE = 60_000;
const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
  let existing = formats.get(timeZone);
  if (!existing) {
    existing = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      weekday: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    formats.set(timeZone, existing);
  }
  return existing;
}

export type LocalMinute = { date: string; weekday: Weekday; minuteOfDay: number };

export function localMinute(timeZone: string, instant: number): LocalMinute {
  const parts: Record<string, string> = {};
  for (const part of format(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: String(parts.weekday).toLowerCase().slice(0, 3) as Weekday,
    minuteOfDay: (Number(parts.hour) % 24) * 60 + Number(parts.minute),
  };
}

function toMinutes(text: string): number {
  const [hours, minutes] = text.split(":");
  return Number(hours) * 60 + Number(minutes);
}

function isOpenLocal(calendar: Calendar, local: LocalMinute): boolean {
  if (calendar.holidays.includes(local.date)) return false;
  return calendar.hours[local.weekday].some(
    ([start, end]) => toMinutes(start) <= local.minuteOfDay && local.minuteOfDay < toMinutes(end),
  );
}

/** Whether the whole UTC minute starting at `minuteStart` is open. */
export function naiveIsOpenMinute(calendar: Calendar, minuteStart: number): boolean {
  return isOpenLocal(calendar, localMinute(calendar.timeZone, minuteStart));
}

export function naiveBusinessMinutesBetween(calendar: Calendar, from: Date, to: Date): number {
  let ms = 0;
  const end = to.getTime();
  for (let t = from.getTime(); t < end; ) {
    const minuteEnd = Math.floor(t / MINUTE) * MINUTE + MINUTE;
    const next = Math.min(minuteEnd, end);
    if (naiveIsOpenMinute(calendar, minuteEnd - MINUTE)) ms += next - t;
    t = next;
  }
  return ms / MINUTE;
}

/** Walks minute by minute; gives up (throws) after `maxScannedMinutes` so a bad case cannot hang a test run. */
export function naiveAddBusinessMinutes(calendar: Calendar, start: Date, minutes: number, maxScannedMinutes = 200_000): Date {
  let remaining = Math.round(minutes * MINUTE);
  let t = start.getTime();
  for (let scanned = 0; scanned < maxScannedMinutes; scanned++) {
    const minuteStart = Math.floor(t / MINUTE) * MINUTE;
    const minuteEnd = minuteStart + MINUTE;
    if (naiveIsOpenMinute(calendar, minuteStart)) {
      if (t + remaining <= minuteEnd) return new Date(t + remaining);
      remaining -= minuteEnd - t;
    }
    t = minuteEnd;
  }
  throw new Error(`naiveAddBusinessMinutes scanned ${maxScannedMinutes} minutes without finishing`);
}

/** Open minutes of the local date `date`: every instant whose local date is `date` lies within 15 h of its UTC midnight. */
export function naiveOpenMinutesOnDate(calendar: Calendar, date: string): number {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  let count = 0;
  for (let t = midnight - 15 * 60 * MINUTE; t < midnight + 39 * 60 * MINUTE; t += MINUTE) {
    const local = localMinute(calendar.timeZone, t);
    if (local.date === date && isOpenLocal(calendar, local)) count++;
  }
  return count;
}
