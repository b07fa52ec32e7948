import "server-only";
import { notAutomation } from "@/lib/automation/rule-actor";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { openStatuses } from "@/lib/requests/statuses";
import { peopleSearchSchema, type PeopleSearchInput } from "@/lib/validation/org";
import { requireOrgManager } from "./audit";

/** What the admin pages read. Every function checks the actor like the use cases that change things. */

export async function adminOverview(options: { actor: Actor }) {
  requireOrgManager(options.actor);
  const [departments, openByDepartment, people, inactive, admins] = await Promise.all([
    db().department.findMany({
      orderBy: { name: "asc" },
      select: {
        id: true,
        key: true,
        name: true,
        timeZone: true,
        roles: { where: { role: { in: ["AGENT", "HEAD"] } }, select: { role: true, personId: true, person: { select: { name: true, active: true } } } },
        _count: { select: { people: { where: { active: true } }, teams: true } },
      },
    }),
    db().request.groupBy({ by: ["departmentId"], where: { status: { in: [...openStatuses] } }, _count: { _all: true } }),
    db().person.count({ where: { active: true } }),
    db().person.count({ where: { active: false, ...notAutomation } }),
    db().person.count({ where: { active: true, roles: { some: { role: "ADMIN" } } } }),
  ]);
  const open = new Map(openByDepartment.map((g) => [g.departmentId, g._count._all]));
  return {
    totals: { people, inactive, admins, departments: departments.length },
    departments: departments.map((d) => ({
      id: d.id,
      key: d.key,
      name: d.name,
      timeZone: d.timeZone,
      heads: d.roles.filter((r) => r.role === "HEAD").map((r) => ({ id: r.personId, name: r.person.name, active: r.person.active })),
      agents: new Set(d.roles.filter((r) => r.person.active).map((r) => r.personId)).size,
      people: d._count.people,
      teams: d._count.teams,
      openRequests: open.get(d.id) ?? 0,
    })),
  };
}

/** The departments admin list: one line each with its head and counts, nothing per person. */
export async function departmentListForAdmin(options: { actor: Actor }) {
  requireOrgManager(options.actor);
  const departments = await db().department.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      key: true,
      name: true,
      description: true,
      timeZone: true,
      roles: { where: { role: "HEAD", person: { active: true } }, select: { person: { select: { id: true, name: true } } } },
      _count: { select: { teams: true, people: { where: { active: true } }, requestTypes: { where: { active: true } } } },
    },
  });
  const agents = await db().roleGrant.groupBy({ by: ["departmentId"], where: { role: "AGENT", person: { active: true } }, _count: { _all: true } });
  const agentCount = new Map(agents.map((a) => [a.departmentId, a._count._all]));
  return departments.map((d) => ({
    id: d.id,
    key: d.key,
    name: d.name,
    description: d.description,
    timeZone: d.timeZone,
    heads: d.roles.map((r) => r.person).sort(byName),
    agents: agentCount.get(d.id) ?? 0,
    teams: d._count.teams,
    people: d._count.people,
    requestTypes: d._count.requestTypes,
  }));
}

/** One department's admin page: details, head, agents and teams. Not found for an unknown key. */
export async function departmentForAdmin(options: { actor: Actor; departmentKey: string }) {
  requireOrgManager(options.actor);
  const key = options.departmentKey.toUpperCase();
  if (!/^[A-Z][A-Z0-9]{1,9}$/.test(key)) throw notFound("This department");
  const department = await db().department.findUnique({
    where: { key },
    include: {
      roles: { where: { role: { in: ["AGENT", "HEAD"] } }, select: { role: true, person: { select: { id: true, name: true, active: true } } } },
      teams: { orderBy: { name: "asc" }, include: { members: { select: { person: { select: { id: true, name: true, active: true } } } } } },
      people: { where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true } },
    },
  });
  if (!department) throw notFound("This department");
  const d = department;
  const agents = uniqueById(d.roles.map((r) => r.person)).sort(byName);
  return {
    id: d.id,
    key: d.key,
    name: d.name,
    description: d.description,
    timeZone: d.timeZone,
    heads: d.roles.filter((r) => r.role === "HEAD").map((r) => r.person),
    // Head candidates: the department's own active people and anyone already working its queue.
    headCandidates: uniqueById([...d.people, ...agents.filter((a) => a.active)]).sort(byName),
    agents: agents.filter((a) => a.active),
    teams: d.teams.map((t) => ({ id: t.id, name: t.name, members: t.members.map((m) => m.person).sort(byName) })),
  };
}

export async function departmentChoices(options: { actor: Actor }) {
  requireOrgManager(options.actor);
  return db().department.findMany({ orderBy: { name: "asc" }, select: { id: true, key: true, name: true } });
}

export const peoplePageSize = 25;

export async function listPeople(options: { actor: Actor; search: PeopleSearchInput }) {
  requireOrgManager(options.actor);
  const { q, page } = peopleSearchSchema.parse(options.search);
  // The people automation rules act as are not co-workers: an admin never manages them here.
  const where: Prisma.PersonWhereInput = q
    ? {
        ...notAutomation,
        OR: [
          { name: { contains: q, mode: "insensitive" } },
          { email: { contains: q, mode: "insensitive" } },
          { title: { contains: q, mode: "insensitive" } },
          { department: { key: { equals: q.toUpperCase() } } },
        ],
      }
    : notAutomation;
  const [total, rows] = await Promise.all([
    db().person.count({ where }),
    db().person.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (page - 1) * peoplePageSize,
      take: peoplePageSize,
      select: {
        id: true,
        email: true,
        name: true,
        title: true,
        active: true,
        department: { select: { key: true, name: true } },
        roles: { select: { role: true, department: { select: { key: true } } } },
      },
    }),
  ]);
  return { q: q ?? "", page, pageCount: Math.max(1, Math.ceil(total / peoplePageSize)), total, rows };
}

export async function personForAdmin(options: { actor: Actor; personId: string }) {
  requireOrgManager(options.actor);
  const person = await db().person.findUnique({
    where: { id: options.personId },
    include: {
      department: { select: { id: true, key: true, name: true } },
      roles: { select: { role: true, departmentId: true } },
      teams: { select: { team: { select: { name: true, department: { select: { key: true } } } } } },
      manager: { select: { id: true, name: true, email: true } },
    },
  });
  if (!person) throw notFound("This person");
  const [departments, history] = await Promise.all([
    db().department.findMany({ orderBy: { name: "asc" }, select: { id: true, key: true, name: true } }),
    db().auditEvent.findMany({ where: { subject: `person:${person.id}` }, orderBy: { id: "desc" }, take: 20 }),
  ]);
  return { person, departments, history: history.map((h) => ({ id: h.id.toString(), at: h.createdAt, action: h.action, detail: h.detail })) };
}

type Named = { id: string; name: string };
const byName = (a: Named, b: Named) => a.name.localeCompare(b.name);
function uniqueById<T extends { id: string }>(items: T[]): T[] {
  return [...new Map(items.map((i) => [i.id, i])).values()];
}
