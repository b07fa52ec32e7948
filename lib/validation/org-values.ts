// Roles, assignment rules and the import's limits, with no zod: client components import these, and the schemas in ./org.ts are built on them.

export const roles = ["AGENT", "HEAD", "HR", "ADMIN"] as const;
export type RoleCode = (typeof roles)[number];
export const roleLabel: Record<RoleCode, string> = { AGENT: "Agent", HEAD: "Head", HR: "HR", ADMIN: "Admin" };

export const assignmentRules = ["MANUAL", "ROUND_ROBIN", "LEAST_LOADED"] as const;
export type AssignmentRuleCode = (typeof assignmentRules)[number];
export const assignmentRuleLabel: Record<AssignmentRuleCode, string> = {
  MANUAL: "By hand",
  ROUND_ROBIN: "Round robin",
  LEAST_LOADED: "Least loaded",
};

export const importLimits = { maxBytes: 1_000_000, maxRows: 5_000 } as const;
