import type { Actor } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { visibleRequests } from "@/lib/requests/scope";

/**
 * The attachments an actor may open: those of requests they may see, except files of internal
 * notes, which only agents of the request's department see (a file inherits its comment's
 * visibility). Anything else is simply not found.
 */
export function visibleAttachments(actor: Actor): Prisma.AttachmentWhereInput {
  return {
    request: visibleRequests(actor),
    OR: [
      { commentId: null },
      { comment: { visibility: "PUBLIC" } },
      ...(actor.agentOf.length ? [{ request: { departmentId: { in: actor.agentOf } } }] : []),
    ],
  };
}
