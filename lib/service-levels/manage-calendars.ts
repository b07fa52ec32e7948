import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditRow, fieldError, isUniqueViolation } from "@/lib/org/audit";
import type { Tx } from "@/lib/db/create-client";
import { parseCalendar, type Calendar } from "@/lib/sla";
import {
  calendarRefSchema,
  createCalendarSchema,
  departmentRefSchema,
  icsLimits,
  importHolidaysSchema,
  updateCalendarSchema,
  type CreateCalendarInput,
  type ImportHolidaysInput,
  type NamedHoliday,
  type UpdateCalendarInput,
} from "@/lib/validation/sla-settings";
import { localDayOf } from "@/lib/reports/period";
import { parseInput } from "@/lib/validation/parse";
import { holidayNamesOf } from "./holiday-names";
import { holidaysFromIcs, type IcsHoliday } from "./ics-holidays";
import { lockDepartment, recomputeOpenClocks, requireConfigure, requireConfigureRecord, validCalendar } from "./settings-access";

const nameTaken = (name: string) => fieldError("name", `This department already has a calendar called "${name}".`);
const subject = (id: string) => `sla-calendar:${id}`;

async function assertNameFree(tx: Tx, departmentId: string, name: string, exceptId?: string) {
  const clash = await tx.slaCalendar.findFirst({
    where: { departmentId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw nameTaken(name);
}

/** The calendar behind an id, if the actor may change it (see requireConfigureRecord). */
async function calendarFor(actor: Actor, input: unknown) {
  const { calendarId } = parseInput(calendarRefSchema, input);
  const calendar = await db().slaCalendar.findUnique({ where: { id: calendarId }, select: { id: true, departmentId: true } });
  if (!calendar) throw notFound("This calendar");
  requireConfigureRecord(actor, calendar.departmentId, "This calendar");
  return calendar;
}

/** Row lock on the calendar, then its stored definition: concurrent edits and imports queue up instead of losing holidays. */
async function lockedCalendar(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT id FROM "SlaCalendar" WHERE id = ${id} FOR UPDATE`;
  const row = await tx.slaCalendar.findUniqueOrThrow({ where: { id } });
  return { row, definition: parseCalendar(row.definition), names: holidayNamesOf(row.definition) };
}

/** The stored definition: the calendar, plus the names of those of its holidays that have one. */
const asJson = (calendar: Calendar, names: ReadonlyMap<string, string> = new Map()) => {
  const holidayNames = Object.fromEntries(calendar.holidays.flatMap((d) => (names.get(d) ? [[d, names.get(d)!]] : [])));
  return JSON.parse(JSON.stringify(Object.keys(holidayNames).length ? { ...calendar, holidayNames } : calendar)) as Prisma.InputJsonObject;
};
const namesFrom = (holidays: readonly NamedHoliday[]) => new Map(holidays.filter((h) => h.name).map((h) => [h.date, h.name]));

/** A new business-hours calendar. No policy uses it yet, so no clock moves. */
export async function createCalendar(options: { actor: Actor; input: CreateCalendarInput }) {
  const { actor } = options;
  requireConfigure(actor, parseInput(departmentRefSchema, options.input).departmentId);
  const input = parseInput(createCalendarSchema, options.input);
  const definition = validCalendar({ timeZone: input.timeZone, hours: input.hours, holidays: input.holidays.map((h) => h.date) });
  try {
    return await db().$transaction(async (tx) => {
      await lockDepartment(tx, input.departmentId);
      await assertNameFree(tx, input.departmentId, input.name);
      const calendar = await tx.slaCalendar.create({ data: { departmentId: input.departmentId, name: input.name, definition: asJson(definition, namesFrom(input.holidays)) } });
      await tx.auditEvent.create({
        data: auditRow(actor, "sla.calendar.created", subject(calendar.id), { departmentId: input.departmentId, name: input.name, definition: asJson(definition) }),
      });
      return calendar;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

/** Name, time zone, weekly hours and holidays; open clocks of the department follow at once. */
export async function updateCalendar(options: { actor: Actor; input: UpdateCalendarInput }) {
  const { actor } = options;
  const { departmentId } = await calendarFor(actor, options.input);
  const input = parseInput(updateCalendarSchema, options.input);
  const definition = validCalendar({ timeZone: input.timeZone, hours: input.hours, holidays: input.holidays.map((h) => h.date) });
  const names = namesFrom(input.holidays);
  let changed = false;
  let updated;
  try {
    updated = await db().$transaction(async (tx) => {
      const { row, definition: before, names: namesBefore } = await lockedCalendar(tx, input.calendarId);
      if (input.expectedVersion && input.expectedVersion !== row.updatedAt.toISOString()) {
        throw new AppError("STALE_VERSION", "This calendar changed since you opened it (saved by someone else, or holidays were imported). Reload the page and make your change again.");
      }
      if (row.name !== input.name) await assertNameFree(tx, departmentId, input.name, row.id);
      const from: Record<string, unknown> = {};
      const to: Record<string, unknown> = {};
      if (row.name !== input.name) [from.name, to.name] = [row.name, input.name];
      if (before.timeZone !== definition.timeZone) [from.timeZone, to.timeZone] = [before.timeZone, definition.timeZone];
      if (JSON.stringify(before.hours) !== JSON.stringify(definition.hours)) [from.hours, to.hours] = [before.hours, definition.hours];
      const removed = before.holidays.filter((d) => !definition.holidays.includes(d));
      const added = definition.holidays.filter((d) => !before.holidays.includes(d));
      const renamed = definition.holidays.filter((d) => before.holidays.includes(d) && (namesBefore.get(d) ?? "") !== (names.get(d) ?? ""));
      if (renamed.length) [from.holidayNames, to.holidayNames] = [renamed.map((d) => `${d} ${namesBefore.get(d) ?? ""}`.trim()), renamed.map((d) => `${d} ${names.get(d) ?? ""}`.trim())];
      if (Object.keys(to).length === 0 && removed.length === 0 && added.length === 0) return row;
      // Only a name changed: the dates, and so the clocks, stay as they were.
      changed = Object.keys(to).some((k) => k !== "name" && k !== "holidayNames") || removed.length > 0 || added.length > 0;
      const calendar = await tx.slaCalendar.update({ where: { id: row.id }, data: { name: input.name, definition: asJson(definition, names) } });
      const detail = { departmentId, from, to, ...(added.length ? { holidaysAdded: added } : {}), ...(removed.length ? { holidaysRemoved: removed } : {}) };
      await tx.auditEvent.create({ data: auditRow(actor, "sla.calendar.updated", subject(row.id), JSON.parse(JSON.stringify(detail)) as Prisma.InputJsonObject) });
      return calendar;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
  if (changed) await recomputeOpenClocks(departmentId);
  return updated;
}

/** The window recurring events are expanded over: a year back (open requests may span it) to three years ahead. */
function importWindow(now: Date, timeZone: string) {
  const today = localDayOf(now, timeZone);
  const shift = (years: number) => new Date(Date.UTC(today.getUTCFullYear() + years, today.getUTCMonth(), today.getUTCDate())).toISOString().slice(0, 10);
  return { from: shift(-1), until: shift(3) };
}

export type HolidayPreview = { holidays: (IcsHoliday & { already: boolean })[]; from: string; until: string; zone: string };

/** What an .ics file would add, before anything is saved: each date with its name, and whether the calendar has it already. */
export async function previewHolidayImport(options: { actor: Actor; input: ImportHolidaysInput; now?: Date }): Promise<HolidayPreview> {
  const { actor } = options;
  await calendarFor(actor, options.input);
  const input = parseInput(importHolidaysSchema, options.input);
  const row = await db().slaCalendar.findUniqueOrThrow({ where: { id: input.calendarId } });
  const definition = validCalendar(row.definition);
  const window = importWindow(options.now ?? new Date(), definition.timeZone);
  const known = new Set(definition.holidays);
  const holidays = holidaysFromIcs(input.ics, { calendarZone: definition.timeZone, ...window }).map((h) => ({ ...h, already: known.has(h.date) }));
  return { holidays, ...window, zone: definition.timeZone };
}

/**
 * Adds the holidays of an .ics file's events (ical.js: recurring events expanded over the import window,
 * EXDATE and TZID honoured) to the calendar, each with its event's name, read in the calendar's zone.
 * Dates it already has are skipped, not an error (a name it lacked is added).
 */
export async function importHolidaysFromIcs(options: { actor: Actor; input: ImportHolidaysInput; now?: Date }): Promise<{ added: string[]; skipped: string[] }> {
  const { actor } = options;
  const { departmentId } = await calendarFor(actor, options.input);
  const input = parseInput(importHolidaysSchema, options.input);
  const result = await db().$transaction(async (tx) => {
    const { row, definition, names } = await lockedCalendar(tx, input.calendarId);
    const window = importWindow(options.now ?? new Date(), definition.timeZone);
    const known = new Set(definition.holidays);
    const added: string[] = [];
    const skipped = new Set<string>();
    let named = false;
    for (const { date, name } of holidaysFromIcs(input.ics, { calendarZone: definition.timeZone, ...window })) {
      if (known.has(date)) {
        skipped.add(date);
        if (!names.get(date) && name) {
          names.set(date, name);
          named = true;
        }
      } else {
        known.add(date);
        added.push(date);
        if (name) names.set(date, name);
      }
    }
    if (added.length === 0 && !named) return { added, skipped: [...skipped] };
    if (known.size > icsLimits.maxHolidays) {
      throw new AppError("INVALID_INPUT", `A calendar can hold at most ${icsLimits.maxHolidays} holidays.`, { ics: [`A calendar can hold at most ${icsLimits.maxHolidays} holidays.`] });
    }
    const merged = validCalendar({ ...definition, holidays: [...known] });
    await tx.slaCalendar.update({ where: { id: row.id }, data: { definition: asJson(merged, names) } });
    await tx.auditEvent.create({
      data: auditRow(actor, "sla.calendar.holidays_imported", subject(row.id), { departmentId, added: added.sort(), skipped: skipped.size }),
    });
    return { added, skipped: [...skipped] };
  });
  if (result.added.length) await recomputeOpenClocks(departmentId);
  return { added: result.added.sort(), skipped: result.skipped.sort() };
}
