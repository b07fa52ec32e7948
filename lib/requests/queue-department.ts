import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
import { forbidden, notFound } from "@/lib/errors";

export type Department = { id: string; key: string; name: string };

/** The department whose queue this is, if the actor works it: a queue they may not see is NOT_FOUND or FORBIDDEN. */
export async function queueDepartment(actor: Actor, departmentKey: string): Promise<Department> {
  const [department] = await sql().$queryRaw<Department[]>`SELECT id, key, name FROM "Department" WHERE key = ${departmentKey.toUpperCase()}`;
  if (!department) throw notFound("This department");
  if (!can(actor, "queue.view", { departmentId: department.id })) throw forbidden("Only agents of this department can see its queue.");
  return department;
}

