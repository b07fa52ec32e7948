import type { WrittenFiling } from "@/lib/requests/file-request";
import type { FieldView } from "@/lib/requests/get-request";
import type { ChangedRequest } from "@/lib/requests/request-after-change";
import type { PriorityLevel, Status } from "@/lib/validation/requests";
import type { ApiRequestDetail, ApiRequestSummary } from "@/lib/validation/api";

type SummaryRow = {
  id: string;
  reference: string;
  title: string;
  status: string;
  priority: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  type: { name: string };
  requester: { name: string };
  assignee: { id: string; name: string } | null;
};

/** One row of a list, in the API's shape (the queue's rows carry their department separately). */
export function toRequestSummary(row: SummaryRow, department: { key: string; name: string }): ApiRequestSummary {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    status: row.status as Status,
    priority: row.priority as PriorityLevel,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    department: { key: department.key, name: department.name },
    type: { name: row.type.name },
    requester: { name: row.requester.name },
    assignee: row.assignee ? { id: row.assignee.id, name: row.assignee.name } : null,
  };
}

/** A request as getRequest let the actor see it (or as a change left it, lib/requests/request-after-change.ts): its timeline split into comments and events. */
export function toRequestDetail(view: ChangedRequest): ApiRequestDetail {
  const comments: ApiRequestDetail["comments"] = [];
  const events: ApiRequestDetail["events"] = [];
  for (const item of view.timeline) {
    if (item.kind === "comment") {
      comments.push({
        id: item.id,
        body: item.body,
        visibility: item.internal ? "INTERNAL" : "PUBLIC",
        byStaff: item.byStaff,
        author: item.author,
        createdAt: item.at.toISOString(),
      });
    } else {
      events.push({ id: item.id, type: item.type, from: item.from ?? null, to: item.to ?? null, actor: item.actor, createdAt: item.at.toISOString() });
    }
  }
  return {
    id: view.id,
    reference: view.reference,
    title: view.title,
    description: view.description,
    status: view.status,
    priority: view.priority,
    version: view.version,
    createdAt: view.createdAt.toISOString(),
    updatedAt: view.updatedAt.toISOString(),
    resolvedAt: view.resolvedAt?.toISOString() ?? null,
    department: view.department,
    type: view.type,
    fields: view.fields,
    requester: { id: view.requester.id, name: view.requester.name, email: view.requester.email },
    assignee: view.assignee,
    watchers: view.watchers,
    comments,
    events,
  };
}

/**
 * A request just filed, from what the filing wrote: the same shape toRequestDetail gives for it
 * read back (no comments, no watchers, no assignee, the created event only).
 */
export function toFiledDetail(filed: { id: string; reference: string; written: WrittenFiling; requester: { id: string; name: string; email: string }; fields: FieldView[] }): ApiRequestDetail {
  const { written: w } = filed;
  const at = w.at.toISOString();
  return {
    id: filed.id,
    reference: filed.reference,
    title: w.title,
    description: w.description,
    status: "NEW",
    priority: w.priority as PriorityLevel,
    version: 1,
    createdAt: at,
    updatedAt: at,
    resolvedAt: null,
    department: w.department,
    type: w.type,
    fields: filed.fields,
    requester: { id: filed.requester.id, name: filed.requester.name, email: filed.requester.email },
    assignee: null,
    watchers: [],
    comments: [],
    events: [{ id: w.eventId, type: "created", from: null, to: w.eventTo, actor: { id: filed.requester.id, name: filed.requester.name }, createdAt: at }],
  };
}
