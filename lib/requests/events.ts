import type { Prisma } from "@/lib/generated/prisma/client";

export type EventType =
  | "created"
  | "status_changed"
  | "priority_changed"
  | "assigned"
  | "commented"
  | "watcher_added"
  | "watcher_removed"
  /** Not public: a file of an internal note must not show through the events; readers show files under their comment. */
  | "attachment_added"
  | "sla_breached"
  /** Moved to another department (from/to: departmentId, departmentName, reference, typeId; to.reason). */
  | "transferred"
  /** This duplicate was closed into another request (to: requestId, reference); the other gets merged_from. */
  | "merged_into"
  | "merged_from"
  /** A related request was linked or unlinked (to / from: requestId, reference). */
  | "linked"
  | "unlinked";

/** Public events are shown to requesters and watchers; the rest only to agents. */
export const publicEventTypes: EventType[] = ["created", "status_changed", "commented", "transferred", "merged_into"];

export function eventRow(
  requestId: string,
  actorId: string | null,
  type: EventType,
  change: { from?: Prisma.InputJsonValue; to?: Prisma.InputJsonValue } = {},
): Prisma.RequestEventCreateManyInput {
  return { requestId, actorId, type, from: change.from, to: change.to };
}
