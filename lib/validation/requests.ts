import { z } from "zod";
import { text } from "./text";

import { priorities, statuses } from "./request-values";

export { priorities, priorityLabel, shownStatusLabel, statuses, statusLabel, type ApprovalStateValue, type PriorityLevel, type Status } from "./request-values";

const id = text().min(1).max(64);

export const fileRequestSchema = z.object({
  typeId: id,
  title: text().trim().min(3, "Give the request a short title (at least 3 characters)").max(160, "Keep the title under 160 characters"),
  description: text().trim().min(1, "Describe what you need").max(20_000, "The description is too long (20,000 characters at most)"),
  fieldValues: z.record(text(), z.unknown()).default({}),
  /** Generated when the form is rendered; a resubmission of the same form files nothing new. */
  submissionKey: text().min(8).max(100),
});
export type FileRequestInput = z.input<typeof fileRequestSchema>;

export const commentSchema = z.object({
  requestId: id,
  body: text().trim().min(1, "Write something before sending").max(20_000, "The message is too long (20,000 characters at most)"),
  visibility: z.enum(["PUBLIC", "INTERNAL"]).default("PUBLIC"),
});
export type CommentInput = z.input<typeof commentSchema>;

export const updateRequestSchema = z
  .object({
    requestId: id,
    /** The version the change was based on: out of date is 409 STALE_VERSION. Omitted (API only): applied to the current version. */
    expectedVersion: z.coerce.number().int().min(1).optional(),
    status: z.enum(statuses).optional(),
    priority: z.enum(priorities).optional(),
    /** null unassigns; undefined leaves the assignee alone. */
    assigneeId: id.nullable().optional(),
  })
  .refine((v) => v.status !== undefined || v.priority !== undefined || v.assigneeId !== undefined, "Nothing to change");
export type UpdateRequestInput = z.input<typeof updateRequestSchema>;

export const assignByRuleSchema = z.object({ requestId: id, expectedVersion: z.coerce.number().int().min(1) });
export type AssignByRuleInput = z.input<typeof assignByRuleSchema>;

export const reopenSchema = z.object({
  requestId: id,
  expectedVersion: z.coerce.number().int().min(1),
  reason: text().trim().min(1, "Say why the request needs more work").max(5_000),
});

export const cancelSchema = z.object({
  requestId: id,
  expectedVersion: z.coerce.number().int().min(1),
  reason: text().trim().min(1, "Say why you no longer need this").max(5_000, "Keep the reason under 5,000 characters"),
});
export type CancelInput = z.input<typeof cancelSchema>;

export const watcherSchema = z.object({
  requestId: id,
  personId: text().trim().min(1, "Choose a co-worker from the list").max(64, "Choose a co-worker from the list"),
});
export type WatcherInput = z.input<typeof watcherSchema>;

export const personSearchSchema = z.object({
  query: text().trim().min(2, "Type at least 2 letters of a name or email").max(100, "Type a shorter name or email"),
});

const blankAsUndefined = (v: unknown) => (v === "" ? undefined : v);

export const queueSorts = ["newest", "oldest", "priority", "due"] as const;
export type QueueSort = (typeof queueSorts)[number];
export const queueSortLabel: Record<QueueSort, string> = { newest: "Newest first", oldest: "Oldest first", priority: "Priority", due: "Due soonest (SLA)" };
export const slaStates = ["breached", "due_soon", "paused", "on_track", "none"] as const;
export type SlaStateFilter = (typeof slaStates)[number];
export const slaStateLabel: Record<SlaStateFilter, string> = { breached: "Breached", due_soon: "Due soon", paused: "Paused", on_track: "On track", none: "No SLA" };
export const queueViews = ["open", "mine", "unassigned", "breaching", "waiting", "all"] as const;
export type QueueView = (typeof queueViews)[number];

const optionalId = (what: string) => z.preprocess(blankAsUndefined, text().max(64, `Choose ${what} from the list`).optional());

/**
 * Queue filters arrive from a GET form or a link: empty selects mean "any". A saved view (`view`)
 * only supplies defaults (lib/requests/queue-views.ts); every field here can still override it.
 */
export const queueFilterSchema = z.object({
  view: z.preprocess(blankAsUndefined, z.enum(queueViews, "Choose one of the saved views").optional()),
  /** A saved view's id (lib/requests/saved-queue-views.ts): its filters are the defaults. */
  saved: optionalId("a saved view"),
  status: z.preprocess(
    blankAsUndefined,
    z.union([z.enum(statuses), z.literal("ACTIVE"), z.literal("ALL")], "Choose a status from the list").default("ACTIVE"),
  ),
  priority: z.preprocess(blankAsUndefined, z.enum(priorities, "Choose a priority from the list").optional()),
  type: optionalId("a request type"),
  /** "me", "none", "any" or a person id. */
  assignee: z.preprocess(blankAsUndefined, text().max(64, "Choose an assignee from the list").optional()),
  /** "none" or a team id. */
  team: optionalId("a team"),
  /** The requester's department (its id). */
  from: optionalId("a department"),
  sla: z.preprocess(blankAsUndefined, z.enum(slaStates, "Choose an SLA state from the list").optional()),
  /** Requests carrying this tag (lib/requests/set-request-tags.ts). */
  tag: z.preprocess(
    blankAsUndefined,
    text().trim().toLowerCase().max(40, "A tag is at most 40 characters").regex(/^[a-z0-9][a-z0-9_-]*$/, "A tag is lowercase letters, digits, - or _").optional(),
  ),
  q: z.preprocess(blankAsUndefined, text().trim().max(200, "Search for at most 200 characters").optional()),
  cursor: z.preprocess(blankAsUndefined, text().max(200).optional()),
  /** "due": by the running SLA clock that falls due soonest, then requests without one, newest first. */
  sort: z.preprocess(blankAsUndefined, z.enum(queueSorts, "Choose an order from the list").default("newest")),
});
export type QueueFilter = Record<string, string | undefined>;
export type ParsedQueueFilter = z.output<typeof queueFilterSchema>;

/** Bulk triage from the queue: one change applied to each selected request at the version shown. */
export const bulkUpdateSchema = z
  .object({
    items: z
      .array(z.object({ requestId: id, expectedVersion: z.coerce.number().int().min(1) }))
      .min(1, "Select at least one request")
      .max(100, "Change at most 100 requests at a time")
      .refine((items) => new Set(items.map((i) => i.requestId)).size === items.length, "A request is selected twice"),
    status: z.enum(statuses, "Choose a status from the list").optional(),
    /** null unassigns. */
    assigneeId: id.nullable().optional(),
  })
  .refine((v) => v.status !== undefined || v.assigneeId !== undefined, "Choose an assignee or a status");
export type BulkUpdateInput = z.input<typeof bulkUpdateSchema>;

/** What follows an `@` in a reply or note: empty lists the first readers. */
export const mentionSearchSchema = z.object({
  requestId: id,
  query: text().trim().max(100, "Type a shorter name or email"),
});

/** A reply or note checked for mentions before it is sent. */
export const mentionCheckSchema = z.object({
  requestId: id,
  body: text().max(20_000, "The message is too long (20,000 characters at most)"),
  visibility: z.enum(["PUBLIC", "INTERNAL"]),
});
