import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { agentSearchSchema } from "@/lib/validation/org";
import { parseInput } from "@/lib/validation/parse";

const staff = (departmentId: string) => ({ roles: { some: { departmentId, role: { in: ["AGENT" as const, "HEAD" as const] } } } });

/** A department's teams, their members and its agents' availability, for its heads (and admins); to anyone else it does not exist. */
export async function teamSettings(options: { actor: Actor; departmentKey: string }) {
  const department = await db().department.findUnique({ where: { key: options.departmentKey.toUpperCase() }, select: { id: true, key: true, name: true } });
  if (!department || !can(options.actor, "department.configure", { departmentId: department.id })) throw notFound("This department");
  const [teams, agents] = await Promise.all([
    db().team.findMany({
      where: { departmentId: department.id },
      orderBy: { name: "asc" },
      select: {
        id: true,
        name: true,
        assignmentRule: true,
        members: { orderBy: { person: { name: "asc" } }, select: { person: { select: { id: true, name: true, active: true, available: true } } } },
        _count: { select: { defaultFor: true } },
      },
    }),
    db().person.findMany({ where: staff(department.id), orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true, active: true, available: true } }),
  ]);
  return {
    department,
    teams: teams.map((t) => ({ id: t.id, name: t.name, rule: t.assignmentRule, members: t.members.map((m) => m.person), requestTypeCount: t._count.defaultFor })),
    agents,
  };
}

export type AgentMatch = { id: string; name: string; email: string };

/** Active agents of the department whose name or email starts with the query: the member picker. */
export async function searchDepartmentAgents(options: { actor: Actor; departmentId: string; query: string }): Promise<AgentMatch[]> {
  const { departmentId, query: raw } = parseInput(agentSearchSchema, { departmentId: options.departmentId, query: options.query });
  if (!can(options.actor, "department.configure", { departmentId })) throw notFound("This department");
  if (raw.length < 2) return [];
  const query = raw.replace(/[\\%_]/g, (c) => `\\${c}`);
  return db().person.findMany({
    where: {
      active: true,
      ...staff(departmentId),
      OR: [
        { name: { startsWith: query, mode: "insensitive" } },
        { name: { contains: ` ${query}`, mode: "insensitive" } },
        { email: { startsWith: query, mode: "insensitive" } },
      ],
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 10,
    select: { id: true, name: true, email: true },
  });
}
