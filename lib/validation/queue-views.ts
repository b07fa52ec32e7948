import { z } from "zod";
import { queueViews } from "./requests";
import { text } from "./text";

/** The columns an agent can show on the queue, in their default order. The request (reference and title) is always shown, first. */
export const queueColumns = ["from", "status", "sla", "priority", "assignee", "team", "type", "filed", "updated"] as const;
export type QueueColumn = (typeof queueColumns)[number];
export const queueColumnLabel: Record<QueueColumn, string> = {
  from: "From",
  status: "Status",
  sla: "SLA",
  priority: "Priority",
  assignee: "Assignee",
  team: "Team",
  type: "Type",
  filed: "Filed",
  updated: "Updated",
};
/** What a new agent sees: everything but the columns the request cell already tells (type and team) and the last change. */
export const defaultQueueColumns: QueueColumn[] = ["from", "status", "sla", "priority", "assignee", "filed"];

/** The filter keys a saved view keeps: what the queue's address says, without paging. */
export const savedFilterKeys = ["status", "priority", "type", "assignee", "team", "from", "sla", "q", "sort"] as const;

const id = text().trim().min(1, "Choose one from the list").max(64, "Choose one from the list");

/** Saving the queue as it is filtered now under a name, for oneself or the whole department. */
export const saveQueueViewSchema = z.object({
  departmentKey: text().trim().min(1).max(16),
  name: text().trim().min(1, "Give the view a name").max(60, "Keep the name under 60 characters"),
  shared: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
  /** Replaces a view of the same owner (edit); omitted: a new view. */
  viewId: z.preprocess((v) => (v === "" ? undefined : v), id.optional()),
  filter: z.partialRecord(z.enum(savedFilterKeys, "A saved view keeps only the queue's filters"), text().max(200, "A filter value is too long")),
});
export type SaveQueueViewInput = z.input<typeof saveQueueViewSchema>;

export const queueViewRefSchema = z.object({ departmentKey: text().trim().min(1).max(16), viewId: id });
export type QueueViewRefInput = z.input<typeof queueViewRefSchema>;

/** Which columns show, in which order: each at most once. */
export const queueColumnsSchema = z.object({
  departmentKey: text().trim().min(1).max(16),
  columns: z
    .array(z.enum(queueColumns, "Choose columns from the list"))
    .max(queueColumns.length)
    .refine((c) => new Set(c).size === c.length, "A column is listed twice"),
});
export type QueueColumnsInput = z.input<typeof queueColumnsSchema>;

/** The view the queue opens with: a built-in one, a saved one (`saved:<id>`), or none (the queue's own default). */
export const defaultQueueViewSchema = z.object({
  departmentKey: text().trim().min(1).max(16),
  view: z.preprocess(
    (v) => (v === "" ? null : v),
    z.union([z.enum(queueViews), z.string().regex(/^saved:[A-Za-z0-9_-]{1,64}$/, "Choose a view from the list"), z.null()], "Choose a view from the list"),
  ),
});
export type DefaultQueueViewInput = z.input<typeof defaultQueueViewSchema>;
