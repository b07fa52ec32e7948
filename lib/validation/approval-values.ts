// Who approves, by which rule, on which condition, and how each reads, with no zod: the approval
// editor imports these in the browser; the schemas in ./approvals.ts are built on them.
export const approverKinds = ["manager", "requester_head", "department_head", "people", "team"] as const;
export type ApproverKind = (typeof approverKinds)[number];

export const approverKindLabels: Record<ApproverKind, string> = {
  manager: "The requester's manager",
  requester_head: "The head of the requester's department",
  department_head: "The head of a department",
  people: "Named people",
  team: "A team",
};

export const approvalRules = ["any", "all", "count"] as const;
export const approvalRuleLabels: Record<(typeof approvalRules)[number], string> = {
  any: "Any one of them approves",
  all: "All of them approve",
  count: "A number of them approve",
};

export const conditionOperators = ["gt", "gte", "lt", "lte", "eq", "neq"] as const;
export type ConditionOperator = (typeof conditionOperators)[number];
export const conditionOperatorLabels: Record<ConditionOperator, string> = {
  gt: "is more than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  eq: "is",
  neq: "is not",
};
