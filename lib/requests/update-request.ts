import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, forbidden } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notifyAssigned, notifyStatusChanged } from "@/lib/notifications/request-notices";
import { parseInput } from "@/lib/validation/parse";
import { updateRequestSchema, type Status, type UpdateRequestInput } from "@/lib/validation/requests";
import { refreshClocks } from "@/lib/service-levels/refresh-clocks";
import { askForRating } from "@/lib/satisfaction/ask-for-rating";
import { eventRow } from "./events";
import { bumpVersion, loadForChange } from "./load-for-change";
import { mayOn, workRefusal } from "./request-policy";
import { isOpenStatus } from "./statuses";

/**
 * Triage by an agent of the providing department: status, priority and assignee in one change,
 * checked against the version the agent's form showed, with one event per field that changed.
 */
export async function updateRequest(options: { actor: Actor; input: UpdateRequestInput }): Promise<{ version: number }> {
  const { actor } = options;
  const input = parseInput(updateRequestSchema, options.input);
  return db().$transaction(async (tx) => {
    const request = await loadForChange(tx, actor, input.requestId, input.expectedVersion);
    if (!mayOn(actor, request, "request.triage")) {
      throw forbidden("Only agents of the department that provides this service can change it.");
    }
    const refusal = workRefusal(request);
    if (refusal) throw refusal;
    if (request.status === "CLOSED") throw new AppError("CONFLICT", "This request is closed and can no longer change.");

    const data: Prisma.RequestUncheckedUpdateManyInput = {};
    const events: Prisma.RequestEventCreateManyInput[] = [];
    if (input.status !== undefined && input.status !== request.status) {
      if (input.status === "NEW") throw new AppError("INVALID_INPUT", "A request cannot go back to New.", { status: ["A request cannot go back to New."] });
      data.status = input.status;
      if (input.status === "RESOLVED") data.resolvedAt = new Date();
      if (input.status === "CLOSED") data.closedAt = new Date();
      if (isOpenStatus(input.status)) data.resolvedAt = null;
      events.push(eventRow(request.id, actor.id, "status_changed", { from: { status: request.status }, to: { status: input.status } }));
    }
    if (input.priority !== undefined && input.priority !== request.priority) {
      data.priority = input.priority;
      events.push(eventRow(request.id, actor.id, "priority_changed", { from: { priority: request.priority }, to: { priority: input.priority } }));
    }
    if (input.assigneeId !== undefined && input.assigneeId !== request.assigneeId) {
      if (input.assigneeId !== null) {
        const agent = await tx.person.findFirst({
          where: { id: input.assigneeId, active: true, roles: { some: { departmentId: request.departmentId, role: { in: ["AGENT", "HEAD"] } } } },
          select: { id: true },
        });
        if (!agent) {
          const message = "Requests can only be assigned to active agents of the department.";
          throw new AppError("INVALID_INPUT", message, { assigneeId: [message] });
        }
      }
      data.assigneeId = input.assigneeId;
      events.push(eventRow(request.id, actor.id, "assigned", { from: { assigneeId: request.assigneeId }, to: { assigneeId: input.assigneeId } }));
      // Taking a new request is the first sign of life for the requester.
      if (request.status === "NEW" && data.status === undefined && input.assigneeId) {
        data.status = "OPEN";
        events.push(eventRow(request.id, actor.id, "status_changed", { from: { status: "NEW" }, to: { status: "OPEN" } }));
      }
    }
    if (events.length === 0) return { version: request.version };
    await bumpVersion(tx, request.id, request.version, data);
    await tx.requestEvent.createMany({ data: events });
    await refreshClocks(tx, request.id);
    if (data.assigneeId !== undefined) await notifyAssigned(tx, { actor, requestId: request.id, assigneeId: input.assigneeId ?? null });
    if (data.status !== undefined) await notifyStatusChanged(tx, { actor, requestId: request.id, from: request.status, to: data.status as Status });
    if (data.status === "RESOLVED") await askForRating(tx, { actor, requestId: request.id });
    return { version: request.version + 1 };
  });
}
