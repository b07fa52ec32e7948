import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import {
  createTeamSchema,
  renameTeamSchema,
  setTeamMembersSchema,
  type CreateTeamInput,
  type RenameTeamInput,
  type SetTeamMembersInput,
} from "@/lib/validation/org";
import { parseInput } from "@/lib/validation/parse";
import { auditRow, fieldError, isUniqueViolation, requireOrgManager, type Tx } from "./audit";

const nameTaken = (name: string) => fieldError("name", `This department already has a team called "${name}".`);

async function assertTeamNameFree(tx: Tx, departmentId: string, name: string, exceptId?: string) {
  const clash = await tx.team.findFirst({
    where: { departmentId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw nameTaken(name);
}

export async function createTeam(options: { actor: Actor; input: CreateTeamInput }) {
  const { actor } = options;
  requireOrgManager(actor);
  const input = parseInput(createTeamSchema, options.input);
  try {
    return await db().$transaction(async (tx) => {
      const department = await tx.department.findUnique({ where: { id: input.departmentId }, select: { id: true } });
      if (!department) throw notFound("This department");
      await assertTeamNameFree(tx, department.id, input.name);
      const team = await tx.team.create({ data: { departmentId: department.id, name: input.name } });
      await tx.auditEvent.create({ data: auditRow(actor, "team.created", `team:${team.id}`, { departmentId: department.id, name: input.name }) });
      return team;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

export async function renameTeam(options: { actor: Actor; input: RenameTeamInput }) {
  const { actor } = options;
  requireOrgManager(actor);
  const input = parseInput(renameTeamSchema, options.input);
  try {
    return await db().$transaction(async (tx) => {
      const team = await tx.team.findUnique({ where: { id: input.teamId } });
      if (!team) throw notFound("This team");
      if (team.name === input.name) return team;
      await assertTeamNameFree(tx, team.departmentId, input.name, team.id);
      const renamed = await tx.team.update({ where: { id: team.id }, data: { name: input.name } });
      await tx.auditEvent.create({ data: auditRow(actor, "team.renamed", `team:${team.id}`, { from: team.name, to: input.name }) });
      return renamed;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

/**
 * Replaces a team's members. Only agents (or heads) of the team's department can be members; a
 * deactivated agent may stay on a team but not be added to one.
 */
export async function setTeamMembers(options: { actor: Actor; input: SetTeamMembersInput }) {
  const { actor } = options;
  requireOrgManager(actor);
  const input = parseInput(setTeamMembersSchema, options.input);
  return db().$transaction(async (tx) => {
    const team = await tx.team.findUnique({ where: { id: input.teamId }, include: { members: { select: { personId: true } } } });
    if (!team) throw notFound("This team");
    const current = team.members.map((m) => m.personId);
    const eligible = await tx.person.findMany({
      where: {
        id: { in: input.personIds },
        OR: [{ active: true }, { id: { in: current } }],
        roles: { some: { departmentId: team.departmentId, role: { in: ["AGENT", "HEAD"] } } },
      },
      select: { id: true },
    });
    const eligibleIds = new Set(eligible.map((p) => p.id));
    const refused = input.personIds.filter((id) => !eligibleIds.has(id));
    if (refused.length) {
      throw fieldError("personIds", `Only active agents of this team's department can be members (${refused.length} chosen ${refused.length === 1 ? "is" : "are"} not).`);
    }
    const added = input.personIds.filter((id) => !current.includes(id));
    const removed = current.filter((id) => !input.personIds.includes(id));
    if (added.length === 0 && removed.length === 0) return { memberIds: current };
    if (removed.length) await tx.teamMember.deleteMany({ where: { teamId: team.id, personId: { in: removed } } });
    if (added.length) await tx.teamMember.createMany({ data: added.map((personId) => ({ teamId: team.id, personId })) });
    await tx.auditEvent.create({ data: auditRow(actor, "team.members_set", `team:${team.id}`, { added, removed }) });
    return { memberIds: input.personIds };
  });
}
