import type { ApprovalCondition, ApprovalRule, ApprovalStepDefinition } from "@/lib/validation/approvals";

/**
 * The pure rules of approvals: which steps a request's answers select, how many approvals a step
 * needs, and when a step is decided. No database, no clock: tested on their own.
 */

/** Whether a request's answers meet a step's condition: numbers compare as numbers, anything else as text (case-insensitive). */
export function conditionHolds(condition: ApprovalCondition | null, fieldValues: Readonly<Record<string, unknown>>): boolean {
  if (!condition) return true;
  const raw = fieldValues[condition.fieldKey];
  if (raw === undefined || raw === null || raw === "") return false;
  const given = Array.isArray(raw) ? raw.map(String) : [String(raw)];
  const wanted = condition.value.trim();
  const number = (v: string) => (/^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : null);
  return given.some((value) => {
    const a = number(value);
    const b = number(wanted);
    const compared = a !== null && b !== null ? Math.sign(a - b) : value.trim().toLowerCase().localeCompare(wanted.toLowerCase());
    switch (condition.operator) {
      case "gt":
        return compared > 0;
      case "gte":
        return compared >= 0;
      case "lt":
        return compared < 0;
      case "lte":
        return compared <= 0;
      case "eq":
        return compared === 0;
      case "neq":
        return compared !== 0;
    }
  });
}

/** The steps that apply to a request, in order, with their position among the type's steps. */
export function selectSteps(steps: readonly ApprovalStepDefinition[], fieldValues: Readonly<Record<string, unknown>>) {
  return steps.flatMap((step, index) => (conditionHolds(step.condition, fieldValues) ? [{ index, step }] : []));
}

/** Approvals a step needs from `approvers` resolved people: any 1, all of them, or N (never more than there are). */
export function requiredApprovals(rule: ApprovalRule, approvers: number): number {
  if (approvers === 0) return 0;
  if (rule.kind === "any") return 1;
  if (rule.kind === "all") return approvers;
  return Math.min(rule.count, approvers);
}

/**
 * A step's state from its approvers' decisions: one rejection rejects it (the requester reads that
 * reason); enough approvals approve it; otherwise it waits.
 */
export function stepOutcome(required: number, decisions: readonly ("APPROVED" | "REJECTED" | null)[]): "APPROVED" | "REJECTED" | "PENDING" {
  if (decisions.includes("REJECTED")) return "REJECTED";
  return decisions.filter((d) => d === "APPROVED").length >= required ? "APPROVED" : "PENDING";
}
