import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PriorityLevel, Status } from "@/lib/validation/requests";
import { requestFields, shownAsThemselves, timelineOf, type AttachmentSummary, type RequestView } from "./get-request";
import type { HeldRequest } from "./load-for-change";
import { formatReference } from "./reference";
import { eventReadable } from "./request-policy";

/** What an API caller is answered with after a change: the request as they may now see it (lib/api/serialize.ts). */
export type ChangedRequest = Pick<
  RequestView,
  "id" | "reference" | "title" | "description" | "status" | "priority" | "version" | "createdAt" | "updatedAt" | "resolvedAt" | "department" | "type" | "fields" | "assignee" | "watchers" | "timeline"
> & { requester: { id: string; name: string; email: string } };

/**
 * The request after a change, from what the change held (loadForChange with `history`) and what it
 * wrote, as getRequest would read it back for the actor: the comments and events they may read
 * (the request policy's flag `seesInternal`), nothing read again but a person field's names.
 */
export async function requestAfterChange(options: {
  actor: Pick<Actor, "id" | "name">;
  held: HeldRequest;
  request: { id: string; status: Status; priority: PriorityLevel; version: number; updatedAt: Date; resolvedAt: Date | null; assignee: { id: string; name: string } | null };
  comment?: { id: string; body: string; visibility: "PUBLIC" | "INTERNAL"; createdAt: Date; attachments: AttachmentSummary[] };
  events: { id: bigint | string; type: string; from: Prisma.JsonValue; to: Prisma.JsonValue; createdAt: Date }[];
}): Promise<ChangedRequest> {
  const { actor, held, request } = options;
  const author = { id: actor.id, name: actor.name };
  const comments = [...held.comments, ...(options.comment && (options.comment.visibility === "PUBLIC" || held.seesInternal) ? [{ ...options.comment, author }] : [])];
  const events = [...held.events, ...options.events.map((e) => ({ ...e, actor: author }))].filter(
    (e) => !(shownAsThemselves as readonly string[]).includes(e.type) && eventReadable(e.type, held.seesInternal),
  );
  const timeline = timelineOf(comments, events, new Set(held.staffIds));
  const { fields } = await requestFields(held.type.fields, held.fieldValues, held.requestFiles, timeline);
  return {
    id: request.id,
    reference: formatReference(held.department.key, held.number),
    title: held.title,
    description: held.description,
    status: request.status,
    priority: request.priority,
    version: request.version,
    createdAt: held.createdAt,
    updatedAt: request.updatedAt,
    resolvedAt: request.resolvedAt,
    department: held.department,
    type: { id: held.type.id, name: held.type.name },
    fields,
    requester: held.requester,
    assignee: request.assignee,
    watchers: held.watchers,
    timeline,
  };
}
