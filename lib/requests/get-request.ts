import "server-only";
import { cache } from "react";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { sql, utc } from "@/lib/db/sql";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AssignmentRule } from "@/lib/generated/prisma/enums";
import type { PriorityLevel, Status } from "@/lib/validation/request-values";
import { notFound } from "@/lib/errors";
import { mentionHandles } from "@/lib/notifications/mentions";
import { resolveMentions } from "@/lib/notifications/request-notices";
import { parseFieldDefinitions, type FieldDefinition, type FieldKind } from "@/lib/validation/fields";
import { readEvent, type RequestEvent } from "./events";
import { formatReference, parseReference } from "./reference";
import { commentVisibleSql, eventVisibleSql, requestColumns, requestViewer, requestVisibleSql } from "./request-policy";

export type AttachmentSummary = { id: string; fileName: string; contentType: string; size: number };

/**
 * A stored field value as the request page shows it: under the field's current label, or under its
 * key once the type's form no longer has it. A person field names its person, a file field lists
 * its attachments (those of this request only).
 */
export type FieldView = {
  key: string;
  label: string;
  kind: FieldKind | null;
  value: unknown;
  person?: { id: string; name: string } | null;
  files?: AttachmentSummary[];
};

export type TimelineItem =
  | { kind: "comment"; id: string; at: Date; author: { id: string; name: string }; body: string; internal: boolean; byStaff: boolean; attachments: AttachmentSummary[] }
  /** `event`: the typed payload (null for a row that fits no event schema); from/to as stored, for the API. */
  | { kind: "event"; id: string; at: Date; actor: { id: string; name: string } | null; type: string; from: unknown; to: unknown; event: RequestEvent | null };

export type RequestView = Awaited<ReturnType<typeof getRequest>>;

/**
 * One request as the actor may see it, with what they may do on it (`viewer.can`, from the request
 * policy): those who may read internal notes get them and every event; the others get public
 * replies and public events only. A request the actor may not see is NOT_FOUND, indistinguishable
 * from one that does not exist.
 */
