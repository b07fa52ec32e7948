import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db/create-client";
import type { Sql } from "@/lib/db/sql";
import { AppError, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PriorityLevel, Status } from "@/lib/validation/requests";
import type { AttachmentSummary } from "./get-request";
import type { HeldRecipient } from "@/lib/notifications/notify";
import type { PolicyRow } from "@/lib/service-levels/policies";
import { internalVisibleSql, mayReadSql, requestColumns, requestVisibleSql, type RequestFacts } from "./request-policy";

type Person = { id: string; name: string };

/**
 * What a change holds of its request beyond the facts it checks, read in the same statement that
 * locks it (`history: true`): enough to refresh its clocks, tell people about it and answer an API
 * caller with the request as it now is, without reading it again. Comments, files and the flag
 * `seesInternal` are as the actor may read them (the request policy's SQL).
 */
export type HeldRequest = {
  number: number;
  title: string;
  description: string;
  createdAt: Date;
  updatedAt: Date;
  fieldValues: Prisma.JsonValue;
  department: { id: string; key: string; name: string };
  type: { id: string; name: string; fields: Prisma.JsonValue };
  requester: { id: string; name: string; email: string };
  assignee: Person | null;
  teamId: string | null;
  team: { name: string } | null;
  watchers: Person[];
  /** Every event, oldest first (the clocks read them all; an answer shows those the actor may read). */
  events: { id: string; type: string; from: Prisma.JsonValue; to: Prisma.JsonValue; createdAt: Date; actorId: string | null; actor: Person | null }[];
  comments: { id: string; body: string; visibility: "PUBLIC" | "INTERNAL"; createdAt: Date; author: Person; attachments: AttachmentSummary[] }[];
  /** Files attached to the request itself (not to a comment). */
  requestFiles: AttachmentSummary[];
  /** Whoever holds an agent or head role in the department (the clocks' judge of who answered as the provider). */
  agentIds: string[];
  /** The active ones among them (a comment's "by staff"). */
  staffIds: string[];
  seesInternal: boolean;
  /** The active SLA policies of the department holding it, in order, with their calendars. */
  policies: PolicyRow[];
  /**
   * Who may be told about the change, as notify() would read them: its requester, assignee and
   * followers, and the people `audienceIds` names (a new assignee, those a reply mentions).
   */
  audience: HeldRecipient[];
};

type Row = {
  id: string;
  status: Status;
  priority: PriorityLevel;
  assigneeId: string | null;
  version: number;
  resolvedAt: Date | null;
  departmentId: string;
  requesterId: string;
  approvalState: RequestFacts["approvalState"];
  isWatcher: boolean;
  isApprover: boolean;
  held:
    | (Omit<HeldRequest, "createdAt" | "updatedAt" | "events" | "comments" | "policies"> & {
        createdAt: string;
        updatedAt: string;
        events: RawEvent[];
        comments: RawComment[];
        policies: (Omit<PolicyRow, "calendar"> & { calendar: { id: string; updatedAt: string; definition: unknown } })[];
      })
    | null;
};
type RawEvent = Omit<HeldRequest["events"][number], "createdAt" | "id"> & { id: number | string; createdAt: string };
type RawComment = Omit<HeldRequest["comments"][number], "createdAt"> & { createdAt: string };

// JSON of timestamp columns is written without a zone; they are UTC, as Prisma stores them.
const utc = (text: string) => new Date(text.endsWith("Z") ? text : `${text}Z`);

/**
 * Locks a request and loads it if the actor may see it, or NOT_FOUND; checks the version the actor's
 * form was built on. Two statements: the row lock, then (in a snapshot taken after the lock, so a
 * change that held the lock before is seen whole) the facts the policy judges the actor on, whether
 * they follow it or are asked to approve it, and with `history` what the change holds (HeldRequest).
 * Changes of one request run one after the other behind the lock: each transaction's clock refresh
 * then reads every event committed before it, and stored clocks equal a recomputation even when a
 * reply and a status change land at the same moment.
 */
