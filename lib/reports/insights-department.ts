import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
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
  // Through lib/db/sql.ts: every report of a page asks this first (Prisma's query compiler cost more than the read).
  const [department] = await sql({ prepared: true }).$queryRaw<InsightsDepartment[]>`SELECT "id", "key", "name", "timeZone" FROM "Department" WHERE "key" = ${key.data}`;
  if (!department) throw notFound("This department");
  if (!can(options.actor, "insights.department", { departmentId: department.id })) {
    throw forbidden("Only the head of this department can see its reports.");
  }
  return department;
}
