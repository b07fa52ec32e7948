import { AppError } from "@/lib/errors";
import { daysFromCivil, MS_PER_DAY } from "@/lib/sla/civil-date";
import { zoneOffsets } from "@/lib/sla/time-zone";
import { parseInput } from "@/lib/validation/parse";
import { periodSchema, reportSearchSchema, type PeriodPreset, type ReportSearch } from "@/lib/validation/reports";

/** A half-open interval of instants, [from, to). */
export type Period = { from: Date; to: Date };

/** What callers pass: validated here, so a missing or malformed end is INVALID_INPUT, not a crash. */
export type PeriodBounds = { from?: Date | string; to?: Date | string };

/** Local midnight of a "YYYY-MM-DD" day in a time zone, as an instant. */
export function startOfLocalDay(isoDate: string, timeZone: string, addDays = 0): Date {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const local = (daysFromCivil(y, m, d) + addDays) * MS_PER_DAY;
  const zone = zoneOffsets(timeZone);
  // Two steps, because the offset is that of the instant we are looking for, not of the local wall time.
  return new Date(local - zone.offsetAt(local - zone.offsetAt(local)));
}

/** The civil day an instant falls on in a zone, as midnight UTC of that day (how day ranges are kept). */
export function localDayOf(instant: Date, timeZone: string): Date {
  const local = instant.getTime() + zoneOffsets(timeZone).offsetAt(instant.getTime());
  return new Date(Math.floor(local / MS_PER_DAY) * MS_PER_DAY);
}

function toInstant(bound: Date | string, timeZone: string, end: boolean): Date {
  if (bound instanceof Date) return bound;
  if (bound.length === 10) return startOfLocalDay(bound, timeZone, end ? 1 : 0);
  return new Date(bound);
}

/**
 * Reads a report period: instants are taken as they are (`to` exclusive); calendar days are days of
 * the department's time zone, and a day given as `to` is included whole.
 */
export function resolvePeriod(input: PeriodBounds, timeZone: string): Period {
  const parsed = parseInput(periodSchema, input);
  const period = { from: toInstant(parsed.from, timeZone, false), to: toInstant(parsed.to, timeZone, true) };
  if (period.to.getTime() <= period.from.getTime()) {
    const message = "The period must end after it starts";
    throw new AppError("INVALID_INPUT", message, { to: [message] });
  }
  return period;
}

export type ReportForm = ReportSearch & { input: PeriodBounds };

/** The report pages' GET form as use case input: a preset is the last N days up to now. */
export function reportFormFromSearch(search: Record<string, string | string[] | undefined>, now = new Date()): ReportForm {
  const form = reportSearchSchema.parse(search);
  const hasDates = form.from !== undefined || form.to !== undefined;
  const preset: PeriodPreset = search.period === undefined && hasDates ? "custom" : form.period;
  const input: PeriodBounds =
    preset === "custom" ? { from: form.from, to: form.to } : { from: new Date(now.getTime() - Number(preset) * MS_PER_DAY), to: now };
  return { ...form, period: preset, input };
}
