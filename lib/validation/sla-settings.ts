import { z } from "zod";
import { openStatuses } from "@/lib/requests/statuses";
import { text } from "./text";
import type { OpeningSpan, Weekday } from "@/lib/sla";
import { canonicalTimeZone } from "@/lib/time/format-time";
import { priorities } from "./requests";

export const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const satisfies readonly Weekday[];
export const weekdayLabel: Record<Weekday, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

/** Statuses a policy may pause on: a resolved or closed request has no running clock to pause. */
export const pausableStatuses = openStatuses;
export const targetMetrics = ["firstResponseMinutes", "resolutionMinutes", "nextReplyMinutes"] as const;
export type TargetMetric = (typeof targetMetrics)[number];
export const targetLabel: Record<TargetMetric, string> = {
  firstResponseMinutes: "First response",
  resolutionMinutes: "Resolution",
  nextReplyMinutes: "Next reply",
};
export const maxTargetMinutes = 525_600;
export const icsLimits = { maxBytes: 1_000_000, maxHolidays: 5_000 } as const;

const id = text().trim().min(1, "Choose one").max(64);
const dedupe = <T>(values: T[]) => [...new Set(values)];

const SPAN = /^(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})$/;
const pad = (hours: string) => hours.padStart(2, "0");

/**
 * One weekday as typed in the form, "08:00-12:00, 13:00-17:00" (empty: closed). Only the shape is
 * checked here; whether the times exist and the spans overlap is parseCalendar's job.
 */
export function parseDayHours(text: string): { spans: OpeningSpan[]; errors: string[] } {
  const spans: OpeningSpan[] = [];
  const errors: string[] = [];
  for (const piece of text.split(/[,;\n]/).map((p) => p.trim())) {
    if (!piece) continue;
    const m = SPAN.exec(piece);
    if (!m) errors.push(`"${piece}" is not a span like 09:00-17:00`);
    else spans.push([`${pad(m[1]!)}:${m[2]}`, `${pad(m[3]!)}:${m[4]}`]);
  }
  return { spans, errors };
}

export const formatDayHours = (spans: readonly (readonly [string, string])[]) => spans.map(([a, b]) => `${a}-${b}`).join(", ");

const dayHours = z
  .union([text().max(500, "Too many spans for one day"), z.array(z.tuple([text(), text()])).max(48, "Too many spans for one day")])
  .default("")
  .transform((value, ctx): OpeningSpan[] => {
    if (Array.isArray(value)) return value;
    const { spans, errors } = parseDayHours(value);
    for (const message of errors) ctx.addIssue({ code: "custom", message });
    return spans;
  });

/** A holiday as the calendar keeps it: a date, and a name people read ("Christmas Day"), possibly empty. */
export type NamedHoliday = { date: string; name: string };
export const holidayNameMax = 100;

/**
 * Holiday lines as typed: "2026-12-25 Christmas Day" (a date, then its name), or dates alone, several to a
 * line if separated by spaces, commas or semicolons. The dates are checked by the calendar itself.
 */
export function readHolidayLines(lines: readonly string[]): NamedHoliday[] {
  return lines.flatMap((raw) => {
    const line = raw.trim();
    const named = /^(\d{4}-\d{2}-\d{2})\s+([^\d\s,;].*)$/.exec(line);
    if (named) return [{ date: named[1]!, name: named[2]!.replace(/\s+/g, " ").trim().slice(0, holidayNameMax) }];
    return line.split(/[\s,;]+/).filter(Boolean).map((date) => ({ date, name: "" }));
  });
}

const holidays = z
  .union([text().max(100_000, "Too many holidays"), z.array(text().trim()).max(icsLimits.maxHolidays, "Too many holidays")])
  .default([])
  .transform((value) => readHolidayLines(Array.isArray(value) ? value : value.split(/\r\n|\n|\r/)));

/** Canonical IANA name when Intl knows it; anything else is left for parseCalendar to report. */
const timeZone = text()
  .trim()
  .min(1, "Choose a time zone")
  .transform((v) => canonicalTimeZone(v) ?? v);

const calendarFields = {
  name: text().trim().min(1, "Give the calendar a name").max(80, "Keep the name under 80 characters"),
  timeZone,
  hours: z.object(Object.fromEntries(weekdays.map((d) => [d, dayHours])) as Record<Weekday, typeof dayHours>),
  holidays,
};

