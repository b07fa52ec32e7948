import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { assignComplaintSchema } from "@/lib/validation/complaints";
import { parseInput } from "@/lib/validation/parse";
import { loadComplaintForChange } from "./complaint-access";
import { isHandler } from "./complaint-handlers";

export const staleComplaint = () => new AppError("STALE_VERSION", "Someone else changed this complaint while you were looking at it. Reload, then try again.");

/** Gives the follow-up to one of the people who handle the department's complaints (or nobody). */
export async function assignComplaint(options: { actor: Actor; input: unknown }) {
  const input = parseInput(assignComplaintSchema, options.input);
  return db().$transaction(async (tx) => {
    const complaint = await loadComplaintForChange(tx, options.actor, input.complaintId);
    if (complaint.version !== input.version) throw staleComplaint();
    if (complaint.closedAt) throw new AppError("CONFLICT", "This complaint is closed.");
    if (input.assigneeId && !(await isHandler(tx, complaint.departmentId, input.assigneeId))) {
      throw new AppError("INVALID_INPUT", "Choose the department's head or complaint delegate", { assigneeId: ["Choose the department's head or complaint delegate"] });
    }
    await tx.complaint.update({ where: { id: complaint.id }, data: { assigneeId: input.assigneeId, version: { increment: 1 } } });
    return { complaintId: complaint.id };
  });
}
