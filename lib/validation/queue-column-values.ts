// The queue's columns and their labels, with no zod: the queue's client components import these.

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
