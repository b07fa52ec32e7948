import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { priorities, statuses } from "@/lib/validation/requests";

/**
 * Every kind of request event with the shape of its `from` and `to`: the one definition writers and
 * readers share. Writers go through `eventRow`, which refuses a payload that does not fit; readers
 * go through `readEvent`, which gives the typed event (or null for a row that fits no schema, so a
 * reader shows or counts nothing rather than guess). Rows written before a field existed, or
 * imported with the times they happened, may lack what the clocks do not need: those fields are
 * optional. SQL readers (reports) read the same keys: change them together.
 */
const id = z.string().min(1);
const none = z.null().optional();
const statusChange = z.object({ status: z.enum(statuses) });
const requestRef = z.object({ requestId: id, reference: z.string() });
const approvalStepRef = z.object({ stepId: id, position: z.number().int(), name: z.string() });
/** Where a request stood on one side of a transfer. */
const placement = z.object({
  departmentId: id,
  departmentName: z.string().optional(),
  reference: z.string().optional(),
  typeId: id,
  assigneeId: id.nullable().optional(),
  teamId: id.nullable().optional(),
});

export const requestEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("created"),
    from: none,
    /** awaitsApproval: its type asked for approval; the department's clocks start at the last approval. */
    to: z.object({ status: z.enum(statuses), priority: z.enum(priorities), typeId: id, teamId: id.nullable().optional(), awaitsApproval: z.literal(true).optional() }),
  }),
  z.object({
    type: z.literal("status_changed"),
    from: statusChange.optional(),
    /** cancelled: by the requester; reopened: by the requester after resolution; merged: closed as a duplicate. */
    to: statusChange.extend({ cancelled: z.literal(true).optional(), reopened: z.literal(true).optional(), merged: z.literal(true).optional() }),
  }),
  z.object({ type: z.literal("priority_changed"), from: z.object({ priority: z.enum(priorities) }).optional(), to: z.object({ priority: z.enum(priorities) }) }),
  z.object({ type: z.literal("assigned"), from: z.object({ assigneeId: id.nullable() }).optional(), to: z.object({ assigneeId: id.nullable() }) }),
  z.object({
    type: z.literal("commented"),
    from: none,
    /**
     * byAgent: whether the author answered as the providing department, fixed when written (SLA
     * clocks depend on it). Imported histories may carry neither it nor the comment.
     */
    to: z.object({ commentId: id.optional(), visibility: z.enum(["PUBLIC", "INTERNAL"]), byAgent: z.boolean().optional() }),
  }),
  z.object({ type: z.literal("watcher_added"), from: none, to: z.object({ personId: id, name: z.string().optional() }) }),
  z.object({ type: z.literal("watcher_removed"), from: z.object({ personId: id, name: z.string().nullable().optional() }), to: none }),
  /** Not public: a file of an internal note must not show through the events; readers show files under their comment. */
  z.object({
    type: z.literal("attachment_added"),
    from: none,
    to: z.object({
      attachmentId: id,
      commentId: id.nullable(),
      fileName: z.string(),
      contentType: z.string(),
      size: z.number(),
      visibility: z.enum(["PUBLIC", "INTERNAL"]),
    }),
  }),
  z.object({ type: z.literal("sla_breached"), from: none, to: z.object({ metric: z.string(), cycle: z.number().int() }) }),
  /**
   * Moved to another department; `from.fields`: the requester's answers as they read before the move,
   * with the field's key (absent on events written before keys were kept), so the request page can
   * keep showing an answer the receiving type does not ask under its label instead of its key.
   */
  z.object({
    type: z.literal("transferred"),
    from: placement.extend({ fields: z.array(z.object({ key: z.string().optional(), label: z.string(), value: z.string() })).optional() }),
    to: placement.extend({ reason: z.string().optional() }),
  }),
  /** This duplicate was closed into another request; the other gets merged_from. */
  z.object({ type: z.literal("merged_into"), from: none, to: requestRef }),
  z.object({ type: z.literal("merged_from"), from: none, to: requestRef }),
  /** A related request was linked or unlinked. */
  z.object({ type: z.literal("linked"), from: none, to: requestRef.extend({ linkId: id.optional() }) }),
  z.object({ type: z.literal("unlinked"), from: requestRef, to: none }),
  /** Linked to a problem request (lib/problems): resolving the problem resolves this one. */
  z.object({ type: z.literal("problem_linked"), from: none, to: requestRef }),
  z.object({ type: z.literal("problem_unlinked"), from: requestRef, to: none }),
  /** The problem this request was linked to was resolved: `to.outcome` says what happened to this one. */
  z.object({ type: z.literal("problem_resolved"), from: none, to: requestRef.extend({ outcome: z.enum(["resolved", "returned"]) }) }),
  /** An approval step started (lib/approvals): who was asked, some on behalf of someone away. */
  z.object({
    type: z.literal("approval_requested"),
    from: none,
    to: approvalStepRef.extend({
      approvers: z.array(z.object({ personId: id, name: z.string(), onBehalfOfId: id.nullable().optional(), onBehalfOfName: z.string().nullable().optional() })),
      required: z.number().int(),
      escalated: z.boolean().optional(),
    }),
  }),
  /** One approver's decision; the actor is the approver (or their delegate). */
  z.object({
    type: z.literal("approval_decided"),
    from: none,
    to: approvalStepRef.extend({
      decision: z.enum(["APPROVED", "REJECTED"]),
      reason: z.string().optional(),
      onBehalfOfId: id.nullable().optional(),
      via: z.enum(["app", "email"]),
    }),
  }),
  /** A pending approval moved to the approver's delegate (set after the step started). */
  z.object({ type: z.literal("approval_delegated"), from: z.object({ personId: id, name: z.string() }), to: approvalStepRef.extend({ personId: id, personName: z.string() }) }),
  /** All steps approved (the department's work starts now) or one rejected (the request closes with the reason). */
  z.object({ type: z.literal("approval_completed"), from: none, to: z.object({ outcome: z.enum(["APPROVED", "REJECTED"]), reason: z.string().optional() }) }),
  /** Agents (or a rule) changed the request's tags. */
  z.object({ type: z.literal("tags_changed"), from: z.object({ tags: z.array(z.string()) }), to: z.object({ tags: z.array(z.string()) }) }),
  /** Agents (or a rule) moved the request to another team of its department (null: none). */
  z.object({ type: z.literal("team_changed"), from: z.object({ teamId: id.nullable() }), to: z.object({ teamId: id.nullable() }) }),
]);

