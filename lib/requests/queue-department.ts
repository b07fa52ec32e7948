import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors";

export type Department = { id: string; key: string; name: string };

/** The department whose queue this is, if the actor works it: a queue they may not see is NOT_FOUND or FORBIDDEN. */
export async function queueDepartment(actor: Actor, departmentKey: string): Promise<Department> {
  const department = await db().department.findUnique({ where: { key: departmentKey.toUpperCase() }, select: { id: true, key: true, name: true } });
  if (!department) throw notFound("This department");
  if (!can(actor, "queue.view", { departmentId: department.id })) throw forbidden("Only agents of this department can see its queue.");
  return department;
}