export async function getRequest(options: { actor: Actor; reference: string }) {
  const { actor } = options;
  const ref = parseReference(options.reference);
  if (!ref) throw notFound();
  // One statement: the request with what surrounds it, and the comments, events and files the
  // actor may read (the request policy's SQL), instead of a Prisma query per relation.
  const [row] = await sql().$queryRaw<RequestRow[]>(requestPageQuery(actor, ref));
  if (!row) throw notFound();
  const request = {
    ...row,
    department: { id: row.departmentId, key: row.departmentKey, name: row.departmentName, timeZone: row.departmentTimeZone },
    type: { id: row.typeId, name: row.typeName, fields: row.typeFields },
    requester: { id: row.requesterId, name: row.requesterName, email: row.requesterEmail, title: row.requesterTitle },
    requesterDepartment: { id: row.requesterDepartmentId, name: row.requesterDepartmentName },
    assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? "" } : null,
    team: row.teamId ? { id: row.teamId, name: row.teamName ?? "", assignmentRule: row.teamAssignmentRule! } : null,
  };
  const viewer = requestViewer(actor, {
    departmentId: request.departmentId,
    requesterId: request.requesterId,
    status: request.status,
    resolvedAt: request.resolvedAt,
    isWatcher: request.watchers.some((w) => w.id === actor.id),
    isApprover: request.isApprover,
    approvalState: request.approvalState,
  });
  const comments = row.comments.map((c) => ({ ...c, createdAt: utc(c.createdAt), author: { id: c.authorId, name: c.authorName } }));
  const events = row.events.map((e) => ({ ...e, createdAt: utc(e.createdAt), actor: e.actorId ? { id: e.actorId, name: e.actorName ?? "" } : null }));
  const requestFiles = row.files;
  const staffIds = comments.length ? await staffOf(request.departmentId) : new Set<string>();
  const mentioned = await resolveMentions(db(), [...new Set(comments.flatMap((c) => mentionHandles(c.body)))]);
  const timeline = timelineOf(comments, events, staffIds);

  // Whom an assignment named: the timeline says "assigned the request to Dana", not just "assigned".
  const assigneeIds = [...new Set(timeline.flatMap((t) => (t.kind === "event" && t.event?.type === "assigned" && t.event.to.assigneeId ? [t.event.to.assigneeId] : [])))];
  const assignees = assigneeIds.length ? await sql().$queryRaw<{ id: string; name: string }[]>`SELECT id, name FROM "Person" WHERE id = ANY(${assigneeIds}::text[])` : [];
  const { fields, attachments } = await requestFields(request.type.fields, request.fieldValues, requestFiles, timeline);
  return {
    id: request.id,
    reference: formatReference(request.department.key, request.number),
    title: request.title,
    description: request.description,
    status: request.status,
    priority: request.priority,
    version: request.version,
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
    resolvedAt: request.resolvedAt,
    closedAt: request.closedAt,
    /** Null when its type asked for no approval (lib/approvals/approval-panel.ts reads the steps). */
    approvalState: request.approvalState,
    department: { id: request.department.id, key: request.department.key, name: request.department.name },
    /** The providing department's time zone: its SLA promises are made in it. */
    departmentTimeZone: request.department.timeZone,
    type: { id: request.type.id, name: request.type.name },
    fields,
    /** Files attached when the request was filed (those of file fields are shown with their field). */
    attachments,
    requester: request.requester,
    requesterDepartment: request.requesterDepartment,
    assignee: request.assignee,
    team: request.team,
    /** Tags are the department's own labels: only those who see the internal side read them. */
    tags: viewer.can.seeInternal ? request.tags : [],
    watchers: request.watchers,
    viewer,
    timeline,
    /** Names of the people the timeline's assignments went to, by id. */
    assigneeNames: Object.fromEntries(assignees.map((p) => [p.id, p.name])) as Record<string, string>,
    /** Names of the people @mentioned in the visible comments, by handle. */
    mentions: Object.fromEntries(mentioned.map((m) => [m.handle, m.name])) as Record<string, string>,
  };
}

type RequestRow = {
  id: string;
  number: number;
  departmentId: string;
  title: string;
  description: string;
  fieldValues: Prisma.JsonValue;
  status: Status;
  priority: PriorityLevel;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  closedAt: Date | null;
  approvalState: "PENDING" | "APPROVED" | "REJECTED" | null;
  tags: string[];
  departmentKey: string;
  departmentName: string;
  departmentTimeZone: string;
  typeId: string;
  typeName: string;
  typeFields: Prisma.JsonValue;
  requesterId: string;
  requesterName: string;
  requesterEmail: string;
  requesterTitle: string | null;
  requesterDepartmentId: string;
  requesterDepartmentName: string;
  assigneeId: string | null;
  assigneeName: string | null;
  teamId: string | null;
  teamName: string | null;
  teamAssignmentRule: AssignmentRule | null;
  watchers: { id: string; name: string }[];
  isApprover: boolean;
  /** Timestamps inside JSON arrive as text without a zone (stored as UTC): `utc` reads them. */
  comments: { id: string; body: string; visibility: string; createdAt: string; authorId: string; authorName: string; attachments: AttachmentSummary[] }[];
  events: { id: string; type: string; from: Prisma.JsonValue; to: Prisma.JsonValue; createdAt: string; actorId: string | null; actorName: string | null }[];
  files: AttachmentSummary[];
};

const attachmentJson = (f: string) =>
  Prisma.raw(`json_build_object('id', ${f}.id, 'fileName', ${f}."fileName", 'contentType', ${f}."contentType", 'size', ${f}.size) ORDER BY ${f}."createdAt", ${f}.id`);

