import "server-only";
import type { Tx } from "@/lib/db/create-client";
import { departmentCalendar, typicalDayMinutes } from "@/lib/experience/working-day";
import { addBusinessMinutes } from "@/lib/sla";

/** A complaint's follow-up target: contacted within 1 business day of the department's calendar. */
export const followUpTargetDays = 1;

export async function followUpDueAt(tx: Pick<Tx, "department" | "slaCalendar">, departmentId: string, from: Date): Promise<Date> {
  const [department, calendars] = await Promise.all([
    tx.department.findUniqueOrThrow({ where: { id: departmentId }, select: { timeZone: true } }),
    tx.slaCalendar.findMany({ where: { departmentId }, orderBy: { createdAt: "asc" }, select: { definition: true } }),
  ]);
  const calendar = departmentCalendar({ timeZone: department.timeZone, definitions: calendars.map((c) => c.definition) });
  return addBusinessMinutes(calendar, from, followUpTargetDays * typicalDayMinutes(calendar));
}
