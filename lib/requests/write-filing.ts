import "server-only";
import crypto from "node:crypto";
import { sql } from "@/lib/db/sql";
import { Prisma } from "@/lib/generated/prisma/client";

/** An id in the shape of Prisma's cuid() default (lowercase, starts with a letter), for rows written by raw SQL. */
export function newRowId(): string {
  return `c${Date.now().toString(36)}${crypto.randomBytes(10).toString("hex")}`.slice(0, 25);
}

type When = Date;
export type FilingRows = SideRows & {
  request: {
    id: string;
    departmentId: string;
    number: number;
    typeId: string;
    title: string;
    description: string;
    fieldValues: Prisma.InputJsonObject;
    priority: string;
    requesterId: string;
    requesterDepartmentId: string;
    teamId: string | null;
    submissionKey: string;
  };
  /** The created event's actor and payload. */
  event: { actorId: string; to: Prisma.InputJsonObject };
  /** An API Idempotency-Key to claim in the same statement: if it is taken, nothing is written. */
  claim?: { tokenId: string; key: string; bodyHash: string };
  at: When;
};

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** What a change writes beside its own rows: the request's SLA clocks (all of them, replacing those stored), notifications and emails. */
export type SideRows = {
  clocks: Prisma.SlaClockCreateManyInput[];
  notifications: { personId: string; kind: string; requestId?: string; title: string; body: string }[];
  emails: { personId: string; kind: string; requestId?: string; to: string; subject: string; text: string }[];
};

/**
 * The CTEs (to follow a `WITH ... ,`) that insert a change's clocks, notifications and emails for
 * the request id that CTE `source` returns (column id): nothing is written when it returns no row.
 * `replacedClocks`: the name of a CTE that deleted the request's stored clocks; the new ones are
 * inserted after it ran (it is read first), so the request's unique clock keys never collide.
 */
export function rowInserts(source: string, rows: SideRows, at: string, replacedClocks?: string): Prisma.Sql {
  const from = Prisma.raw(source);
  const after = replacedClocks ? Prisma.sql`, (SELECT count(*) FROM ${Prisma.raw(replacedClocks)}) AS replaced` : Prisma.empty;
  const clocks = rows.clocks.map((c) => ({
    id: newRowId(),
    departmentId: c.departmentId,
    segment: c.segment ?? 0,
    metric: c.metric,
    cycle: c.cycle,
    policyId: c.policyId,
    targetMinutes: c.targetMinutes,
    state: c.state,
    paused: c.paused,
    startedAt: iso(c.startedAt as Date),
    stoppedAt: iso(c.stoppedAt as Date | null),
    dueAt: iso(c.dueAt as Date | null),
    breachedAt: iso(c.breachedAt as Date | null),
    elapsedMinutes: c.elapsedMinutes,
    warnAt50: iso(c.warnAt50 as Date | null),
    warnAt75: iso(c.warnAt75 as Date | null),
    nextNoticeAt: iso(c.nextNoticeAt as Date | null),
  }));
  const notifications = rows.notifications.map((n) => ({ ...n, id: newRowId() }));
  const emails = rows.emails.map((e) => ({ ...e, id: newRowId() }));
  return Prisma.sql`clocks AS (
      INSERT INTO "SlaClock" ("id", "requestId", "departmentId", "segment", "metric", "cycle", "policyId", "targetMinutes", "state", "paused", "startedAt",
                              "stoppedAt", "dueAt", "breachedAt", "elapsedMinutes", "warnAt50", "warnAt75", "computedAt", "nextNoticeAt")
      SELECT c.id, ${from}.id, c."departmentId", c.segment, c.metric::"SlaMetric", c.cycle, c."policyId", c."targetMinutes", c.state::"SlaState", c.paused,
             c."startedAt", c."stoppedAt", c."dueAt", c."breachedAt", c."elapsedMinutes", c."warnAt50", c."warnAt75", ${at}::timestamp, c."nextNoticeAt"
        FROM ${from}${after}, jsonb_to_recordset(${JSON.stringify(clocks)}::jsonb) AS c("id" text, "departmentId" text, "segment" int, "metric" text, "cycle" int,
             "policyId" text, "targetMinutes" int, "state" text, "paused" boolean, "startedAt" timestamp, "stoppedAt" timestamp, "dueAt" timestamp,
             "breachedAt" timestamp, "elapsedMinutes" float8, "warnAt50" timestamp, "warnAt75" timestamp, "nextNoticeAt" timestamp)
    ), notices AS (
      INSERT INTO "Notification" ("id", "personId", "kind", "requestId", "title", "body", "createdAt")
      SELECT n.id, n."personId", n.kind, ${from}.id, n.title, n.body, ${at}::timestamp
        FROM ${from}, jsonb_to_recordset(${JSON.stringify(notifications)}::jsonb) AS n("id" text, "personId" text, "kind" text, "title" text, "body" text)
    ), mails AS (
      INSERT INTO "EmailDelivery" ("id", "personId", "kind", "requestId", "to", "subject", "text", "createdAt", "updatedAt")
      SELECT e.id, e."personId", e.kind, ${from}.id, e."to", e.subject, e.text, ${at}::timestamp, ${at}::timestamp
        FROM ${from}, jsonb_to_recordset(${JSON.stringify(emails)}::jsonb) AS e("id" text, "personId" text, "kind" text, "to" text, "subject" text, "text" text)
    )`;
}

