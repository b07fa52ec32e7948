import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditRow } from "@/lib/org/audit";
import { setApprovalStepsSchema, type SetApprovalStepsInput } from "@/lib/validation/approvals";
import { parseFieldDefinitions } from "@/lib/validation/fields";
import { parseInput } from "@/lib/validation/parse";
import { lockDepartment, requestTypeFor, staleType, typeSubject } from "./catalog-access";

/**
 * Replaces a request type's approval steps (the head's editor). Every step must name what exists:
 * a department, a team, active people, and a condition on one of the type's own fields; a mistake
 * is reported beside its step and nothing is saved. Requests already waiting keep the steps they
 * were filed with. Version-checked like the rest of the type, and in the audit log.
 */
export async function setApprovalSteps(options: { actor: Actor; input: SetApprovalStepsInput }) {
  const { actor } = options;
  const { departmentId } = await requestTypeFor(actor, options.input);
  const input = parseInput(setApprovalStepsSchema, options.input);
  return db().$transaction(async (tx) => {
    await lockDepartment(tx, departmentId);
    const before = await tx.requestType.findUniqueOrThrow({ where: { id: input.typeId } });
    if (before.version !== input.expectedVersion) throw staleType();
    const fieldKeys = new Set(parseFieldDefinitions(before.fields).map((f) => f.key));
    const errors: Record<string, string[]> = {};
    for (const [i, step] of input.steps.entries()) {
      const at = (path: string, message: string) => (errors[`steps.${i}.${path}`] ??= []).push(message);
      if (step.approver.kind === "department_head" && !(await tx.department.count({ where: { id: step.approver.departmentId } }))) at("approver.departmentId", "Choose a department from the list");
      if (step.approver.kind === "team" && !(await tx.team.count({ where: { id: step.approver.teamId } }))) at("approver.teamId", "Choose a team from the list");
      if (step.approver.kind === "people") {
        const active = await tx.person.count({ where: { id: { in: step.approver.personIds }, active: true } });
        if (active !== step.approver.personIds.length) at("approver.personIds", "Name active co-workers only");
      }
      if (step.condition && !fieldKeys.has(step.condition.fieldKey)) at("condition.fieldKey", "Choose one of this form's fields");
    }
    const first = Object.values(errors)[0];
    if (first) throw new AppError("INVALID_INPUT", first[0]!, errors);
    const steps = input.steps as unknown as Prisma.InputJsonArray;
    if (JSON.stringify(before.approvalSteps) === JSON.stringify(steps)) return before;
    const updated = await tx.requestType.update({ where: { id: before.id }, data: { approvalSteps: steps, version: { increment: 1 } } });
    await tx.auditEvent.create({ data: auditRow(actor, "catalog.type.approvals_set", typeSubject(before.id), { departmentId, from: before.approvalSteps, to: steps }) });
    return updated;
  });
}
