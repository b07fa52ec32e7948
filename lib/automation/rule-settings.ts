import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import { notFound } from "@/lib/errors";
import { mayOn } from "@/lib/requests/request-policy";
import { readStanding } from "@/lib/requests/read-standing";
import { ruleActionsSchema, ruleConditionsSchema } from "@/lib/validation/automation";
import { notAutomation } from "./rule-actor";

/**
 * A department's rules in their order, with what the form offers to choose from, for its heads
 * (and admins); to anyone else the department's settings do not exist.
 */
export async function automationSettings(options: { actor: Actor; departmentKey: string }) {
  const department = await db().department.findUnique({ where: { key: options.departmentKey.toUpperCase() }, select: { id: true, key: true, name: true } });
  if (!department || !can(options.actor, "department.configure", { departmentId: department.id })) throw notFound("This department");
  const [rules, types, teams, agents, departments, cannedResponses] = await Promise.all([
    db().automationRule.findMany({
      where: { departmentId: department.id },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: { id: true, name: true, position: true, enabled: true, trigger: true, triggerCount: true, conditions: true, actions: true, builtIn: true, updatedAt: true, _count: { select: { runs: { where: { outcome: { in: ["done", "failed"] } } } } } },
    }),
    db().requestType.findMany({ where: { departmentId: department.id }, orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { id: true, name: true } }),
    db().team.findMany({ where: { departmentId: department.id }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().person.findMany({
      where: { active: true, ...notAutomation, roles: { some: { departmentId: department.id, role: { in: ["AGENT", "HEAD"] } } } },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
    db().department.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().cannedResponse.findMany({ where: { departmentId: department.id }, orderBy: { title: "asc" }, select: { id: true, title: true } }),
  ]);
  return {
    department,
    rules: rules.map(({ _count, conditions, actions, ...r }) => ({
      ...r,
      conditions: ruleConditionsSchema.parse(conditions ?? {}),
      actions: ruleActionsSchema.parse(actions ?? {}),
      fired: _count.runs,
    })),
    options: { types, teams, agents, departments, cannedResponses },
  };
}

export type AutomationLogEntry = { id: string; ruleName: string; outcome: string; detail: string; at: Date };

/**
 * What the department's rules did on a request and why, newest last: for those who may read its
 * internal side (the request policy), not its requester or followers.
 */
export async function automationLog(options: { actor: Actor; requestId: string }): Promise<AutomationLogEntry[]> {
  const { actor } = options;
  const request = await readStanding(actor, options.requestId);
  if (!request || !mayOn(actor, request, "request.viewInternal")) throw notFound();
  const runs = await sql().$queryRaw<{ id: string; outcome: string; detail: string; at: Date; ruleName: string }[]>`
    SELECT ar.id::text AS id, ar.outcome, ar.detail, ar."createdAt" AS at, rl.name AS "ruleName"
      FROM "AutomationRun" ar JOIN "AutomationRule" rl ON rl.id = ar."ruleId"
     WHERE ar."requestId" = ${request.id} AND ar.outcome IN ('done', 'failed')
     ORDER BY ar.id LIMIT 200`;
  return runs.map((r) => ({ id: r.id, ruleName: r.ruleName, outcome: r.outcome, detail: r.detail, at: r.at }));
}