export async function loadForChange(
  tx: Pick<Sql, "$queryRaw">,
  actor: Actor,
  requestId: string,
  expectedVersion?: number,
  /** `locked`: the transaction opened with lockForChange(requestId) (sqlTransaction's `opening`, one round trip with its BEGIN). */
  options: { history?: boolean; audienceIds?: string[]; locked?: boolean } = {},
) {
  const r = requestColumns("r");
  const held = options.history
    ? Prisma.sql`json_build_object(
        'number', r.number, 'title', r.title, 'description', r.description, 'createdAt', r."createdAt", 'updatedAt', r."updatedAt",
        'fieldValues', r."fieldValues", 'teamId', r."teamId", 'team', (SELECT json_build_object('name', tm.name) FROM "Team" tm WHERE tm.id = r."teamId"),
        'department', (SELECT json_build_object('id', d.id, 'key', d.key, 'name', d.name) FROM "Department" d WHERE d.id = r."departmentId"),
        'type', (SELECT json_build_object('id', t.id, 'name', t.name, 'fields', t.fields) FROM "RequestType" t WHERE t.id = r."typeId"),
        'requester', (SELECT json_build_object('id', p.id, 'name', p.name, 'email', p.email) FROM "Person" p WHERE p.id = r."requesterId"),
        'assignee', (SELECT json_build_object('id', p.id, 'name', p.name) FROM "Person" p WHERE p.id = r."assigneeId"),
        'watchers', COALESCE((SELECT json_agg(json_build_object('id', p.id, 'name', p.name) ORDER BY w."createdAt", p.id)
                               FROM "Watcher" w JOIN "Person" p ON p.id = w."personId" WHERE w."requestId" = r.id), '[]'),
        'events', COALESCE((SELECT json_agg(json_build_object('id', e.id, 'type', e.type, 'from', e."from", 'to', e."to", 'createdAt', e."createdAt", 'actorId', e."actorId",
                                   'actor', CASE WHEN p.id IS NULL THEN NULL ELSE json_build_object('id', p.id, 'name', p.name) END) ORDER BY e.id)
                              FROM "RequestEvent" e LEFT JOIN "Person" p ON p.id = e."actorId" WHERE e."requestId" = r.id), '[]'),
        'comments', COALESCE((SELECT json_agg(json_build_object('id', c.id, 'body', c.body, 'visibility', c.visibility, 'createdAt', c."createdAt",
                                     'author', json_build_object('id', p.id, 'name', p.name),
                                     'attachments', COALESCE((SELECT json_agg(json_build_object('id', a.id, 'fileName', a."fileName", 'contentType', a."contentType", 'size', a.size)
                                                                     ORDER BY a."createdAt", a.id) FROM "Attachment" a WHERE a."commentId" = c.id), '[]')) ORDER BY c."createdAt", c.id)
                                FROM "Comment" c JOIN "Person" p ON p.id = c."authorId" WHERE c."requestId" = r.id AND (c.visibility = 'PUBLIC' OR ${internalVisibleSql(actor, r)})), '[]'),
        'requestFiles', COALESCE((SELECT json_agg(json_build_object('id', a.id, 'fileName', a."fileName", 'contentType', a."contentType", 'size', a.size) ORDER BY a."createdAt", a.id)
                                    FROM "Attachment" a WHERE a."requestId" = r.id AND a."commentId" IS NULL), '[]'),
        'agentIds', COALESCE((SELECT json_agg(DISTINCT g."personId") FROM "RoleGrant" g WHERE g."departmentId" = r."departmentId" AND g.role IN ('AGENT', 'HEAD')), '[]'),
        'staffIds', COALESCE((SELECT json_agg(DISTINCT g."personId") FROM "RoleGrant" g JOIN "Person" p ON p.id = g."personId"
                               WHERE p.active AND g."departmentId" = r."departmentId" AND g.role IN ('AGENT', 'HEAD')), '[]'),
        'seesInternal', ${internalVisibleSql(actor, r)},
        'policies', COALESCE((SELECT json_agg(json_build_object('id', sp.id, 'name', sp.name, 'active', sp.active, 'requestTypeIds', sp."requestTypeIds",
                                     'priorities', sp.priorities, 'pauseStatuses', sp."pauseStatuses", 'firstResponseMinutes', sp."firstResponseMinutes",
                                     'resolutionMinutes', sp."resolutionMinutes", 'nextReplyMinutes', sp."nextReplyMinutes",
                                     'calendar', json_build_object('id', sc.id, 'updatedAt', sc."updatedAt", 'definition', sc.definition)) ORDER BY sp.position, sp."createdAt")
                                FROM "SlaPolicy" sp JOIN "SlaCalendar" sc ON sc.id = sp."calendarId" WHERE sp."departmentId" = r."departmentId" AND sp.active), '[]'),
        'audience', COALESCE((SELECT json_agg(json_build_object('id', p.id, 'email', p.email, 'timeZone', p."timeZone",
                                     'readsPublic', ${mayReadSql("p", r, { internal: false })}, 'readsInternal', ${mayReadSql("p", r, { internal: true })},
                                     'choices', COALESCE((SELECT json_object_agg(np.kind, json_build_object('inApp', np."inApp", 'email', np.email))
                                                            FROM "NotificationPreference" np WHERE np."personId" = p.id), '{}')))
                                FROM "Person" p
                               WHERE p.id = ANY(ARRAY[r."requesterId", r."assigneeId"] || ARRAY(SELECT w."personId" FROM "Watcher" w WHERE w."requestId" = r.id)
                                                || ${options.audienceIds ?? []}::text[])), '[]'))`
    : Prisma.sql`NULL::json`;
  // Not FOR UPDATE in the reading statement itself: its snapshot would predate a change it waited for.
  if (!options.locked) await tx.$queryRaw(lockForChange(requestId));
  const rows = await tx.$queryRaw<Row[]>`
    SELECT r.id, r.status::text AS status, r.priority::text AS priority, r."assigneeId", r.version, r."resolvedAt", r."departmentId", r."requesterId",
           r."approvalState"::text AS "approvalState",
           EXISTS (SELECT 1 FROM "Watcher" w WHERE w."requestId" = r.id AND w."personId" = ${actor.id}) AS "isWatcher",
           EXISTS (SELECT 1 FROM "ApprovalStep" s JOIN "Approver" a ON a."stepId" = s.id
                    WHERE s."requestId" = r.id AND s.state = 'PENDING' AND a."personId" = ${actor.id}) AS "isApprover",
           ${held} AS held
      FROM "Request" r
     WHERE r.id = ${requestId} AND ${requestVisibleSql(actor, r)}`;
  const row = rows[0];
  if (!row) throw notFound();
  if (expectedVersion !== undefined && expectedVersion !== row.version) throw staleVersion();
  const { held: raw, ...facts } = row;
  return {
    ...facts,
    history: raw
      ? ({
          ...raw,
          createdAt: utc(raw.createdAt),
          updatedAt: utc(raw.updatedAt),
          events: raw.events.map((e) => ({ ...e, id: String(e.id), createdAt: utc(e.createdAt) })),
          comments: raw.comments.map((c) => ({ ...c, createdAt: utc(c.createdAt) })),
          policies: raw.policies.map((p) => ({ ...p, calendar: { ...p.calendar, updatedAt: utc(p.calendar.updatedAt) } })),
        } satisfies HeldRequest)
      : null,
  };
}

/** The row lock a change of a request holds until it commits: loadForChange takes it, or the transaction opens with it. */
export const lockForChange = (requestId: string) => Prisma.sql`SELECT 1 FROM "Request" WHERE id = ${requestId} FOR UPDATE`;

/** What a change reads back of the events it writes (createManyAndReturn): for its clocks and its answer. */
export const writtenEventSelect = { id: true, type: true, from: true, to: true, createdAt: true, actorId: true } as const;
export type WrittenEvent = { id: bigint; type: string; from: Prisma.JsonValue; to: Prisma.JsonValue; createdAt: Date; actorId: string | null };

export const staleVersion = () =>
  new AppError("STALE_VERSION", "Someone else changed this request while you were looking at it. Reload to see their change, then try again.");

/** Bumps the version only if it is still the one read: a concurrent change makes this throw. */
export async function bumpVersion(tx: Tx, requestId: string, version: number, data: Record<string, unknown>) {
  const { count } = await tx.request.updateMany({ where: { id: requestId, version }, data: { ...data, version: { increment: 1 } } });
  if (count !== 1) throw staleVersion();
}
