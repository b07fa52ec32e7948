import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
import { Prisma, type ApprovalState } from "@/lib/generated/prisma/client";
import type { Status } from "@/lib/validation/requests";
import { slaExpectation, type ExpectationClock } from "@/lib/sla/expectation";
import { formatReference } from "./reference";
import { ownRequestsSql, requestColumns } from "./request-policy";
import { openStatuses } from "./statuses";

const PAGE = 50;

type MyRequestRow = {
  id: string;
  number: number;
  title: string;
  status: Status;
  approvalState: ApprovalState | null;
  requesterId: string;
  requesterName: string;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  closedAt: Date | null;
  departmentKey: string;
  departmentName: string;
  departmentTimeZone: string;
  typeName: string;
  assigneeName: string | null;
};

/** "Most recently changed first" keyset: (updatedAt, id), both descending. */
const encodeAfter = (row: { updatedAt: Date; id: string }) => Buffer.from(`updated|${row.updatedAt.toISOString()}|${row.id}`).toString("base64url");
function decodeAfter(cursor: string | undefined): { updatedAt: Date; id: string } | null {
  if (!cursor || cursor.length > 200) return null;
  const [kind, at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const updatedAt = new Date(at ?? "");
  // A tampered or foreign cursor starts again at the first page rather than failing.
  return kind === "updated" && id && id.length <= 64 && !Number.isNaN(updatedAt.getTime()) ? { updatedAt, id } : null;
}

/**
 * The requests a person filed and those they watch (as the request policy lets them see them), most recently changed first, each with what
 * they may expect of it in plain words (lib/sla/expectation.ts) from its requester-facing clocks. One page of 50 at a time: `after` is
 * the previous page's `nextCursor`.
 */
export async function listMyRequests(options: {
  actor: Actor;
  show?: "open" | "all";
  after?: string;
  /** The reader's zone for the expectation's times; without it, each providing department's. */
  timeZone?: string;
  now?: Date;
}) {
  const { actor } = options;
  const after = decodeAfter(options.after);
  const r = requestColumns("r");
  // Two statements through lib/db/sql.ts (a requester's most visited page; Prisma's nested read took four, and its query compiler a
  // large part of the page's CPU): the page of requests with their names, then their requester-facing clocks.
  const found = await sql().$queryRaw<MyRequestRow[]>`
    SELECT r."id", r."number", r."title", r."status", r."approvalState", r."requesterId", rq."name" AS "requesterName", r."createdAt", r."updatedAt",
      r."resolvedAt", r."closedAt", d."key" AS "departmentKey", d."name" AS "departmentName", d."timeZone" AS "departmentTimeZone",
      t."name" AS "typeName", a."name" AS "assigneeName"
    FROM "Request" r
    JOIN "Person" rq ON rq."id" = r."requesterId"
    JOIN "Department" d ON d."id" = r."departmentId"
    JOIN "RequestType" t ON t."id" = r."typeId"
    LEFT JOIN "Person" a ON a."id" = r."assigneeId"
    WHERE ${ownRequestsSql(actor, r)}
      ${options.show === "all" ? Prisma.empty : Prisma.sql`AND r."status" = ANY(${[...openStatuses, "RESOLVED"]}::"RequestStatus"[])`}
      ${after ? Prisma.sql`AND (r."updatedAt", r."id") < (${after.updatedAt}::timestamp(3), ${after.id})` : Prisma.empty}
    ORDER BY r."updatedAt" DESC, r."id" DESC
    LIMIT ${PAGE + 1}`;
  const rows = found.slice(0, PAGE).map(({ requesterName, departmentKey, departmentName, departmentTimeZone, typeName, assigneeName, ...row }) => ({
    ...row,
    requester: { name: requesterName },
    department: { key: departmentKey, name: departmentName, timeZone: departmentTimeZone },
    type: { name: typeName },
    assignee: assigneeName === null ? null : { name: assigneeName },
  }));
  const last = rows.at(-1);
  const nextCursor = found.length > PAGE && last ? encodeAfter(last) : null;
  const clocks = rows.length
    ? await sql().$queryRaw<(ExpectationClock & { requestId: string })[]>`
        SELECT "requestId", "metric", "cycle", "state", "paused", "dueAt", "stoppedAt", "breachedAt" FROM "SlaClock"
        WHERE "requestId" = ANY(${rows.map((row) => row.id)}::text[]) AND "segment" = 0`
    : [];
  const byRequest = new Map<string, typeof clocks>();
  for (const c of clocks) byRequest.set(c.requestId, [...(byRequest.get(c.requestId) ?? []), c]);
  const now = options.now ?? new Date();
  const page = rows.map((r) => ({
    ...r,
    reference: formatReference(r.department.key, r.number),
    watching: r.requesterId !== actor.id,
    expectation: slaExpectation({ status: r.status, resolvedAt: r.resolvedAt, closedAt: r.closedAt, clocks: byRequest.get(r.id) ?? [],
      timeZone: options.timeZone ?? r.department.timeZone,
      departmentTimeZone: r.department.timeZone,
      departmentName: r.department.name,
      reader: r.requesterId === actor.id ? { isRequester: true } : { isRequester: false, requesterName: r.requester.name },
      now,
    }),
  }));
  return { rows: page, nextCursor };
}
