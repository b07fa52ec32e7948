import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, forbidden } from "@/lib/errors";
import { notifyStatusChanged } from "@/lib/notifications/request-notices";
import { parseInput } from "@/lib/validation/parse";
import { cancelSchema, type CancelInput } from "@/lib/validation/requests";
import { refreshClocks } from "@/lib/service-levels/refresh-clocks";
import { eventRow } from "./events";
import { bumpVersion, loadForChange, staleVersion } from "./load-for-change";
import { mayOn } from "./request-policy";
import { isOpenStatus } from "./statuses";

/**
 * The requester withdraws a request that is still being worked: it closes at once (SLA clocks
 * stop), and their reason goes to the department as a public reply.
 */
export async function cancelRequest(options: { actor: Actor; input: CancelInput }): Promise<{ version: number }> {
  const { actor } = options;
  const input = parseInput(cancelSchema, options.input);
  return db().$transaction(async (tx) => {
    const request = await loadForChange(tx, actor, input.requestId);
    if (!mayOn(actor, request, "request.cancel")) {
      throw forbidden("Only the person who filed a request can cancel it.");
    }
    // The current state explains a refusal better than "someone changed it", so it is checked first.
    if (request.status === "RESOLVED") {
      throw new AppError("CONFLICT", "This request is already resolved, so there is nothing to cancel. If it is not done, reopen it instead.");
    }
    if (!isOpenStatus(request.status)) throw new AppError("CONFLICT", "This request is already closed.");
    if (input.expectedVersion !== request.version) throw staleVersion();

    await bumpVersion(tx, request.id, request.version, { status: "CLOSED", closedAt: new Date() });
    const comment = await tx.comment.create({
      data: { requestId: request.id, departmentId: request.departmentId, authorId: actor.id, body: input.reason, visibility: "PUBLIC" },
      select: { id: true },
    });
    // Status first: a requester's reply on a closed request starts no next-reply clock.
    await tx.requestEvent.createMany({
      data: [
        eventRow(request.id, actor.id, "status_changed", { from: { status: request.status }, to: { status: "CLOSED", cancelled: true } }),
        eventRow(request.id, actor.id, "commented", {
          to: { commentId: comment.id, visibility: "PUBLIC", byAgent: mayOn(actor, request, "request.triage") },
        }),
      ],
    });
    await refreshClocks(tx, request.id);
    await notifyStatusChanged(tx, { actor, requestId: request.id, from: request.status, to: "CLOSED", cancelled: true, reason: input.reason });
    return { version: request.version + 1 };
  });
}
