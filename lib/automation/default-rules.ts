import crypto from "node:crypto";
import type { Tx } from "@/lib/db/create-client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RuleActions, Trigger } from "@/lib/validation/automation";
import { ruleActorName } from "./rule-actor";

type DefaultRule = { builtIn: string; name: string; trigger: Trigger; triggerCount: number; actions: Partial<RuleActions> };

/**
 * The three rules every department starts with (switched on, editable, can be switched off): the
 * migration that introduced automation wrote the same three for the departments that existed then.
 */
export const defaultRules: readonly DefaultRule[] = [
  {
    builtIn: "remind",
    name: "Remind the requester after 3 business days",
    trigger: "waiting_on_requester",
    triggerCount: 3,
    actions: {
      reply:
        "Hello {{requester.firstName}}, we are still waiting for your answer on {{request.reference}}. Reply here when you can; if we hear nothing in 7 more working days we will resolve the request.",
    },
  },
  {
    builtIn: "resolve",
    name: "Resolve after 7 more business days without an answer",
    trigger: "waiting_on_requester",
    triggerCount: 10,
    actions: {
      reply: "Hello {{requester.firstName}}, we have not heard from you on {{request.reference}} for 10 working days, so we are resolving it. Reopen it if you still need help.",
      setStatus: "RESOLVED",
    },
  },
  { builtIn: "close", name: "Close resolved requests after 7 days", trigger: "resolved_for_days", triggerCount: 7, actions: { setStatus: "CLOSED" } },
];

/** The person a new rule acts as: inactive, never signs in, never receives mail (.invalid). */
export function automationPersonData(departmentId: string, ruleName: string): Prisma.PersonUncheckedCreateInput {
  return {
    email: `automation-${crypto.randomUUID()}@automation.invalid`,
    name: ruleActorName(ruleName),
    departmentId,
    active: false,
  };
}

/** Gives a department the default rules it lacks (a new department: all three). */
export async function createDefaultRules(tx: Tx, departmentId: string) {
  const existing = await tx.automationRule.findMany({ where: { departmentId }, select: { builtIn: true, position: true } });
  let position = existing.reduce((max, r) => Math.max(max, r.position), 0);
  for (const rule of defaultRules) {
    if (existing.some((r) => r.builtIn === rule.builtIn)) continue;
    const person = await tx.person.create({ data: automationPersonData(departmentId, rule.name), select: { id: true } });
    await tx.automationRule.create({
      data: {
        departmentId,
        name: rule.name,
        position: ++position,
        trigger: rule.trigger,
        triggerCount: rule.triggerCount,
        conditions: {},
        actions: rule.actions,
        builtIn: rule.builtIn,
        actorId: person.id,
      },
    });
  }
}
