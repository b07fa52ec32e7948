import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/create-client";
import { forbidden, notFound } from "@/lib/errors";
import { auditRow, fieldError, isUniqueViolation } from "@/lib/org/audit";
import {
  createRuleSchema,
  isTimeTrigger,
  moveRuleSchema,
  setRuleEnabledSchema,
  updateRuleSchema,
  type CreateRuleInput,
  type RuleActions,
  type RuleConditions,
  type UpdateRuleInput,
} from "@/lib/validation/automation";
import { parseInput } from "@/lib/validation/parse";
import { automationPersonData } from "./default-rules";
import { ruleActorName } from "./rule-actor";
import type { z } from "zod";

const subject = (id: string) => `automation-rule:${id}`;
const nameTaken = (name: string) => fieldError("name", `This department already has a rule called "${name}".`);

/** Heads (and admins) change rules; the department's agents are told they may not; to anyone else they do not exist. */
function requireManager(actor: Actor, departmentId: string, what = "This rule") {
  if (can(actor, "department.configure", { departmentId })) return;
  if (actor.agentOf.includes(departmentId)) throw forbidden("Only the head of the department can change its automation rules.");
  throw notFound(what);
}

/**
 * Everything a rule names must belong where it may act: request types, teams, canned responses and
 * assignees of its own department; followers and people to notify active co-workers; the transfer
 * target another department. A wrong one is a message beside its field, never a rule that fails later.
 */
async function checkReferences(tx: Tx, departmentId: string, conditions: RuleConditions, actions: RuleActions) {
  const count = async (ids: string[], query: (ids: string[]) => Promise<number>, field: string, message: string) => {
    if (ids.length && (await query(ids)) !== new Set(ids).size) throw fieldError(field, message);
  };
  await count(conditions.typeIds, (ids) => tx.requestType.count({ where: { id: { in: ids }, departmentId } }), "conditions.typeIds", "Choose request types of this department.");
  await count(conditions.teamIds, (ids) => tx.team.count({ where: { id: { in: ids }, departmentId } }), "conditions.teamIds", "Choose teams of this department.");
  await count(conditions.requesterDepartmentIds, (ids) => tx.department.count({ where: { id: { in: ids } } }), "conditions.requesterDepartmentIds", "Choose departments from the list.");
  await count(actions.setTeamId ? [actions.setTeamId] : [], (ids) => tx.team.count({ where: { id: { in: ids }, departmentId } }), "actions.setTeamId", "Choose a team of this department.");
  await count(
    actions.setAssigneeId ? [actions.setAssigneeId] : [],
    (ids) => tx.person.count({ where: { id: { in: ids }, active: true, roles: { some: { departmentId, role: { in: ["AGENT", "HEAD"] } } } } }),
    "actions.setAssigneeId",
    "Choose an active agent of this department.",
  );
  await count(actions.addFollowerIds, (ids) => tx.person.count({ where: { id: { in: ids }, active: true } }), "actions.addFollowerIds", "Choose active co-workers as followers.");
  await count(actions.notifyPersonIds, (ids) => tx.person.count({ where: { id: { in: ids }, active: true } }), "actions.notifyPersonIds", "Choose active co-workers to notify.");
  await count(
    actions.cannedResponseId ? [actions.cannedResponseId] : [],
    (ids) => tx.cannedResponse.count({ where: { id: { in: ids }, departmentId } }),
    "actions.cannedResponseId",
    "Choose one of this department's canned responses.",
  );
  if (actions.transferToDepartmentId) {
    if (actions.transferToDepartmentId === departmentId) throw fieldError("actions.transferToDepartmentId", "Choose another department to transfer to.");
    await count([actions.transferToDepartmentId], (ids) => tx.department.count({ where: { id: { in: ids } } }), "actions.transferToDepartmentId", "Choose a department from the list.");
  }
}

const ruleData = (input: z.output<typeof createRuleSchema> | z.output<typeof updateRuleSchema>) => ({
  name: input.name,
  trigger: input.trigger,
  triggerCount: isTimeTrigger(input.trigger) ? (input.triggerCount ?? null) : null,
  conditions: input.conditions,
  actions: input.actions,
});

