import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/create-client";
import { AppError, notFound } from "@/lib/errors";
import {
  createPersonSchema,
  grantKey,
  normalizeGrants,
  personRefSchema,
  setRolesSchema,
  updatePersonSchema,
  type CreatePersonInput,
  type PersonRefInput,
  type SetRolesInput,
  type UpdatePersonInput,
} from "@/lib/validation/org";
import { setManagerSchema, type SetManagerInput } from "@/lib/validation/org";
import { parseInput } from "@/lib/validation/parse";
import { releaseAllOpenWork, releaseDepartmentWork } from "./release-department-work";
import { auditRow, fieldError, isUniqueViolation, lastAdminMessage, lockAdminSet, otherActiveAdmins, requireOrgManager } from "./audit";

const emailTaken = (email: string) => fieldError("email", `${email} already belongs to someone in the directory.`);

async function assertDepartment(tx: Tx, departmentId: string) {
  const department = await tx.department.findUnique({ where: { id: departmentId }, select: { id: true } });
  if (!department) throw fieldError("departmentId", "Choose an existing department.");
}

/** A new employee; roles are granted separately. Emails are stored lower-case and are unique. */
export async function createPerson(options: { actor: Actor; input: CreatePersonInput }) {
  const { actor } = options;
  requireOrgManager(actor);
  const input = parseInput(createPersonSchema, options.input);
  try {
    return await db().$transaction(async (tx) => {
      const clash = await tx.person.findFirst({ where: { email: { equals: input.email, mode: "insensitive" } }, select: { id: true } });
      if (clash) throw emailTaken(input.email);
      await assertDepartment(tx, input.departmentId);
      const person = await tx.person.create({ data: input });
      await tx.auditEvent.create({ data: auditRow(actor, "person.created", `person:${person.id}`, { ...input }) });
      return person;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken(input.email);
    throw error;
  }
}

/** Name, title and home department; the email is the sign-in identity and stays. */
export async function updatePerson(options: { actor: Actor; input: UpdatePersonInput }) {
  const { actor } = options;
  requireOrgManager(actor);
  const input = parseInput(updatePersonSchema, options.input);
  return db().$transaction(async (tx) => {
    const before = await tx.person.findUnique({ where: { id: input.personId } });
    if (!before) throw notFound("This person");
    await assertDepartment(tx, input.departmentId);
    const data = { name: input.name, title: input.title, departmentId: input.departmentId };
    const keys = (Object.keys(data) as (keyof typeof data)[]).filter((k) => before[k] !== data[k]);
    if (keys.length === 0) return before;
    const person = await tx.person.update({ where: { id: before.id }, data });
    await tx.auditEvent.create({
      data: auditRow(actor, "person.updated", `person:${before.id}`, {
        from: Object.fromEntries(keys.map((k) => [k, before[k]])),
        to: Object.fromEntries(keys.map((k) => [k, data[k]])),
      }),
    });
    return person;
  });
}

/**
 * A person's manager in the directory (approval steps may name "the requester's manager"): an
 * active co-worker, never the person themself nor anyone they manage, directly or further down.
 */
export async function setManager(options: { actor: Actor; input: SetManagerInput }) {
  const { actor } = options;
  requireOrgManager(actor);
  const input = parseInput(setManagerSchema, options.input);
  return db().$transaction(async (tx) => {
    const before = await tx.person.findUnique({ where: { id: input.personId }, select: { id: true, managerId: true } });
    if (!before) throw notFound("This person");
    if (input.managerId) {
      if (input.managerId === before.id) throw fieldError("managerId", "A person cannot be their own manager");
      const manager = await tx.person.findFirst({ where: { id: input.managerId, active: true }, select: { id: true } });
      if (!manager) throw fieldError("managerId", "Choose an active co-worker");
      // Walk up from the new manager: reaching the person means they would manage themself.
      const [loop] = await tx.$queryRaw<{ found: boolean }[]>`
        WITH RECURSIVE up(id, depth) AS (
          SELECT ${input.managerId}::text, 0
          UNION ALL SELECT p."managerId", up.depth + 1 FROM up JOIN "Person" p ON p.id = up.id WHERE p."managerId" IS NOT NULL AND up.depth < 200
        ) SELECT EXISTS (SELECT 1 FROM up WHERE id = ${before.id}) AS found`;
      if (loop?.found) throw fieldError("managerId", "This person manages them (directly or further down): choose someone else");
    }
    if (before.managerId === input.managerId) return before;
    const person = await tx.person.update({ where: { id: before.id }, data: { managerId: input.managerId } });
    await tx.auditEvent.create({ data: auditRow(actor, "person.manager_set", `person:${before.id}`, { from: before.managerId, to: input.managerId }) });
    return person;
  });
}

/**
 * Replaces all of a person's role grants and ends their sessions, so the new rights (or their loss)
 * apply at once. The last active administrator cannot lose ADMIN.
 */
export async function setRoles(options: { actor: Actor; input: SetRolesInput }) {
  const { actor } = options;
  requireOrgManager(actor);
  const input = parseInput(setRolesSchema, options.input);
  const grants = normalizeGrants(input.grants);
  return db().$transaction(async (tx) => {
    await lockAdminSet(tx);
    const person = await tx.person.findUnique({ where: { id: input.personId }, include: { roles: true } });
    if (!person) throw notFound("This person");
    const departmentIds = [...new Set(grants.flatMap((g) => (g.departmentId ? [g.departmentId] : [])))];
    const known = await tx.department.count({ where: { id: { in: departmentIds } } });
    if (known !== departmentIds.length) throw fieldError("grants", "A chosen department no longer exists. Reload and try again.");

    const before = normalizeGrants(person.roles.map((r) => ({ role: r.role, departmentId: r.departmentId })));
    if (before.map(grantKey).join() === grants.map(grantKey).join()) return { grants, changed: false };
    const losesAdmin = before.some((g) => g.role === "ADMIN") && !grants.some((g) => g.role === "ADMIN");
    if (losesAdmin && person.active && (await otherActiveAdmins(tx, person.id)) === 0) throw fieldError("grants", lastAdminMessage);

    await tx.roleGrant.deleteMany({ where: { personId: person.id } });
    await tx.roleGrant.createMany({ data: grants.map((g) => ({ personId: person.id, role: g.role, departmentId: g.departmentId })) });
    await tx.person.update({ where: { id: person.id }, data: { authVersion: { increment: 1 } } });
    // Departments they no longer work give their open assignments and team places back.
    const stillWorks = new Set(worksIn(grants));
    const left = worksIn(before).filter((d) => !stillWorks.has(d));
    const released = await releaseDepartmentWork(tx, { personId: person.id, departmentIds: left });
    await tx.auditEvent.create({
      data: auditRow(actor, "person.roles_set", `person:${person.id}`, { from: before.map(grantKey), to: grants.map(grantKey), ...(left.length ? { leftDepartments: left, ...released } : {}) }),
    });
    return { grants, changed: true };
  });
}

/** The departments a set of grants works in (agent or head there). */
const worksIn = (grants: { role: string; departmentId: string | null }[]) =>
  [...new Set(grants.flatMap((g) => ((g.role === "AGENT" || g.role === "HEAD") && g.departmentId ? [g.departmentId] : [])))].sort();

/** Signs the person out everywhere at once, revokes their API tokens, refuses their next sign-in and gives their open requests back to their queues. */
export async function deactivatePerson(options: { actor: Actor; input: PersonRefInput }) {
  const { actor } = options;
  requireOrgManager(actor);
  const input = parseInput(personRefSchema, options.input);
  if (input.personId === actor.id) throw new AppError("INVALID_INPUT", "You cannot deactivate yourself: ask another administrator.");
  return db().$transaction(async (tx) => {
    await lockAdminSet(tx);
    const person = await tx.person.findUnique({ where: { id: input.personId }, include: { roles: { where: { role: "ADMIN" }, select: { id: true } } } });
    if (!person) throw notFound("This person");
    if (!person.active) return { active: false };
    if (person.roles.length && (await otherActiveAdmins(tx, person.id)) === 0) throw new AppError("INVALID_INPUT", lastAdminMessage);
    await tx.person.update({ where: { id: person.id }, data: { active: false, authVersion: { increment: 1 } } });
    // API tokens die with the deactivation: a reactivated person makes new ones.
    await tx.apiToken.updateMany({ where: { personId: person.id, revokedAt: null }, data: { revokedAt: new Date() } });
    const unassigned = await releaseAllOpenWork(tx, person.id);
    await tx.auditEvent.create({ data: auditRow(actor, "person.deactivated", `person:${person.id}`, { email: person.email, unassigned }) });
    return { active: false };
  });
}

export async function reactivatePerson(options: { actor: Actor; input: PersonRefInput }) {
  const { actor } = options;
  requireOrgManager(actor);
  const input = parseInput(personRefSchema, options.input);
  return db().$transaction(async (tx) => {
    const person = await tx.person.findUnique({ where: { id: input.personId }, select: { id: true, active: true, email: true } });
    if (!person) throw notFound("This person");
    if (person.active) return { active: true };
    // A fresh authVersion too: a token issued before the deactivation must not come back to life.
    await tx.person.update({ where: { id: person.id }, data: { active: true, authVersion: { increment: 1 } } });
    await tx.auditEvent.create({ data: auditRow(actor, "person.reactivated", `person:${person.id}`, { email: person.email }) });
    return { active: true };
  });
}
