import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, forbidden } from "@/lib/errors";
import { loadForChange } from "@/lib/requests/load-for-change";
import { mayOn } from "@/lib/requests/request-policy";
import { isOpenStatus } from "@/lib/requests/statuses";
import { raiseComplaintSchema, type RaiseComplaintInput } from "@/lib/validation/complaints";
import { parseInput } from "@/lib/validation/parse";
import { followUpDueAt } from "./complaint-calendar";
import { notifyHandlers } from "./notify-handlers";

/**
 * "This is not OK" on an open request: its requester asks the department's head to follow up, so
 * this always carries consent (the form says the head will see who they are). One open complaint
 * per request and person at a time.
 */
export async function raiseComplaint(options: { actor: Actor; input: RaiseComplaintInput; now?: Date }): Promise<{ complaintId: string }> {
  const { actor } = options;
  const input = parseInput(raiseComplaintSchema, options.input);
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    const request = await loadForChange(tx, actor, input.requestId);
    if (!mayOn(actor, request, "request.complain")) throw forbidden("Only the person who filed this request can raise a complaint about it.");
    if (!isOpenStatus(request.status)) throw new AppError("CONFLICT", "This request is no longer open: rate its resolution to tell the department what went wrong.");
    if (await tx.complaint.findFirst({ where: { requestId: request.id, complainantId: actor.id, closedAt: null }, select: { id: true } })) {
      throw new AppError("CONFLICT", "You already raised a complaint about this request; it is being followed up.");
    }
    const complaint = await tx.complaint.create({
      data: { departmentId: request.departmentId, requestId: request.id, complainantId: actor.id, source: "open_request", summary: input.summary, createdAt: now, dueAt: await followUpDueAt(tx, request.departmentId, now) },
      select: { id: true },
    });
    await notifyHandlers(tx, { departmentId: request.departmentId, complaintId: complaint.id, requestId: request.id });
    return { complaintId: complaint.id };
  });
}