export const departmentRefSchema = z.object({ departmentId: id });
export const calendarRefSchema = z.object({ calendarId: id });
export const policyRefSchema = z.object({ policyId: id });

export const createCalendarSchema = z.object({ departmentId: id, ...calendarFields });
export type CreateCalendarInput = z.input<typeof createCalendarSchema>;
export const updateCalendarSchema = z.object({
  calendarId: id,
  ...calendarFields,
  /** The calendar's updatedAt (ISO) when the form was shown: a save over a newer version is refused. */
  expectedVersion: text().max(40).optional(),
});
export type UpdateCalendarInput = z.input<typeof updateCalendarSchema>;

export const importHolidaysSchema = z.object({
  calendarId: id,
  ics: text()
    .min(1, "Choose an .ics file")
    .max(icsLimits.maxBytes, "The file is too large (1 MB at most)"),
});
export type ImportHolidaysInput = z.input<typeof importHolidaysSchema>;

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
const wholeNumber = z.union([z.number(), text()]).optional();

/** A target arrives as minutes, or as { hours, minutes } from the form; blank means no target. */
function toMinutes(value: number | string | { hours?: number | string; minutes?: number | string } | null | undefined): number | null {
  if (blank(value)) return null;
  if (typeof value === "number") return value;
  if (typeof value === "string") return Number(value.trim());
  const { hours, minutes } = value!;
  if (blank(hours) && blank(minutes)) return null;
  return (blank(hours) ? 0 : Number(hours)) * 60 + (blank(minutes) ? 0 : Number(minutes));
}

const target = z
  .union([z.number(), text(), z.object({ hours: wholeNumber, minutes: wholeNumber }), z.null()])
  .optional()
  .transform(toMinutes)
  .pipe(
    z
      .number({ error: "Enter whole hours and minutes" })
      .int("Use whole minutes")
      .min(1, "A target must be at least 1 minute")
      .max(maxTargetMinutes, "A target can be at most 525,600 minutes (one year)")
      .nullable(),
  );

const policyFields = z.object({
  name: text().trim().min(1, "Give the policy a name").max(80, "Keep the name under 80 characters"),
  requestTypeIds: z.array(id).max(500).default([]).transform(dedupe),
  priorities: z.array(z.enum(priorities, "Unknown priority")).default([]).transform(dedupe),
  calendarId: id,
  firstResponseMinutes: target,
  resolutionMinutes: target,
  nextReplyMinutes: target,
  pauseStatuses: z.array(z.enum(pausableStatuses, "A policy can pause only on New, Open or Waiting on requester")).default(["WAITING_ON_REQUESTER"]).transform(dedupe),
  active: z.boolean().default(true),
});
const hasTarget = (p: Record<TargetMetric, number | null>) => targetMetrics.some((m) => p[m] !== null);
const noTarget = { path: ["targets"], message: "Set at least one target" };

export const createPolicySchema = policyFields.extend({ departmentId: id }).refine(hasTarget, noTarget);
export type CreatePolicyInput = z.input<typeof createPolicySchema>;
export const updatePolicySchema = policyFields
  .extend({
    policyId: id,
    /** The policy's updatedAt (ISO) when the form was shown: a save over a newer version is refused. */
    expectedVersion: text().max(40).optional(),
  })
  .refine(hasTarget, noTarget);
export type UpdatePolicyInput = z.input<typeof updatePolicySchema>;

export const reorderPolicySchema = z.object({ policyId: id, direction: z.enum(["up", "down"], "Move up or down") });
export type ReorderPolicyInput = z.input<typeof reorderPolicySchema>;
export const setPolicyActiveSchema = z.object({ policyId: id, active: z.boolean() });
export type SetPolicyActiveInput = z.input<typeof setPolicyActiveSchema>;

/** Minutes as the form shows them: whole hours plus the rest. */
export function splitMinutes(minutes: number | null): { hours: string; minutes: string } {
  if (minutes === null) return { hours: "", minutes: "" };
  return { hours: String(Math.floor(minutes / 60)), minutes: String(minutes % 60) };
}

export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return "—";
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h} h` : "", m ? `${m} min` : ""].filter(Boolean).join(" ");
}