/** The request by reference, if the actor sees it, with its surroundings and what of its history they may read. */
function requestPageQuery(actor: Actor, ref: { departmentKey: string; number: number }) {
  const r = requestColumns("r");
  return Prisma.sql`
    SELECT r.id, r.number, r."departmentId", r.title, r.description, r."fieldValues", r.status::text AS status, r.priority::text AS priority,
           r.version, r."createdAt", r."updatedAt", r."resolvedAt", r."closedAt", r."approvalState"::text AS "approvalState", r.tags,
           d.key AS "departmentKey", d.name AS "departmentName", d."timeZone" AS "departmentTimeZone",
           t.id AS "typeId", t.name AS "typeName", t.fields AS "typeFields",
           r."requesterId", rq.name AS "requesterName", rq.email AS "requesterEmail", rq.title AS "requesterTitle",
           rd.id AS "requesterDepartmentId", rd.name AS "requesterDepartmentName",
           a.id AS "assigneeId", a.name AS "assigneeName", tm.id AS "teamId", tm.name AS "teamName", tm."assignmentRule"::text AS "teamAssignmentRule",
           COALESCE((SELECT json_agg(json_build_object('id', wp.id, 'name', wp.name) ORDER BY w."createdAt", w."personId")
                       FROM "Watcher" w JOIN "Person" wp ON wp.id = w."personId" WHERE w."requestId" = r.id), '[]') AS watchers,
           EXISTS (SELECT 1 FROM "ApprovalStep" s JOIN "Approver" ap ON ap."stepId" = s.id
                    WHERE s."requestId" = r.id AND s.state = 'PENDING' AND ap."personId" = ${actor.id}) AS "isApprover",
           COALESCE((SELECT json_agg(json_build_object('id', c.id, 'body', c.body, 'visibility', c.visibility, 'createdAt', c."createdAt",
                                                       'authorId', ca.id, 'authorName', ca.name,
                                                       'attachments', COALESCE((SELECT json_agg(${attachmentJson("f")}) FROM "Attachment" f WHERE f."commentId" = c.id), '[]'))
                                     ORDER BY c."createdAt", c.id)
                       FROM "Comment" c JOIN "Person" ca ON ca.id = c."authorId"
                      WHERE c."requestId" = r.id AND ${commentVisibleSql(actor, "c", r)}), '[]') AS comments,
           COALESCE((SELECT json_agg(json_build_object('id', e.id::text, 'type', e.type, 'from', e."from", 'to', e."to", 'createdAt', e."createdAt",
                                                       'actorId', ea.id, 'actorName', ea.name) ORDER BY e.id)
                       FROM "RequestEvent" e LEFT JOIN "Person" ea ON ea.id = e."actorId"
                      WHERE e."requestId" = r.id AND e.type <> ALL(${[...shownAsThemselves]}::text[]) AND ${eventVisibleSql(actor, "e", r)}), '[]') AS events,
           COALESCE((SELECT json_agg(${attachmentJson("f")}) FROM "Attachment" f WHERE f."requestId" = r.id AND f."commentId" IS NULL), '[]') AS files
      FROM "Request" r
      JOIN "Department" d ON d.id = r."departmentId"
      JOIN "RequestType" t ON t.id = r."typeId"
      JOIN "Person" rq ON rq.id = r."requesterId"
      JOIN "Department" rd ON rd.id = r."requesterDepartmentId"
      LEFT JOIN "Person" a ON a.id = r."assigneeId"
      LEFT JOIN "Team" tm ON tm.id = r."teamId"
     WHERE d.key = ${ref.departmentKey} AND r.number = ${ref.number}::int AND ${requestVisibleSql(actor, r)}`;
}

/** Events the timeline does not show as events: comments and their files are shown as themselves. */
export const shownAsThemselves = ["commented", "attachment_added"] as const;

type CommentRow = { id: string; createdAt: Date; author: { id: string; name: string }; body: string; visibility: string; attachments: AttachmentSummary[] };
type EventRow = { id: bigint | string; createdAt: Date; actor: { id: string; name: string } | null; type: string; from: unknown; to: unknown };

