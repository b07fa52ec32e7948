import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conditionHolds, requiredApprovals, selectSteps, stepOutcome } from "@/lib/approvals/plan";
import { approvalStepSchema, approvalStepsSchema, type ApprovalStepDefinition } from "@/lib/validation/approvals";

const step = (name: string, condition: ApprovalStepDefinition["condition"] = null): ApprovalStepDefinition => ({
  name,
  approver: { kind: "manager" },
  rule: { kind: "any" },
  condition,
  targetHours: 8,
});

describe("approval conditions", () => {
  it("compares numbers as numbers and text without case", () => {
    const over = { fieldKey: "amount", operator: "gt" as const, value: "5000" };
    expect(conditionHolds(over, { amount: 5000.5 })).toBe(true);
    expect(conditionHolds(over, { amount: 5000 })).toBe(false);
    expect(conditionHolds(over, { amount: "900" })).toBe(false);
    expect(conditionHolds(over, {})).toBe(false);
    expect(conditionHolds({ fieldKey: "site", operator: "eq", value: "Berlin" }, { site: "berlin" })).toBe(true);
    expect(conditionHolds({ fieldKey: "tags", operator: "eq", value: "urgent" }, { tags: ["a", "Urgent"] })).toBe(true);
    expect(conditionHolds(null, {})).toBe(true);
  });

  it("selects the steps whose condition holds, in order", () => {
    const steps = [step("Manager"), step("Finance", { fieldKey: "amount", operator: "gt", value: "5000" })];
    expect(selectSteps(steps, { amount: 8000 }).map((s) => s.step.name)).toEqual(["Manager", "Finance"]);
    expect(selectSteps(steps, { amount: 10 }).map((s) => s.step.name)).toEqual(["Manager"]);
  });

  it("gt and lte split every number exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -1e6, max: 1e6 }), (amount, limit) => {
        const gt = conditionHolds({ fieldKey: "a", operator: "gt", value: String(limit) }, { a: amount });
        const lte = conditionHolds({ fieldKey: "a", operator: "lte", value: String(limit) }, { a: amount });
        expect(gt).toBe(amount > limit);
        expect(gt).toBe(!lte);
      }),
    );
  });
});

describe("approval rules", () => {
  it("needs one, all or N (never more than there are) and is decided by one rejection or enough approvals", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 20 }), fc.array(fc.constantFrom("APPROVED" as const, "REJECTED" as const, null), { maxLength: 12 }), (n, count, decisions) => {
        for (const rule of [{ kind: "any" as const }, { kind: "all" as const }, { kind: "count" as const, count }]) {
          const required = requiredApprovals(rule, n);
          expect(required).toBeLessThanOrEqual(n);
          if (n > 0) expect(required).toBeGreaterThanOrEqual(1);
          const given = decisions.slice(0, n);
          const outcome = stepOutcome(required, given);
          if (given.includes("REJECTED")) expect(outcome).toBe("REJECTED");
          else expect(outcome).toBe(given.filter((d) => d === "APPROVED").length >= required ? "APPROVED" : "PENDING");
        }
      }),
    );
  });
});

describe("approval step definitions", () => {
  it("refuses bad steps with a message beside the field", () => {
    const bad = approvalStepSchema.safeParse({ name: "Board", approver: { kind: "people", personIds: ["a", "b"] }, rule: { kind: "count", count: 3 } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ["rule", "count"] });
    expect(approvalStepSchema.safeParse({ name: "x", approver: { kind: "manager" }, rule: { kind: "any" } }).success).toBe(false);
    expect(approvalStepSchema.safeParse({ name: "Manager", approver: { kind: "nobody" }, rule: { kind: "any" } }).success).toBe(false);
    expect(approvalStepsSchema.safeParse(Array.from({ length: 11 }, () => step("Manager"))).success).toBe(false);
    expect(approvalStepSchema.parse({ name: "Manager", approver: { kind: "manager" }, rule: { kind: "any" } })).toMatchObject({ targetHours: 8, condition: null });
  });
});
