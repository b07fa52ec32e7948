import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, forbidden } from "@/lib/errors";
import { notifyStatusChanged } from "@/lib/notifications/request-notices";
import { parseInput } from "@/lib/validation/parse";
import { reopenSchema } from "@/lib/validation/requests";
import { refreshClocks } from "@/lib/service-levels/refresh-clocks";
import { eventRow } from "./events";
import { bumpVersion, loadForChange } from "./load-for-change";
import { mayOn, reopenDeadline, reopenWindowDays } from "./request-policy";

/**
 * The requester says a resolved request is not done: it opens again, with their reason as a reply.
 * Only within `windowDays` of the resolution, so old requests are not resurrected into a queue that
 * has moved on (and into SLA reports as a new cycle).
 */
export async function reopenRequest(options: {
  actor: Actor;
  input: { requestId: string; expectedVersion: number | string; reason: string };
  windowDays?: number;
}) {
  const { actor } = options;
  const windowDays = options.windowDays ?? reopenWindowDays();
  const input = parseInput(reopenSchema, options.input);
  return db().$transaction(async (tx) => {
    const request = await loadForChange(tx, actor, input.requestId, input.expectedVersion);
    if (!mayOn(actor, request, "request.reopen")) {
      throw forbidden("Only the requester can reopen a request.");
    }
    if (request.status !== "RESOLVED") throw new AppError("CONFLICT", "Only a resolved request can be reopened.");
    // A resolved request without a resolution time (legacy data) has no known window: let it reopen.
    if (request.resolvedAt && Date.now() > reopenDeadline(request.resolvedAt, windowDays).getTime()) {
      throw new AppError(
        "CONFLICT",
        `This request was resolved more than ${windowDays} days ago and can no longer be reopened. File a new request and mention this one's reference.`,
      );
    }
    await bumpVersion(tx, request.id, request.version, { status: "OPEN", resolvedAt: null });
    const comment = await tx.comment.create({
      data: { requestId: request.id, departmentId: request.departmentId, authorId: actor.id, body: input.reason, visibility: "PUBLIC" },
      select: { id: true },
    });
    await tx.requestEvent.createMany({
      data: [
        eventRow(request.id, actor.id, "status_changed", { from: { status: "RESOLVED" }, to: { status: "OPEN", reopened: true } }),
        eventRow(request.id, actor.id, "commented", { to: { commentId: comment.id, visibility: "PUBLIC", byAgent: false } }),
      ],
    });
    await refreshClocks(tx, request.id);
    await notifyStatusChanged(tx, { actor, requestId: request.id, from: "RESOLVED", to: "OPEN", reopened: true, reason: input.reason });
    return { version: request.version + 1 };
  });
}
