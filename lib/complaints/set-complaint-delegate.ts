import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, forbidden } from "@/lib/errors";
import { complaintDelegateSchema } from "@/lib/validation/complaints";
import { parseInput } from "@/lib/validation/parse";

/** The head names one active person to follow up the department's complaints with them (or nobody). */
export async function setComplaintDelegate(options: { actor: Actor; input: unknown }) {
  const input = parseInput(complaintDelegateSchema, options.input);
  if (!can(options.actor, "complaints.handle", { departmentId: input.departmentId })) throw forbidden("Only the department's head names a complaint delegate.");
  if (input.delegateId && !(await db().person.findFirst({ where: { id: input.delegateId, active: true }, select: { id: true } }))) {
    throw new AppError("INVALID_INPUT", "Choose an active person", { delegateId: ["Choose an active person"] });
  }
  await db().$transaction(async (tx) => {
    await tx.department.update({ where: { id: input.departmentId }, data: { complaintDelegateId: input.delegateId } });
    await tx.auditEvent.create({ data: { actorId: options.actor.id, action: "complaints.delegate", subject: `department:${input.departmentId}`, detail: { delegateId: input.delegateId } } });
  });
  return { departmentId: input.departmentId };
}
