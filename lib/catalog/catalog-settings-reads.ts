import "server-only";
import { approvalStepsSchema } from "@/lib/validation/approvals";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { fieldDefinitionsSchema } from "@/lib/validation/fields";

/** The department whose settings the actor opens; NOT_FOUND for anyone who may not change them. */
export async function departmentForSettings(options: { actor: Actor; departmentKey: string }) {
  return departmentFor(options.actor, options.departmentKey);
}

async function departmentFor(actor: Actor, departmentKey: string) {
  const department = await db().department.findUnique({ where: { key: departmentKey.toUpperCase() }, select: { id: true, key: true, name: true } });
  if (!department || !can(actor, "department.configure", { departmentId: department.id })) throw notFound("This department");
  return department;
}

/** A department's request types, offered or not, with how many requests each has; for its heads (and admins). */
export async function catalogSettings(options: { actor: Actor; departmentKey: string }) {
  const department = await departmentFor(options.actor, options.departmentKey);
  const [types, teams] = await Promise.all([
    db().requestType.findMany({
      where: { departmentId: department.id },
      orderBy: [{ sortOrder: "asc" }, { name: "asc" }, { id: "asc" }],
      select: { id: true, slug: true, name: true, description: true, active: true, defaultPriority: true, fields: true, defaultTeam: { select: { name: true } }, _count: { select: { requests: true } } },
    }),
    db().team.findMany({ where: { departmentId: department.id }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return {
    department,
    teams,
    types: types.map(({ _count, fields, defaultTeam, ...t }) => ({ ...t, teamName: defaultTeam?.name ?? null, requestCount: _count.requests, fieldCount: Array.isArray(fields) ? fields.length : 0 })),
  };
}

/** One request type of the department with its form, for the edit page. */
export async function requestTypeForEditing(options: { actor: Actor; departmentKey: string; typeId: string }) {
  const department = await departmentFor(options.actor, options.departmentKey);
  const [type, teams, departments, allTeams] = await Promise.all([
    db().requestType.findFirst({
      where: { id: options.typeId, departmentId: department.id },
      select: { id: true, slug: true, name: true, description: true, active: true, defaultPriority: true, defaultTeamId: true, version: true, fields: true, approvalSteps: true, _count: { select: { requests: true } } },
    }),
    db().team.findMany({ where: { departmentId: department.id }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().department.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().team.findMany({ orderBy: [{ department: { name: "asc" } }, { name: "asc" }], select: { id: true, name: true, department: { select: { name: true } } } }),
  ]);
  if (!type) throw notFound("This request type");
  // A stored form that no longer parses is edited from scratch rather than crashing the page.
  const parsed = fieldDefinitionsSchema.safeParse(type.fields);
  const approvals = approvalStepsSchema.safeParse(type.approvalSteps);
  const steps = approvals.success ? approvals.data : [];
  const personIds = steps.flatMap((s) => (s.approver.kind === "people" ? s.approver.personIds : []));
  const people = personIds.length ? await db().person.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true } }) : [];
  const { _count, fields: _raw, approvalSteps: _steps, ...rest } = type;
  return {
    department,
    teams,
    /** What an approval step may name: any department's head, any team, people by name. */
    approvalChoices: { departments, teams: allTeams.map((t) => ({ id: t.id, name: `${t.department.name}: ${t.name}` })), people },
    type: { ...rest, requestCount: _count.requests, fields: parsed.success ? parsed.data : [], fieldsProblem: !parsed.success, approvalSteps: steps, approvalsProblem: !approvals.success },
  };
}
