import "server-only";
import { holidayNamesOf } from "./holiday-names";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { CalendarError, parseCalendar, type Calendar } from "@/lib/sla";

export type CalendarView = { id: string; name: string; updatedAt: Date; definition: Calendar | null; holidayNames: Map<string, string>; problem: string | null; policyCount: number };

/** A stored definition for display; one that no longer validates is shown as a problem, not a crash. */
function readDefinition(definition: unknown): { definition: Calendar | null; problem: string | null } {
  try {
    return { definition: parseCalendar(definition), problem: null };
  } catch (error) {
    if (error instanceof CalendarError) return { definition: null, problem: error.message };
    throw error;
  }
}

/** A department's SLA settings, for its heads (and admins); to anyone else it does not exist. */
export async function slaSettings(options: { actor: Actor; departmentKey: string }) {
  const department = await db().department.findUnique({ where: { key: options.departmentKey.toUpperCase() }, select: { id: true, key: true, name: true, timeZone: true } });
  if (!department || !can(options.actor, "department.configure", { departmentId: department.id })) throw notFound("This department");
  const [calendars, policies, requestTypes] = await Promise.all([
    db().slaCalendar.findMany({ where: { departmentId: department.id }, orderBy: { name: "asc" }, include: { _count: { select: { policies: true } } } }),
    db().slaPolicy.findMany({ where: { departmentId: department.id }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] }),
    db().requestType.findMany({ where: { departmentId: department.id }, orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { id: true, name: true, active: true } }),
  ]);
  return {
    department,
    calendars: calendars.map((c): CalendarView => ({ id: c.id, name: c.name, updatedAt: c.updatedAt, ...readDefinition(c.definition), holidayNames: holidayNamesOf(c.definition), policyCount: c._count.policies })),
    policies,
    requestTypes,
  };
}
