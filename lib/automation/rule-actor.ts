import type { Actor } from "@/lib/auth/permissions";

/**
 * The actor a rule acts as: its own inactive person, an agent of the rule's department only (no
 * head, HR or admin rights), so the request policy keeps it inside that department like any agent.
 * The person holds no role grant: it never shows in lists of a department's agents.
 */
export function ruleActor(rule: { departmentId: string; actor: { id: string; email: string; name: string } }): Actor {
  return {
    id: rule.actor.id,
    email: rule.actor.email,
    name: rule.actor.name,
    departmentId: rule.departmentId,
    agentOf: [rule.departmentId],
    headOf: [],
    hr: false,
    admin: false,
  };
}

export const ruleActorName = (ruleName: string) => `Automation: ${ruleName}`;

/** A Person `where` that leaves out the people rules act as (they are never co-workers). */
export const notAutomation = { automationRule: { is: null } } as const;
