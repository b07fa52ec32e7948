import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/create-client";
import { forbidden, notFound } from "@/lib/errors";
import {
  createTeamSchema,
  renameTeamSchema,
  setTeamMembersSchema,
  setTeamRuleSchema,
  teamMemberSchema,
  type CreateTeamInput,
  type RenameTeamInput,
  type SetTeamMembersInput,
  type SetTeamRuleInput,
  type TeamMemberInput,
} from "@/lib/validation/org";
import { parseInput } from "@/lib/validation/parse";
import { auditRow, fieldError, isUniqueViolation } from "./audit";

const nameTaken = (name: string) => fieldError("name", `This department already has a team called "${name}".`);
const headsOnly = "Only the head of the department (or an administrator) can change its teams.";

/**
 * Teams are the department's settings: its heads and admins change them. Its agents learn they may
 * not; to everyone else another department's teams do not exist.
 */
export function requireTeamManager(actor: Actor, departmentId: string, what = "This team") {
  if (can(actor, "department.configure", { departmentId })) return;
  if (actor.agentOf.includes(departmentId)) throw forbidden(headsOnly);
  throw notFound(what);
}

/** The team, locked for this transaction, if the actor may change it. */
async function teamFor(tx: Tx, actor: Actor, teamId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Team" WHERE id = ${teamId} FOR UPDATE`;
  const team = rows.length ? await tx.team.findUnique({ where: { id: teamId }, include: { members: { select: { personId: true } } } }) : null;
  if (!team) throw notFound("This team");
  requireTeamManager(actor, team.departmentId);
  return team;
}

async function assertTeamNameFree(tx: Tx, departmentId: string, name: string, exceptId?: string) {
  const clash = await tx.team.findFirst({
    where: { departmentId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw nameTaken(name);
}

/** Active agents (or heads) of the department among these people, plus current members, who may stay after a deactivation. */
async function eligibleMembers(tx: Tx, departmentId: string, personIds: string[], current: string[]) {
  const rows = await tx.person.findMany({
    where: {
      id: { in: personIds },
      OR: [{ active: true }, { id: { in: current } }],
      roles: { some: { departmentId, role: { in: ["AGENT", "HEAD"] } } },
    },
    select: { id: true },
  });
  return new Set(rows.map((p) => p.id));
}

export async function createTeam(options: { actor: Actor; input: CreateTeamInput }) {
  const { actor } = options;
  const input = parseInput(createTeamSchema, options.input);
  requireTeamManager(actor, input.departmentId, "This department");
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
  const input = parseInput(renameTeamSchema, options.input);
  try {
    return await db().$transaction(async (tx) => {
      const team = await teamFor(tx, actor, input.teamId);
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
  const input = parseInput(setTeamMembersSchema, options.input);
  return db().$transaction(async (tx) => {
    const team = await teamFor(tx, actor, input.teamId);
    const current = team.members.map((m) => m.personId);
    const eligibleIds = await eligibleMembers(tx, team.departmentId, input.personIds, current);
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

/** Adds one active agent of the team's department; adding a member twice changes nothing. */
export async function addTeamMember(options: { actor: Actor; input: TeamMemberInput }) {
  const { actor } = options;
  const input = parseInput(teamMemberSchema, options.input);
  return db().$transaction(async (tx) => {
    const team = await teamFor(tx, actor, input.teamId);
    if (team.members.some((m) => m.personId === input.personId)) return { added: false };
    const eligible = await eligibleMembers(tx, team.departmentId, [input.personId], []);
    if (!eligible.has(input.personId)) throw fieldError("personId", "Only active agents of this team's department can be members.");
    await tx.teamMember.create({ data: { teamId: team.id, personId: input.personId } });
    await tx.auditEvent.create({ data: auditRow(actor, "team.member_added", `team:${team.id}`, { personId: input.personId }) });
    return { added: true };
  });
}

export async function removeTeamMember(options: { actor: Actor; input: TeamMemberInput }) {
  const { actor } = options;
  const input = parseInput(teamMemberSchema, options.input);
  return db().$transaction(async (tx) => {
    const team = await teamFor(tx, actor, input.teamId);
    if (!team.members.some((m) => m.personId === input.personId)) throw fieldError("personId", "This person is not a member of the team.");
    await tx.teamMember.delete({ where: { teamId_personId: { teamId: team.id, personId: input.personId } } });
    await tx.auditEvent.create({ data: auditRow(actor, "team.member_removed", `team:${team.id}`, { personId: input.personId }) });
    return { removed: true };
  });
}

/** How requests filed to the team get their assignee (lib/requests/assign-by-rule.ts). */
export async function setTeamRule(options: { actor: Actor; input: SetTeamRuleInput }) {
  const { actor } = options;
  const input = parseInput(setTeamRuleSchema, options.input);
  return db().$transaction(async (tx) => {
    const team = await teamFor(tx, actor, input.teamId);
    if (team.assignmentRule === input.rule) return team;
    const updated = await tx.team.update({ where: { id: team.id }, data: { assignmentRule: input.rule } });
    await tx.auditEvent.create({ data: auditRow(actor, "team.rule_set", `team:${team.id}`, { from: team.assignmentRule, to: input.rule }) });
    return updated;
  });
}
