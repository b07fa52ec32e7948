import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { sqlTransaction } from "@/lib/db/sql";
import { AppError, forbidden } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { heldNoticeRows, type NoticeSpec } from "@/lib/notifications/notify";
import { assignedNotice, noticeRequestOf, statusNotice } from "@/lib/notifications/request-notices";
import { parseInput } from "@/lib/validation/parse";
import { updateRequestSchema, type PriorityLevel, type Status, type UpdateRequestInput } from "@/lib/validation/requests";
import { resolvePolicies } from "@/lib/service-levels/policies";
import { heldClocks } from "@/lib/service-levels/refresh-clocks";
import { ratingNotice } from "@/lib/satisfaction/ask-for-rating";
import { resolutionCycleOf } from "@/lib/satisfaction/resolution-cycle";
import { eventRow } from "./events";
import { loadForChange, lockForChange, type WrittenEvent } from "./load-for-change";
import { requestAfterChange, type ChangedRequest } from "./request-after-change";
import { mayOn, workRefusal } from "./request-policy";
import { isOpenStatus } from "./statuses";
import { stamped, writeChange } from "./write-change";

/**
 * Triage by an agent of the providing department: status, priority and assignee in one change,
 * checked against the version the agent's form showed, with one event per field that changed.
 */
export async function updateRequest(options: {
  actor: Actor;
  input: UpdateRequestInput;
  /** Also return the request as the actor now sees it (for the API's answer), from what the change held and wrote. */
  answer?: boolean;
}): Promise<{ version: number; request?: ChangedRequest }> {
  const { actor } = options;
  const input = parseInput(updateRequestSchema, options.input);
  // Raw SQL on one pool connection: every statement of a change is (lib/db/sql.ts says why).
  const { version, change } = await sqlTransaction(async (tx) => {
    // A new assignee is read with the request as one who may be told.
    const audienceIds = input.assigneeId ? [input.assigneeId] : [];
    const request = await loadForChange(tx, actor, input.requestId, input.expectedVersion, { history: true, audienceIds, locked: true });
    const held = request.history!;
    if (!mayOn(actor, request, "request.triage")) {
      throw forbidden("Only agents of the department that provides this service can change it.");
    }
    const refusal = workRefusal(request);
    if (refusal) throw refusal;
    if (request.status === "CLOSED") throw new AppError("CONFLICT", "This request is closed and can no longer change.");

    const now = new Date();
    const data: Prisma.RequestUncheckedUpdateManyInput = {};
    const events: Prisma.RequestEventCreateManyInput[] = [];
    if (input.status !== undefined && input.status !== request.status) {
      if (input.status === "NEW") throw new AppError("INVALID_INPUT", "A request cannot go back to New.", { status: ["A request cannot go back to New."] });
      data.status = input.status;
      if (input.status === "RESOLVED") data.resolvedAt = now;
      if (input.status === "CLOSED") data.closedAt = now;
      if (isOpenStatus(input.status)) data.resolvedAt = null;
      events.push(eventRow(request.id, actor.id, "status_changed", { from: { status: request.status }, to: { status: input.status } }));
    }
    if (input.priority !== undefined && input.priority !== request.priority) {
      data.priority = input.priority;
      events.push(eventRow(request.id, actor.id, "priority_changed", { from: { priority: request.priority }, to: { priority: input.priority } }));
    }
    let assignee = held.assignee;
    if (input.assigneeId !== undefined && input.assigneeId !== request.assigneeId) {
      assignee = null;
      if (input.assigneeId !== null) {
        const [agent] = await tx.$queryRaw<{ id: string; name: string }[]>`
          SELECT p.id, p.name FROM "Person" p
           WHERE p.id = ${input.assigneeId} AND p.active
             AND EXISTS (SELECT 1 FROM "RoleGrant" g WHERE g."personId" = p.id AND g."departmentId" = ${request.departmentId} AND g.role IN ('AGENT', 'HEAD'))`;
        if (!agent) {
          const message = "Requests can only be assigned to active agents of the department.";
          throw new AppError("INVALID_INPUT", message, { assigneeId: [message] });
        }
        assignee = agent;
      }
      data.assigneeId = input.assigneeId;
      events.push(eventRow(request.id, actor.id, "assigned", { from: { assigneeId: request.assigneeId }, to: { assigneeId: input.assigneeId } }));
      // Taking a new request is the first sign of life for the requester.
      if (request.status === "NEW" && data.status === undefined && input.assigneeId) {
        data.status = "OPEN";
        events.push(eventRow(request.id, actor.id, "status_changed", { from: { status: "NEW" }, to: { status: "OPEN" } }));
      }
    }
    const after = (version: number, written: WrittenEvent[]) => ({
      actor,
      held,
      request: {
        id: request.id,
        status: (data.status as Status | undefined) ?? request.status,
        priority: (data.priority as PriorityLevel | undefined) ?? request.priority,
        version,
        updatedAt: written.length ? now : held.updatedAt,
        resolvedAt: data.resolvedAt !== undefined ? (data.resolvedAt as Date | null) : request.resolvedAt,
        assignee,
      },
      events: written,
    });
    if (events.length === 0) return { version: request.version, change: after(request.version, []) };
    const history = [...held.events, ...stamped(events, now)];
    const { rows: clocks } = await heldClocks(tx, { requestId: request.id, departmentId: request.departmentId, events: history, agentIds: held.agentIds, policies: resolvePolicies(held.policies), now });
    const notice = noticeRequestOf({ ...request, assigneeId: data.assigneeId !== undefined ? (data.assigneeId as string | null) : request.assigneeId }, held);
    const specs: NoticeSpec[] = [];
    if (input.assigneeId && input.assigneeId !== actor.id && data.assigneeId !== undefined) specs.push(assignedNotice(notice, { actor, assigneeId: input.assigneeId }));
    if (data.status !== undefined) specs.push(statusNotice(notice, { actor, from: request.status, to: data.status as Status }));
    // The requester is asked to rate what was just resolved (not when they resolved it themselves).
    if (data.status === "RESOLVED" && request.requesterId !== actor.id) {
      specs.push(ratingNotice({ id: request.id, reference: notice.reference, title: held.title, requesterId: request.requesterId, departmentName: held.department.name, cycle: resolutionCycleOf(history) }));
    }
    const notices = specs.map((spec) => heldNoticeRows(held.audience, spec));
    const written = await writeChange(tx, {
      requestId: request.id,
      version: request.version,
      bump: true,
      set: {
        status: data.status as Status | undefined,
        priority: data.priority as PriorityLevel | undefined,
        assigneeId: data.assigneeId as string | null | undefined,
        resolvedAt: data.resolvedAt as Date | null | undefined,
        closedAt: data.closedAt as Date | null | undefined,
      },
      events,
      clocks,
      notifications: notices.flatMap((n) => n.notifications),
      emails: notices.flatMap((n) => n.emails),
      at: now,
    });
    return { version: request.version + 1, change: after(request.version + 1, written) };
  }, { prepared: true, opening: lockForChange(input.requestId) });
  // After the commit: the embedded database has one connection, and the transaction held it.
  return options.answer ? { version, request: await requestAfterChange(change) } : { version };
}
