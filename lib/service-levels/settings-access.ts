import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type { Tx } from "@/lib/db/create-client";
import { CalendarError, parseCalendar, type Calendar } from "@/lib/sla";
import { recomputeClocks } from "./refresh-clocks";

const headsOnly = "Only the head of the department can change its service levels.";

/** Creating something in a department: anyone without the right is refused outright. */
export function requireConfigure(actor: Actor, departmentId: string) {
  if (!can(actor, "department.configure", { departmentId })) throw forbidden(headsOnly);
}

/**
 * A calendar or policy that exists: its agents learn they may not change it, everyone else that it
 * is not there (another department's settings are none of their business).
 */
export function requireConfigureRecord(actor: Actor, departmentId: string, what: string) {
  if (can(actor, "department.configure", { departmentId })) return;
  if (actor.agentOf.includes(departmentId)) throw forbidden(headsOnly);
  throw notFound(what);
}

/** Serialises settings changes of one department: positions, merges and name checks see each other. */
export async function lockDepartment(tx: Tx, departmentId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Department" WHERE id = ${departmentId} FOR UPDATE`;
  if (rows.length === 0) throw notFound("This department");
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** parseCalendar's issues as form fields: hours.mon, hours (no open time at all), timeZone, holidays. */
export function calendarFieldErrors(issues: readonly string[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = /^hours\.[a-z]+/.exec(issue)?.[0] ?? (issue.startsWith("timeZone") ? "timeZone" : issue.startsWith("holidays") ? "holidays" : /open time/.test(issue) ? "hours" : "_form");
    const message = capitalise(issue.replace(/^(hours\.[a-z]+|holidays)(\[\d+\])*:?\s*/, ""));
    (errors[key] ??= []).push(message);
  }
  return errors;
}

/** The calendar a form describes, validated as the clocks will read it; bad input is INVALID_INPUT beside its field. */
export function validCalendar(definition: unknown): Calendar {
  try {
    return parseCalendar(definition);
  } catch (error) {
    if (!(error instanceof CalendarError)) throw error;
    throw new AppError("INVALID_INPUT", `Check the calendar: ${error.issues[0]}`, calendarFieldErrors(error.issues));
  }
}

/**
 * Brings the department's open clocks in line with its changed settings, so badges and due dates
 * follow at once. Runs after the change committed: recomputeClocks writes in its own transactions and
 * must read the new settings. With onlyOpen it replaces every clock row of each open request,
 * including earlier finished cycles (re-derived from the same events, so they only move if their
 * policy's targets or calendar changed); resolved and closed requests keep their clocks as stored.
 */
export async function recomputeOpenClocks(departmentId: string) {
  await recomputeClocks(db(), { departmentId, onlyOpen: true });
}
