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
  | "sla_breached";

/** Public events are shown to requesters and watchers; the rest only to agents. */
export const publicEventTypes: EventType[] = ["created", "status_changed", "commented"];

export function eventRow(
  requestId: string,
  actorId: string | null,
  type: EventType,
  change: { from?: Prisma.InputJsonValue; to?: Prisma.InputJsonValue } = {},
): Prisma.RequestEventCreateManyInput {
  return { requestId, actorId, type, from: change.from, to: change.to };
}
