import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors";
import { auditRow, fieldError, isUniqueViolation } from "@/lib/org/audit";
import type { Tx } from "@/lib/db/create-client";
import {
  cannedResponseRefSchema,
  createCannedResponseSchema,
  updateCannedResponseSchema,
  type CannedResponseRefInput,
  type CreateCannedResponseInput,
  type MacroChanges,
  type UpdateCannedResponseInput,
} from "@/lib/validation/canned-responses";
import { parseInput } from "@/lib/validation/parse";

const titleTaken = (title: string) => fieldError("title", `This department already has a canned response called "${title}".`);
const subject = (id: string) => `canned-response:${id}`;

/** Heads (and admins) change them; the department's agents are told they may not; to anyone else they do not exist. */
function requireManager(actor: Actor, departmentId: string, what = "This canned response") {
  if (can(actor, "department.configure", { departmentId })) return;
  if (actor.agentOf.includes(departmentId)) throw forbidden("Only the head of the department can change its canned responses.");
  throw notFound(what);
}

async function assertTitleFree(tx: Tx, departmentId: string, title: string, exceptId?: string) {
  const clash = await tx.cannedResponse.findFirst({
    where: { departmentId, title: { equals: title, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw titleTaken(title);
}

/** A macro may only set an active agent of the department as assignee, and one of its own teams. */
async function checkedChanges(tx: Tx, departmentId: string, changes: MacroChanges) {
  if (changes.setAssigneeId) {
    const agent = await tx.person.findFirst({
      where: { id: changes.setAssigneeId, active: true, roles: { some: { departmentId, role: { in: ["AGENT", "HEAD"] } } } },
      select: { id: true },
    });
    if (!agent) throw fieldError("changes.setAssigneeId", "Choose an active agent of this department.");
  }
  if (changes.setTeamId) {
    const team = await tx.team.findFirst({ where: { id: changes.setTeamId, departmentId }, select: { id: true } });
    if (!team) throw fieldError("changes.setTeamId", "Choose a team of this department.");
  }
  return {
    setStatus: changes.setStatus ?? null,
    setPriority: changes.setPriority ?? null,
    setAssigneeId: changes.setAssigneeId ?? null,
    setTeamId: changes.setTeamId ?? null,
  };
}

async function lockedResponse(tx: Tx, actor: Actor, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "CannedResponse" WHERE id = ${id} FOR UPDATE`;
  const row = rows.length ? await tx.cannedResponse.findUnique({ where: { id } }) : null;
  if (!row) throw notFound("This canned response");
  requireManager(actor, row.departmentId);
  return row;
}

export async function createCannedResponse(options: { actor: Actor; input: CreateCannedResponseInput }) {
  const { actor } = options;
  const input = parseInput(createCannedResponseSchema, options.input);
  requireManager(actor, input.departmentId, "This department");
  try {
    return await db().$transaction(async (tx) => {
      const department = await tx.department.findUnique({ where: { id: input.departmentId }, select: { id: true } });
      if (!department) throw notFound("This department");
      await assertTitleFree(tx, department.id, input.title);
      const changes = await checkedChanges(tx, department.id, input.changes);
      const row = await tx.cannedResponse.create({ data: { departmentId: department.id, title: input.title, body: input.body, createdById: actor.id, ...changes } });
      await tx.auditEvent.create({ data: auditRow(actor, "canned_response.created", subject(row.id), { departmentId: department.id, title: input.title }) });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw titleTaken(input.title);
    throw error;
  }
}

export async function updateCannedResponse(options: { actor: Actor; input: UpdateCannedResponseInput }) {
  const { actor } = options;
  const input = parseInput(updateCannedResponseSchema, options.input);
  try {
    return await db().$transaction(async (tx) => {
      const row = await lockedResponse(tx, actor, input.cannedResponseId);
      const changes = await checkedChanges(tx, row.departmentId, input.changes);
      const sameChanges = (Object.keys(changes) as (keyof typeof changes)[]).every((k) => row[k] === changes[k]);
      if (row.title === input.title && row.body === input.body && sameChanges) return row;
      await assertTitleFree(tx, row.departmentId, input.title, row.id);
      const updated = await tx.cannedResponse.update({ where: { id: row.id }, data: { title: input.title, body: input.body, ...changes } });
      await tx.auditEvent.create({
        data: auditRow(actor, "canned_response.updated", subject(row.id), {
          from: { title: row.title, setStatus: row.setStatus, setPriority: row.setPriority, setAssigneeId: row.setAssigneeId, setTeamId: row.setTeamId },
          to: { title: input.title, ...changes },
          bodyChanged: row.body !== input.body,
        }),
      });
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw titleTaken(input.title);
    throw error;
  }
}

export async function deleteCannedResponse(options: { actor: Actor; input: CannedResponseRefInput }) {
  const { actor } = options;
  const input = parseInput(cannedResponseRefSchema, options.input);
  return db().$transaction(async (tx) => {
    const row = await lockedResponse(tx, actor, input.cannedResponseId);
    await tx.cannedResponse.delete({ where: { id: row.id } });
    await tx.auditEvent.create({ data: auditRow(actor, "canned_response.deleted", subject(row.id), { departmentId: row.departmentId, title: row.title }) });
    return { deleted: true };
  });
}
