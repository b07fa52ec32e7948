import "server-only";
import type { Sql } from "@/lib/db/sql";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PriorityLevel, Status } from "@/lib/validation/requests";
import { staleVersion, type WrittenEvent } from "./load-for-change";
import { rowInserts, type SideRows } from "./write-filing";

export type ChangeRows = SideRows & {
  requestId: string;
  /** The version the change read under the row lock: the update applies only to it. */
  version: number;
  /** Whether the change bumps the version (a field changed), or only touches updatedAt (a plain reply). */
  bump: boolean;
  /** The fields set; a missing one keeps its value. */
  set: { status?: Status; priority?: PriorityLevel; assigneeId?: string | null; resolvedAt?: Date | null; closedAt?: Date | null };
  /** A comment written with the change (when it carries files, the caller wrote it first: they point at it). */
  comment?: { id: string; departmentId: string; authorId: string; body: string; visibility: "PUBLIC" | "INTERNAL"; submissionKey: string | null };
  /** Oldest first: their ids ascend in this order. */
  events: Prisma.RequestEventCreateManyInput[];
  at: Date;
};

/** Events a change is about to write, as its clocks read them (with the rest of the history). */
export const stamped = (events: readonly Prisma.RequestEventCreateManyInput[], at: Date) =>
  events.map((e) => ({ type: e.type, createdAt: at, actorId: e.actorId ?? null, from: (e.from ?? null) as Prisma.JsonValue, to: (e.to ?? null) as Prisma.JsonValue }));

const has = (value: unknown) => value !== undefined;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * A change of a request (a reply, a status or priority change) written by one statement inside the
 * change's transaction, which holds the request's row lock (loadForChange): the request's row, the
 * comment, the events, all the request's SLA clocks (replacing those stored), notifications and
 * emails. Webhook outbox and automation hand-off follow from the events by the database's triggers,
 * as for any event. Returns the events as written (ids, for the answer). A comment whose submission
 * key is taken fails with PostgreSQL's unique violation (23505), as Prisma's create would.
 */
export async function writeChange(tx: Pick<Sql, "$queryRaw">, rows: ChangeRows): Promise<WrittenEvent[]> {
  const at = rows.at.toISOString();
  const { set, comment } = rows;
  const events = rows.events.map((e, n) => ({ n, actorId: e.actorId ?? null, type: e.type, from: e.from ?? null, to: e.to ?? null }));
  const result = await tx.$queryRaw<{ events: { id: number | string; type: string; from: Prisma.JsonValue; to: Prisma.JsonValue; actorId: string | null }[] | null }[]>`
    WITH req AS (
      UPDATE "Request" SET
        "status" = CASE WHEN ${has(set.status)}::boolean THEN ${set.status ?? null}::text::"RequestStatus" ELSE "status" END,
        "priority" = CASE WHEN ${has(set.priority)}::boolean THEN ${set.priority ?? null}::text::"Priority" ELSE "priority" END,
        "assigneeId" = CASE WHEN ${has(set.assigneeId)}::boolean THEN ${set.assigneeId ?? null}::text ELSE "assigneeId" END,
        "resolvedAt" = CASE WHEN ${has(set.resolvedAt)}::boolean THEN ${iso(set.resolvedAt)}::timestamp ELSE "resolvedAt" END,
        "closedAt" = CASE WHEN ${has(set.closedAt)}::boolean THEN ${iso(set.closedAt)}::timestamp ELSE "closedAt" END,
        "updatedAt" = ${at}::timestamp,
        "version" = "version" + ${rows.bump ? 1 : 0}::int
       WHERE "id" = ${rows.requestId} AND "version" = ${rows.version}::int
      RETURNING "id"
    ), comment AS (
      INSERT INTO "Comment" ("id", "requestId", "departmentId", "authorId", "body", "visibility", "submissionKey", "createdAt")
      SELECT ${comment?.id ?? null}::text, req.id, ${comment?.departmentId ?? null}::text, ${comment?.authorId ?? null}::text, ${comment?.body ?? null}::text,
             ${comment?.visibility ?? null}::text::"CommentVisibility", ${comment?.submissionKey ?? null}::text, ${at}::timestamp
        FROM req WHERE ${comment !== undefined}::boolean
      RETURNING "id"
    ), events AS (
      INSERT INTO "RequestEvent" ("requestId", "actorId", "type", "from", "to", "createdAt")
      SELECT req.id, e."actorId", e.type, e."from", e."to", ${at}::timestamp
        FROM req, jsonb_to_recordset(${JSON.stringify(events)}::jsonb) AS e(n int, "actorId" text, "type" text, "from" jsonb, "to" jsonb)
       ORDER BY e.n
      RETURNING "id", "type", "from", "to", "actorId"
    ), replaced AS (
      DELETE FROM "SlaClock" WHERE "requestId" = (SELECT id FROM req) RETURNING 1
    ), ${rowInserts("req", rows, at, "replaced")}
    SELECT (SELECT json_agg(json_build_object('id', id, 'type', type, 'from', "from", 'to', "to", 'actorId', "actorId") ORDER BY id) FROM events) AS events
      FROM req`;
  const row = result[0];
  if (!row) throw staleVersion();
  return (row.events ?? []).map((e) => ({ ...e, id: BigInt(e.id), createdAt: rows.at }));
}
