import "server-only";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { slaSettings } from "@/lib/service-levels/settings-reads";
import type { Calendar } from "@/lib/sla";
import { formatDayHours, weekdays } from "@/lib/validation/sla-settings";
import type { CalendarFormValues } from "./calendar-forms";

/** The department's SLA settings, or a 404 for anyone who may not change them. */
export async function loadSlaSettings(departmentKey: string) {
  const actor = await requireActor();
  return slaSettings({ actor, departmentKey }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
}

/** Intl's list omits "UTC"; a stored zone Intl no longer lists stays selectable. */
export function timeZoneChoices(current: string): string[] {
  return [...new Set(["UTC", current, ...Intl.supportedValuesOf("timeZone")])].sort((a, b) => (a === "UTC" ? -1 : b === "UTC" ? 1 : a.localeCompare(b)));
}

export function calendarFormValues(name: string, definition: Calendar, names: ReadonlyMap<string, string> = new Map()): CalendarFormValues {
  return {
    name,
    timeZone: definition.timeZone,
    hours: Object.fromEntries(weekdays.map((d) => [d, formatDayHours(definition.hours[d])])) as CalendarFormValues["hours"],
    // "2026-12-25 Christmas Day": the form's holiday lines, read back by readHolidayLines.
    holidays: definition.holidays.map((d) => `${d} ${names.get(d) ?? ""}`.trim()),
  };
}
