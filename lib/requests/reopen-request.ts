import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { reopenSchema } from "@/lib/validation/requests";
import { refreshClocks } from "@/lib/service-levels/refresh-clocks";
import { eventRow } from "./events";
import { bumpVersion, loadForChange } from "./load-for-change";

/** The requester says a resolved request is not done: it opens again, with their reason as a reply. */
export async function reopenRequest(options: { actor: Actor; input: { requestId: string; expectedVersion: number | string; reason: string } }) {
  const { actor } = options;
  const input = parseInput(reopenSchema, options.input);
  return db().$transaction(async (tx) => {
    const request = await loadForChange(tx, actor, input.requestId, input.expectedVersion);
    if (!can(actor, "request.reopen", { isRequester: request.requesterId === actor.id })) {
      throw forbidden("Only the requester can reopen a request.");
    }
    if (request.status !== "RESOLVED") throw new AppError("CONFLICT", "Only a resolved request can be reopened.");
    await bumpVersion(tx, request.id, request.version, { status: "OPEN", resolvedAt: null });
    const comment = await tx.comment.create({
      data: { requestId: request.id, authorId: actor.id, body: input.reason, visibility: "PUBLIC" },
      select: { id: true },
    });
    await tx.requestEvent.createMany({
      data: [
        eventRow(request.id, actor.id, "status_changed", { from: { status: "RESOLVED" }, to: { status: "OPEN", reopened: true } }),
        eventRow(request.id, actor.id, "commented", { to: { commentId: comment.id, visibility: "PUBLIC", byAgent: false } }),
      ],
    });
    await refreshClocks(tx, request.id);
    return { version: request.version + 1 };
  });
}
