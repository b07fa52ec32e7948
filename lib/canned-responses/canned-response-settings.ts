import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

/** A department's canned responses, for its heads (and admins) to edit; to anyone else the department's settings do not exist. */
export async function cannedResponseSettings(options: { actor: Actor; departmentKey: string }) {
  const department = await db().department.findUnique({ where: { key: options.departmentKey.toUpperCase() }, select: { id: true, key: true, name: true } });
  if (!department || !can(options.actor, "department.configure", { departmentId: department.id })) throw notFound("This department");
  const responses = await db().cannedResponse.findMany({
    where: { departmentId: department.id },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    select: { id: true, title: true, body: true, setStatus: true, setPriority: true, setAssigneeId: true, setTeamId: true, updatedAt: true, createdBy: { select: { name: true } } },
  });
  // What a macro may set: the department's teams and its active agents.
  const [teams, agents] = await Promise.all([
    db().team.findMany({ where: { departmentId: department.id }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().person.findMany({ where: { active: true, roles: { some: { departmentId: department.id, role: { in: ["AGENT", "HEAD"] } } } }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { department, responses, teams, agents };
}