/** The timeline of the comments and events a person may read, oldest first; `staffIds`: the department's active agents. */
export function timelineOf(comments: readonly CommentRow[], events: readonly EventRow[], staffIds: ReadonlySet<string>): TimelineItem[] {
  return [
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
    ...events.map((e) => ({
      kind: "event" as const,
      id: String(e.id),
      at: e.createdAt,
      actor: e.actor,
      type: e.type,
      from: e.from,
      to: e.to,
      event: readEvent({ type: e.type, from: e.from as Prisma.JsonValue, to: e.to as Prisma.JsonValue }),
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The request's fields as shown (with the answers transfers recorded), and its own files that no file field lists. */
export async function requestFields(typeFields: unknown, fieldValues: unknown, requestFiles: AttachmentSummary[], timeline: TimelineItem[]) {
  const fields = await fieldViews(safeFields(typeFields), fieldValues, requestFiles, formerAnswers(timeline));
  const inFields = new Set(fields.flatMap((f) => f.files?.map((a) => a.id) ?? []));
  return { fields, attachments: requestFiles.filter((a) => !inFields.has(a.id)) };
}

/** Agents who can take a request of this department (for the assignment picker); read once per page. */
export const assignableAgents = cache(async (departmentId: string) => {
  return sql().$queryRaw<{ id: string; name: string }[]>`
    SELECT p.id, p.name FROM "Person" p
     WHERE p.active AND EXISTS (SELECT 1 FROM "RoleGrant" g WHERE g."personId" = p.id AND g."departmentId" = ${departmentId} AND g.role IN ('AGENT', 'HEAD'))
     ORDER BY p.name, p.id`;
});

async function staffOf(departmentId: string): Promise<Set<string>> {
  return new Set((await assignableAgents(departmentId)).map((p) => p.id));
}

export async function fieldViews(
  definitions: FieldDefinition[],
  stored: unknown,
  requestFiles: AttachmentSummary[],
  former: ReadonlyMap<string, { label: string; value: string }> = new Map(),
): Promise<FieldView[]> {
  const values = (stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {}) as Record<string, unknown>;
  const defined = new Set(definitions.map((f) => f.key));
  const views: FieldView[] = [
    ...definitions.flatMap((f) => (values[f.key] === undefined ? [] : [{ key: f.key, label: f.label, kind: f.kind, value: values[f.key] }])),
    // Values of fields the form no longer has (another department's form after a transfer, or a
    // field since removed): still the requester's words, under the label they answered and as they
    // read then (a co-worker's name, not an id); else under their key made readable.
    ...Object.entries(values).flatMap(([key, value]) => {
      if (defined.has(key) || value === undefined) return [];
      const then = former.get(key);
      return [then ? { key, label: then.label, kind: null, value: then.value } : { key, label: readableKey(key), kind: null, value }];
    }),
  ];
  const personIds = views.flatMap((v) => (v.kind === "person" && typeof v.value === "string" ? [v.value] : []));
  const people = personIds.length ? await db().person.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true } }) : [];
  const personById = new Map(people.map((p) => [p.id, p]));
  const fileById = new Map(requestFiles.map((a) => [a.id, a]));
  return views.map((v) => {
    if (v.kind === "person") return { ...v, person: typeof v.value === "string" ? (personById.get(v.value) ?? null) : null };
    if (v.kind === "file") {
      const ids = Array.isArray(v.value) ? v.value : [];
      return { ...v, files: ids.flatMap((id) => (typeof id === "string" && fileById.has(id) ? [fileById.get(id)!] : [])) };
    }
    return v;
  });
}

/** "safetyRisk" and "safety_risk" read "Safety risk". */
function readableKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : key;
}

/** The answers transfers recorded, by field key, the latest first: how each read before it moved. */
function formerAnswers(timeline: TimelineItem[]): Map<string, { label: string; value: string }> {
  const former = new Map<string, { label: string; value: string }>();
  for (const item of timeline) {
    if (item.kind !== "event" || item.event?.type !== "transferred") continue;
    for (const f of item.event.from.fields ?? []) if (f.key) former.set(f.key, { label: f.label, value: f.value });
  }
  return former;
}

function safeFields(raw: unknown): FieldDefinition[] {
  try {
    return parseFieldDefinitions(raw);
  } catch {
    return [];
  }
}
