import { z } from "zod";
import { queueViews } from "./requests";
import { text } from "./text";
import { queueColumns } from "./queue-column-values";
export { defaultQueueColumns, queueColumnLabel, queueColumns, type QueueColumn } from "./queue-column-values";

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