/** A new rule of the department, last in its order, switched on, with its own person to act as. */
export async function createRule(options: { actor: Actor; input: CreateRuleInput }) {
  const { actor } = options;
  const input = parseInput(createRuleSchema, options.input);
  requireManager(actor, input.departmentId, "This department");
  try {
    return await db().$transaction(async (tx) => {
      const department = await tx.department.findUnique({ where: { id: input.departmentId }, select: { id: true } });
      if (!department) throw notFound("This department");
      await tx.$queryRaw`SELECT id FROM "Department" WHERE id = ${department.id} FOR UPDATE`;
      if (await tx.automationRule.findFirst({ where: { departmentId: department.id, name: { equals: input.name, mode: "insensitive" } }, select: { id: true } })) throw nameTaken(input.name);
      await checkReferences(tx, department.id, input.conditions, input.actions);
      const last = await tx.automationRule.aggregate({ where: { departmentId: department.id }, _max: { position: true } });
      const person = await tx.person.create({ data: automationPersonData(department.id, input.name), select: { id: true } });
      const rule = await tx.automationRule.create({
        data: { departmentId: department.id, position: (last._max.position ?? 0) + 1, actorId: person.id, ...ruleData(input) },
      });
      await tx.auditEvent.create({ data: auditRow(actor, "automation_rule.created", subject(rule.id), { departmentId: department.id, ...ruleData(input) }) });
      return rule;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

async function lockedRule(tx: Tx, actor: Actor, ruleId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "AutomationRule" WHERE id = ${ruleId} FOR UPDATE`;
  const rule = rows.length ? await tx.automationRule.findUnique({ where: { id: ruleId } }) : null;
  if (!rule) throw notFound("This rule");
  requireManager(actor, rule.departmentId);
  return rule;
}

/** Changes a rule; its person is renamed with it, so its past and future actions read its new name. */
export async function updateRule(options: { actor: Actor; input: UpdateRuleInput }) {
  const { actor } = options;
  const input = parseInput(updateRuleSchema, options.input);
  try {
    return await db().$transaction(async (tx) => {
      const rule = await lockedRule(tx, actor, input.ruleId);
      const clash = await tx.automationRule.findFirst({ where: { departmentId: rule.departmentId, name: { equals: input.name, mode: "insensitive" }, id: { not: rule.id } }, select: { id: true } });
      if (clash) throw nameTaken(input.name);
      await checkReferences(tx, rule.departmentId, input.conditions, input.actions);
      const updated = await tx.automationRule.update({ where: { id: rule.id }, data: ruleData(input) });
      if (rule.name !== input.name) await tx.person.update({ where: { id: rule.actorId }, data: { name: ruleActorName(input.name) } });
      await tx.auditEvent.create({
        data: auditRow(actor, "automation_rule.updated", subject(rule.id), {
          from: { name: rule.name, trigger: rule.trigger, triggerCount: rule.triggerCount, conditions: rule.conditions ?? {}, actions: rule.actions ?? {} },
          to: ruleData(input),
        }),
      });
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

/**
 * Switches a rule on or off. Switched on again, it counts its triggers from now: a rule never acts
 * on what happened while it was off (a resolved request is closed 7 days after the rule came on).
 */
export async function setRuleEnabled(options: { actor: Actor; input: z.input<typeof setRuleEnabledSchema> }) {
  const { actor } = options;
  const input = parseInput(setRuleEnabledSchema, options.input);
  return db().$transaction(async (tx) => {
    const rule = await lockedRule(tx, actor, input.ruleId);
    if (rule.enabled === input.enabled) return rule;
    const updated = await tx.automationRule.update({ where: { id: rule.id }, data: { enabled: input.enabled, ...(input.enabled ? { activeFrom: new Date() } : {}) } });
    await tx.auditEvent.create({ data: auditRow(actor, input.enabled ? "automation_rule.enabled" : "automation_rule.disabled", subject(rule.id), { name: rule.name }) });
    return updated;
  });
}

/** Moves a rule one place earlier or later in its department's order (swapping with its neighbour). */
export async function moveRule(options: { actor: Actor; input: z.input<typeof moveRuleSchema> }) {
  const { actor } = options;
  const input = parseInput(moveRuleSchema, options.input);
  return db().$transaction(async (tx) => {
    const rule = await lockedRule(tx, actor, input.ruleId);
    await tx.$queryRaw`SELECT id FROM "Department" WHERE id = ${rule.departmentId} FOR UPDATE`;
    const up = input.direction === "up";
    const neighbour = await tx.automationRule.findFirst({
      where: { departmentId: rule.departmentId, position: up ? { lt: rule.position } : { gt: rule.position } },
      orderBy: { position: up ? "desc" : "asc" },
      select: { id: true, position: true },
    });
    if (!neighbour) return { moved: false };
    await tx.automationRule.update({ where: { id: neighbour.id }, data: { position: rule.position } });
    await tx.automationRule.update({ where: { id: rule.id }, data: { position: neighbour.position } });
    await tx.auditEvent.create({ data: auditRow(actor, "automation_rule.moved", subject(rule.id), { name: rule.name, from: rule.position, to: neighbour.position }) });
    return { moved: true };
  });
}