/**
 * A new request with its created event, SLA clocks, notifications and emails (and the API caller's
 * idempotency claim) written by one statement: one round trip, atomic without a transaction. Used by
 * fileRequest when nothing else needs writing (no files, no assignment rule). `claimed` is false
 * when the claim was taken already: then nothing was written. A duplicate submission key fails with
 * PostgreSQL's unique violation (23505), as Prisma's create would.
 */
export async function writeFiling(rows: FilingRows): Promise<{ claimed: boolean; eventId: string | null }> {
  const r = rows.request;
  const at = rows.at.toISOString();
  const claim = rows.claim ?? null;
  const result = await sql({ prepared: true }).$queryRaw<{ claimed: boolean; eventId: bigint | null }[]>`
    WITH claim AS (
      INSERT INTO "ApiIdempotencyKey" ("tokenId", "key", "bodyHash", "createdAt")
      SELECT ${claim?.tokenId ?? null}::text, ${claim?.key ?? null}::text, ${claim?.bodyHash ?? null}::text, ${at}::timestamp WHERE ${claim !== null}::boolean
      ON CONFLICT DO NOTHING RETURNING 1
    ), go AS (
      SELECT 1 AS one WHERE NOT ${claim !== null}::boolean OR EXISTS (SELECT 1 FROM claim)
    ), request AS (
      INSERT INTO "Request" ("id", "departmentId", "number", "typeId", "title", "description", "fieldValues", "priority", "requesterId",
                             "requesterDepartmentId", "teamId", "submissionKey", "createdAt", "updatedAt")
      SELECT ${r.id}, ${r.departmentId}, ${r.number}::int, ${r.typeId}, ${r.title}, ${r.description}, ${JSON.stringify(r.fieldValues)}::jsonb,
             ${r.priority}::"Priority", ${r.requesterId}, ${r.requesterDepartmentId}, ${r.teamId}::text, ${r.submissionKey}, ${at}::timestamp, ${at}::timestamp
        FROM go
      RETURNING "id"
    ), event AS (
      INSERT INTO "RequestEvent" ("requestId", "actorId", "type", "to", "createdAt")
      SELECT request.id, ${rows.event.actorId}, 'created', ${JSON.stringify(rows.event.to)}::jsonb, ${at}::timestamp FROM request
      RETURNING "id"
    ), ${rowInserts("request", rows, at)}
    SELECT EXISTS (SELECT 1 FROM go) AS claimed, (SELECT id FROM event) AS "eventId"`;
  const row = result[0];
  return { claimed: Boolean(row?.claimed), eventId: row?.eventId === null || row?.eventId === undefined ? null : String(row.eventId) };
}
