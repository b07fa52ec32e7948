import { z } from "zod";
import { text } from "./text";
import { conditionOperators } from "./approval-values";

export { approvalRuleLabels, approvalRules, approverKindLabels, approverKinds, conditionOperatorLabels, conditionOperators, type ApproverKind, type ConditionOperator } from "./approval-values";

/**
 * Approval steps of a request type (RequestType.approvalSteps), and the inputs of deciding and
 * delegating. The type editor checks its draft with `approvalStepsSchema`, the action and the use
 * case again; the filing reads stored steps through `parseApprovalSteps`.
 */
const id = text().min(1).max(40);
const fieldKey = text().trim().min(1, "Choose the field the condition reads").max(60);

export const approverSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("manager") }),
  z.object({ kind: z.literal("requester_head") }),
  z.object({ kind: z.literal("department_head"), departmentId: id }),
  z.object({
    kind: z.literal("people"),
    personIds: z.array(id).min(1, "Name at least one approver").max(20, "Name at most 20 approvers"),
  }),
  z.object({ kind: z.literal("team"), teamId: id }),
], { error: "Choose who approves" });
export type ApproverDefinition = z.infer<typeof approverSchema>;

export const ruleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("any") }),
  z.object({ kind: z.literal("all") }),
  z.object({ kind: z.literal("count"), count: z.coerce.number({ error: "Say how many must approve" }).int("A whole number").min(1, "At least 1").max(20, "At most 20") }),
], { error: "Choose a rule" });
export type ApprovalRule = z.infer<typeof ruleSchema>;

/** The step applies only when the request's field compares so (numbers as numbers, anything else as text). */
export const conditionSchema = z.object({
  fieldKey,
  operator: z.enum(conditionOperators, { error: "Choose how to compare" }),
  value: text().trim().min(1, "Give the value to compare with").max(200, "Keep the value under 200 characters"),
});
export type ApprovalCondition = z.infer<typeof conditionSchema>;

export const approvalStepSchema = z
  .object({
    name: text().trim().min(2, "Give the step a name (at least 2 characters)").max(80, "Keep the name under 80 characters"),
    approver: approverSchema,
    rule: ruleSchema,
    condition: conditionSchema.nullable().optional().transform((c) => c ?? null),
    /** The step's service level in business hours of the approving side. */
    targetHours: z.coerce.number({ error: "Give the hours to decide in" }).int("A whole number of hours").min(1, "At least 1 business hour").max(400, "At most 400 business hours").default(8),
  })
  .superRefine((step, ctx) => {
    if (step.rule.kind === "count" && step.approver.kind === "people" && step.rule.count > step.approver.personIds.length) {
      ctx.addIssue({ code: "custom", path: ["rule", "count"], message: `Only ${step.approver.personIds.length} people are named: ask for at most that many` });
    }
    if (step.approver.kind === "people" && new Set(step.approver.personIds).size !== step.approver.personIds.length) {
      ctx.addIssue({ code: "custom", path: ["approver", "personIds"], message: "Name each approver once" });
    }
  });
export type ApprovalStepDefinition = z.infer<typeof approvalStepSchema>;
export type ApprovalStepInput = z.input<typeof approvalStepSchema>;

export const approvalStepsSchema = z.array(approvalStepSchema).max(10, "At most 10 approval steps");

/** Stored steps as typed definitions; a stored list that no longer parses asks for no approval rather than guess. */
export function parseApprovalSteps(raw: unknown): ApprovalStepDefinition[] {
  const parsed = approvalStepsSchema.safeParse(raw);
  return parsed.success ? parsed.data : [];
}

const expectedVersion = z.coerce.number({ error: "Reload the page: the form lost its version" }).int().min(1);
export const setApprovalStepsSchema = z.object({ typeId: id, expectedVersion, steps: approvalStepsSchema });
export type SetApprovalStepsInput = z.input<typeof setApprovalStepsSchema>;

export const decideApprovalSchema = z
  .object({
    stepId: id,
    decision: z.enum(["APPROVED", "REJECTED"], { error: "Approve or reject" }),
    reason: text().trim().max(2000, "Keep the reason under 2,000 characters").default(""),
  })
  .superRefine((d, ctx) => {
    if (d.decision === "REJECTED" && d.reason.length < 3) ctx.addIssue({ code: "custom", path: ["reason"], message: "Say why you reject it: the requester reads your reason" });
  });
export type DecideApprovalInput = z.input<typeof decideApprovalSchema>;

export const decideByLinkSchema = z.object({
  token: text().min(10, "This link is not complete").max(1000, "This link is not valid"),
  decision: z.enum(["APPROVED", "REJECTED"], { error: "Approve or reject" }),
  reason: text().trim().max(2000, "Keep the reason under 2,000 characters").default(""),
});
export type DecideByLinkInput = z.input<typeof decideByLinkSchema>;

const day = text().regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a date");
export const setDelegationSchema = z
  .object({ delegateId: id, from: day, until: day })
  .refine((d) => d.until >= d.from, { path: ["until"], message: "The last day comes on or after the first" });
export type SetDelegationInput = z.input<typeof setDelegationSchema>;