export type RequestEvent = z.infer<typeof requestEventSchema>;
export type EventType = RequestEvent["type"];
/** What a writer gives for one event type: its `from` and `to`. */
export type EventChange<T extends EventType> = Omit<Extract<z.input<typeof requestEventSchema>, { type: T }>, "type">;

/** Public events are shown to requesters and watchers; the rest only to those who may read internal notes (request policy). */
export const publicEventTypes: EventType[] = [
  "created",
  "status_changed",
  "commented",
  "transferred",
  "merged_into",
  "approval_requested",
  "approval_decided",
  "approval_delegated",
  "approval_completed",
];

/** A row for RequestEvent, its payload checked against its type's schema (a mismatch is a bug: it throws). */
export function eventRow<T extends EventType>(requestId: string, actorId: string | null, type: T, change: EventChange<T>): Prisma.RequestEventCreateManyInput {
  const event = requestEventSchema.parse({ type, ...change });
  return {
    requestId,
    actorId,
    type,
    from: (event.from ?? undefined),
    to: (event.to ?? undefined),
  };
}

/** A stored event as its typed payload; null when the row fits no schema (an unknown type, or a payload that does not fit it). */
export function readEvent(row: { type: string; from?: Prisma.JsonValue | null; to?: Prisma.JsonValue | null }): RequestEvent | null {
  const parsed = requestEventSchema.safeParse({ type: row.type, from: row.from ?? undefined, to: row.to ?? undefined });
  return parsed.success ? parsed.data : null;
}
