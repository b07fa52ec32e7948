import "server-only";
import { createDefaultRules } from "@/lib/automation/default-rules";
import { forgetAllDashboardDays } from "@/lib/reports/dashboard-rollup";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/create-client";
import { notFound } from "@/lib/errors";
import {
  createDepartmentSchema,
  setDepartmentHeadSchema,
  updateDepartmentSchema,
  type CreateDepartmentInput,
  type SetDepartmentHeadInput,
  type UpdateDepartmentInput,
} from "@/lib/validation/org";
import { parseInput } from "@/lib/validation/parse";
import { auditRow, fieldError, isUniqueViolation, requireOrgManager } from "./audit";

const keyTaken = (key: string) => fieldError("key", `The key ${key} is already used by another department.`);
const nameTaken = (name: string) => fieldError("name", `A department called "${name}" already exists.`);

async function assertNameFree(tx: Tx, name: string, exceptId?: string) {
  const clash = await tx.department.findFirst({ where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (clash) throw nameTaken(name);
}

/** A new providing department. Its key prefixes request numbers and never changes afterwards. */
export async function createDepartment(options: { actor: Actor; input: CreateDepartmentInput }) {
  const { actor } = options;
  requireOrgManager(actor);
  const input = parseInput(createDepartmentSchema, options.input);
  try {
    return await db().$transaction(async (tx) => {
      if (await tx.department.findUnique({ where: { key: input.key }, select: { id: true } })) throw keyTaken(input.key);
      await assertNameFree(tx, input.name);
      const department = await tx.department.create({ data: input });
      await createDefaultRules(tx, department.id);
      await tx.auditEvent.create({ data: auditRow(actor, "department.created", `department:${department.id}`, { ...input }) });
      return department;
    });
  } catch (error) {
    // Two admins creating the same key at once: the loser gets the same message as a pre-check.
    if (isUniqueViolation(error)) throw fieldError("key", "A department with this key or name already exists.");
    throw error;
  }
}

/** Name, description and time zone; the key stays as it is. */
export async function updateDepartment(options: { actor: Actor; input: UpdateDepartmentInput }) {
  const { actor } = options;
  requireOrgManager(actor);
  const input = parseInput(updateDepartmentSchema, options.input);
  try {
    return await db().$transaction(async (tx) => {
      const before = await tx.department.findUnique({ where: { id: input.departmentId } });
      if (!before) throw notFound("This department");
      await assertNameFree(tx, input.name, before.id);
      const data = { name: input.name, description: input.description, timeZone: input.timeZone };
      const changed = Object.fromEntries(Object.entries(data).filter(([k, v]) => before[k as keyof typeof data] !== v));
      if (Object.keys(changed).length === 0) return before;
      const department = await tx.department.update({ where: { id: before.id }, data });
      // The department's report days are dates of its zone: every stored day may have moved.
      if ("timeZone" in changed) await forgetAllDashboardDays(tx);
      const from = Object.fromEntries(Object.keys(changed).map((k) => [k, before[k as keyof typeof data]]));
      await tx.auditEvent.create({ data: auditRow(actor, "department.updated", `department:${before.id}`, { from, to: changed }) });
      return department;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

/**
 * Makes one person the head of a department (or nobody, with null): any other head of it loses that
 * grant, and the new head is also made an agent so they can work the queue. Everyone whose rights
 * changed is signed out, so the new rights apply at once.
 */
export async function setDepartmentHead(options: { actor: Actor; input: SetDepartmentHeadInput }) {
  const { actor } = options;
  requireOrgManager(actor);
  const input = parseInput(setDepartmentHeadSchema, options.input);
  return db().$transaction(async (tx) => {
    const department = await tx.department.findUnique({ where: { id: input.departmentId }, select: { id: true, key: true } });
    if (!department) throw notFound("This department");
    if (input.personId) {
      const person = await tx.person.findUnique({ where: { id: input.personId }, select: { active: true } });
      if (!person?.active) throw fieldError("personId", "Choose an active person as head.");
    }
    const current = await tx.roleGrant.findMany({ where: { departmentId: department.id, role: "HEAD" }, select: { personId: true } });
    const previous = current.map((g) => g.personId);
    const removed = previous.filter((id) => id !== input.personId);
    const added = input.personId && !previous.includes(input.personId) ? input.personId : null;
    const agentCreated = input.personId
      ? (await tx.roleGrant.createMany({ data: [{ personId: input.personId, role: "AGENT", departmentId: department.id }], skipDuplicates: true })).count > 0
      : false;
    if (removed.length === 0 && !added && !agentCreated) return { headId: input.personId };

    if (removed.length) await tx.roleGrant.deleteMany({ where: { departmentId: department.id, role: "HEAD", personId: { in: removed } } });
    if (added) await tx.roleGrant.create({ data: { personId: added, role: "HEAD", departmentId: department.id } });
    const affected = [...removed, ...(input.personId ? [input.personId] : [])];
    await tx.person.updateMany({ where: { id: { in: affected } }, data: { authVersion: { increment: 1 } } });
    await tx.auditEvent.create({
      data: auditRow(actor, "department.head_set", `department:${department.id}`, { key: department.key, from: previous, to: input.personId, agentGranted: agentCreated }),
    });
    return { headId: input.personId };
  });
}
