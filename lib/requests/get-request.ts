import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { mentionHandles } from "@/lib/notifications/mentions";
import { resolveMentions } from "@/lib/notifications/request-notices";
import { parseFieldDefinitions, type FieldDefinition } from "@/lib/validation/fields";
import type { PriorityLevel, Status } from "@/lib/validation/requests";
import { publicEventTypes } from "./events";
import { formatReference, parseReference } from "./reference";
import { isAgentOf, visibleRequests } from "./scope";

export type AttachmentSummary = { id: string; fileName: string; contentType: string; size: number };

export type TimelineItem =
  | { kind: "comment"; id: string; at: Date; author: { id: string; name: string }; body: string; internal: boolean; byStaff: boolean; attachments: AttachmentSummary[] }
  | { kind: "event"; id: string; at: Date; actor: { id: string; name: string } | null; type: string; from: unknown; to: unknown };

export type RequestView = Awaited<ReturnType<typeof getRequest>>;

/**
 * One request as the actor may see it: agents of the providing department get internal notes and
 * every event; requesters and watchers get public replies and status changes only. A request the
 * actor may not see is NOT_FOUND, indistinguishable from one that does not exist.
 */
export async function getRequest(options: { actor: Actor; reference: string }) {
  const { actor } = options;
  const ref = parseReference(options.reference);
  if (!ref) throw notFound();
  const request = await db().request.findFirst({
    where: { AND: [{ number: ref.number, department: { key: ref.departmentKey } }, visibleRequests(actor)] },
    include: {
      department: { select: { id: true, key: true, name: true, timeZone: true } },
      type: { select: { id: true, name: true, fields: true } },
      requester: { select: { id: true, name: true, email: true, title: true } },
      requesterDepartment: { select: { id: true, name: true } },
      assignee: { select: { id: true, name: true } },
      team: { select: { id: true, name: true, assignmentRule: true } },
      watchers: { select: { person: { select: { id: true, name: true } } } },
    },
  });
  if (!request) throw notFound();
  const staff = isAgentOf(actor, request.departmentId);

  // A comment's files come with it, so they are exactly as visible as the comment.
  const attachmentSelect = { select: { id: true, fileName: true, contentType: true, size: true }, orderBy: { createdAt: "asc" as const } };
  const [comments, events, requestFiles] = await Promise.all([
    db().comment.findMany({
      where: { requestId: request.id, ...(staff ? {} : { visibility: "PUBLIC" }) },
      orderBy: { createdAt: "asc" },
      select: { id: true, body: true, visibility: true, createdAt: true, author: { select: { id: true, name: true } }, attachments: attachmentSelect },
    }),
    db().requestEvent.findMany({
      // Comments and their files are shown as themselves, not as events.
      where: { requestId: request.id, type: { in: staff ? undefined : publicEventTypes, notIn: ["commented", "attachment_added"] } },
      orderBy: { id: "asc" },
      select: { id: true, type: true, from: true, to: true, createdAt: true, actor: { select: { id: true, name: true } } },
    }),
    db().attachment.findMany({ where: { requestId: request.id, commentId: null }, ...attachmentSelect }),
  ]);
  const staffIds = comments.length ? await staffOf(request.departmentId) : new Set<string>();
  const mentioned = await resolveMentions(db(), [...new Set(comments.flatMap((c) => mentionHandles(c.body)))]);

  const timeline: TimelineItem[] = [
    ...comments.map((c) => ({
      kind: "comment" as const,
      id: c.id,
      at: c.createdAt,
      author: c.author,
      body: c.body,
      internal: c.visibility === "INTERNAL",
      byStaff: staffIds.has(c.author.id),
      attachments: c.attachments,
    })),
    ...events.map((e) => ({ kind: "event" as const, id: String(e.id), at: e.createdAt, actor: e.actor, type: e.type, from: e.from, to: e.to })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());

  const fields = safeFields(request.type.fields);
  const values = (request.fieldValues ?? {}) as Record<string, unknown>;
  return {
    id: request.id,
    reference: formatReference(request.department.key, request.number),
    title: request.title,
    description: request.description,
    status: request.status as Status,
    priority: request.priority as PriorityLevel,
    version: request.version,
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
    resolvedAt: request.resolvedAt,
    closedAt: request.closedAt,
    department: { id: request.department.id, key: request.department.key, name: request.department.name },
    /** The providing department's time zone: its SLA promises are made in it. */
    departmentTimeZone: request.department.timeZone,
    type: { id: request.type.id, name: request.type.name },
    fields: fields.flatMap((f) => (values[f.key] === undefined ? [] : [{ label: f.label, value: values[f.key] }])),
    /** Files attached when the request was filed. */
    attachments: requestFiles,
    requester: request.requester,
    requesterDepartment: request.requesterDepartment,
    assignee: request.assignee,
    team: request.team,
    watchers: request.watchers.map((w) => w.person),
    viewer: { isAgent: staff, isRequester: request.requesterId === actor.id },
    timeline,
    /** Names of the people @mentioned in the visible comments, by handle. */
    mentions: Object.fromEntries(mentioned.map((m) => [m.handle, m.name])) as Record<string, string>,
  };
}

/** Agents who can take a request of this department (for the assignment picker). */
export async function assignableAgents(departmentId: string) {
  return db().person.findMany({
    where: { active: true, roles: { some: { departmentId, role: { in: ["AGENT", "HEAD"] } } } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

async function staffOf(departmentId: string): Promise<Set<string>> {
  return new Set((await assignableAgents(departmentId)).map((p) => p.id));
}

function safeFields(raw: unknown): FieldDefinition[] {
  try {
    return parseFieldDefinitions(raw);
  } catch {
    return [];
  }
}
