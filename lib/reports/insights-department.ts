import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors";
import { departmentKeySchema } from "@/lib/validation/reports";

export type InsightsDepartment = { id: string; key: string; name: string; timeZone: string };

/**
 * The department whose reports the actor asks for, if they head it. Checked before any other input
 * is read, so someone who may not see the reports learns nothing from their validation messages.
 */
export async function insightsDepartment(options: { actor: Actor; departmentKey: string }): Promise<InsightsDepartment> {
  const key = departmentKeySchema.safeParse(options.departmentKey);
  if (!key.success) throw notFound("This department");
  const department = await db().department.findUnique({ where: { key: key.data }, select: { id: true, key: true, name: true, timeZone: true } });
  if (!department) throw notFound("This department");
  if (!can(options.actor, "insights.department", { departmentId: department.id })) {
    throw forbidden("Only the head of this department can see its reports.");
  }
  return department;
}
