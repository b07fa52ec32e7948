import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse";
import { priorities, queueFilterSchema, type ParsedQueueFilter, type PriorityLevel, type QueueFilter, type QueueSort, type Status } from "@/lib/validation/requests";
import { slaBadges } from "@/lib/service-levels/sla-badges";
import { applyView } from "./queue-views";
import { requestColumns, requestVisibleSql } from "./request-policy";
import { queueDepartment, type Department } from "./queue-department";
import { findSavedQueueView } from "./saved-queue-views";
import { formatReference, parseReference } from "./reference";
import { openStatusesSql } from "./statuses";

const PAGE = 50;

/** One row of a page in its order, with the values the next page's cursor starts after. */
type Key = { id: string; createdAt?: Date; priority?: PriorityLevel; dueAt?: Date };
type Cursor =
  | { sort: "newest" | "oldest"; createdAt: Date; id: string }
  | { sort: "priority"; priority: PriorityLevel; createdAt: Date; id: string }
  | { sort: "due"; phase: "due"; dueAt: Date; id: string }
  | { sort: "due"; phase: "rest"; createdAt: Date; id: string };

/**
 * A department's queue for its agents: saved views, filters and four orders, every one paged by
 * keyset on an index (see the migrations' queue indexes), so the next page costs the same on a
 * million requests as the first:
 * - newest / oldest: (createdAt, id);
 * - priority: (priority desc, createdAt, id): most urgent first, oldest first within a priority;
 * - due: the request's running SLA clock due soonest, (dueAt, requestId) over the clocks index;
 *   then the requests without a running clock (paused, no SLA, done), newest first.
 */
export async function listQueue(options: { actor: Actor; departmentKey: string; filter?: QueueFilter; pageSize?: number; now?: Date }) {
  const { actor } = options;
  const department = await queueDepartment(actor, options.departmentKey);
  const raw = options.filter ?? {};
  // A saved view fills in what the link does not say, as a built-in one does; one the actor may not
  // see (another agent's private view, another department's) is refused like a bad filter value.
  // (Its id is checked first: it reaches the database before the rest of the filter is parsed.)
  const savedId = parseInput(queueFilterSchema.pick({ saved: true }), { saved: raw.saved }).saved;
  const saved = savedId ? await findSavedQueueView({ actor, departmentId: department.id, viewId: savedId }) : null;
  if (savedId && !saved) throw new AppError("INVALID_INPUT", "This saved view does not exist or is not shared with you.", { saved: ["This saved view does not exist or is not shared with you."] });
  const filter = parseInput(queueFilterSchema, applyView(raw, saved?.filter));

  const pageSize = options.pageSize ?? PAGE;
  const now = options.now ?? new Date();
  const where = Prisma.join(conditions({ filter, actor, department, now }), " AND ");
  const cursor = decodeCursor(filter.cursor, filter.sort);
  const keys = await pageKeys({ sort: filter.sort, where, cursor, department, limit: pageSize + 1 });

  const page = keys.slice(0, pageSize);
  const rows = page.length ? await queueRows(department.id, page.map((k) => k.id)) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = page.flatMap((k) => byId.get(k.id) ?? []);
  const badges = await slaBadges(department.id, ordered.map((r) => r.id), now);
  const last = page.at(-1);
  return {
    department,
    filter,
    rows: ordered.map((r) => ({ ...r, reference: formatReference(department.key, r.number), sla: badges.get(r.id) })),
    nextCursor: keys.length > pageSize && last ? encodeCursor(filter.sort, last) : null,
  };
}

type QueueRow = {
  id: string;
  number: number;
  title: string;
  status: Status;
  approvalState: "PENDING" | "APPROVED" | "REJECTED" | null;
  priority: PriorityLevel;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  tags: string[];
  typeName: string;
  requesterName: string;
  requesterDepartmentName: string;
  assigneeId: string | null;
  assigneeName: string | null;
  teamName: string | null;
};

/** The rows of a page of the queue, by id (one statement with their names, not a Prisma query per relation). */
async function queueRows(departmentId: string, ids: string[]) {
  const rows = await sql().$queryRaw<QueueRow[]>`
    SELECT r.id, r.number, r.title, r.status::text AS status, r."approvalState"::text AS "approvalState", r.priority::text AS priority,
           r.version, r."createdAt", r."updatedAt", r.tags, t.name AS "typeName", rq.name AS "requesterName", rd.name AS "requesterDepartmentName",
           a.id AS "assigneeId", a.name AS "assigneeName", tm.name AS "teamName"
      FROM "Request" r
      JOIN "RequestType" t ON t.id = r."typeId"
      JOIN "Person" rq ON rq.id = r."requesterId"
      JOIN "Department" rd ON rd.id = r."requesterDepartmentId"
      LEFT JOIN "Person" a ON a.id = r."assigneeId"
      LEFT JOIN "Team" tm ON tm.id = r."teamId"
     WHERE r.id = ANY(${ids}::text[]) AND r."departmentId" = ${departmentId}`;
  return rows.map(({ typeName, requesterName, requesterDepartmentName, assigneeId, assigneeName, teamName, ...r }) => ({
    ...r,
    type: { name: typeName },
    requester: { name: requesterName },
    requesterDepartment: { name: requesterDepartmentName },
    assignee: assigneeId ? { id: assigneeId, name: assigneeName ?? "" } : null,
    team: teamName === null ? null : { name: teamName },
  }));
}

const ACTIVE = Prisma.sql`r.status IN (${Prisma.raw(openStatusesSql)})`;
const ts = (d: Date) => Prisma.sql`${d.toISOString()}::timestamp(3)`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The filters as SQL on the request (alias r); every query of the queue (page and CSV export) starts
 * from these, and with the request policy's own scope: the queue never lists what the policy hides.
 */
function conditions(options: { filter: ParsedQueueFilter; actor: Actor; department: Department; now: Date }): Prisma.Sql[] {
  const { filter, actor, department, now } = options;
  const where = [Prisma.sql`r."departmentId" = ${department.id}`, requestVisibleSql(actor, requestColumns("r"))];
  if (filter.status === "ACTIVE") where.push(ACTIVE);
  else if (filter.status !== "ALL") where.push(Prisma.sql`r.status = ${filter.status}::"RequestStatus"`);
  if (filter.priority) where.push(Prisma.sql`r.priority = ${filter.priority}::"Priority"`);
  if (filter.type) where.push(Prisma.sql`r."typeId" = ${filter.type}`);
  if (filter.assignee === "me") where.push(Prisma.sql`r."assigneeId" = ${actor.id}`);
  else if (filter.assignee === "none") where.push(Prisma.sql`r."assigneeId" IS NULL`);
  else if (filter.assignee && filter.assignee !== "any") where.push(Prisma.sql`r."assigneeId" = ${filter.assignee}`);
  if (filter.team === "none") where.push(Prisma.sql`r."teamId" IS NULL`);
  else if (filter.team) where.push(Prisma.sql`r."teamId" = ${filter.team}`);
  if (filter.from) where.push(Prisma.sql`r."requesterDepartmentId" = ${filter.from}`);
  if (filter.tag) where.push(Prisma.sql`r.tags @> ARRAY[${filter.tag}]::text[]`);
  if (filter.q) {
    const ref = parseReference(filter.q);
    where.push(ref && ref.departmentKey === department.key ? Prisma.sql`r.number = ${ref.number}` : Prisma.sql`r.title ILIKE ${`%${escapeLike(filter.q)}%`}`);
  }
  if (filter.sla) {
    // The same precedence as the badge (lib/service-levels/sla-badges.ts): an open breached clock,
    // else a running one (amber past 75 % of its target), else a paused one.
    const clock = (condition: Prisma.Sql) =>
      Prisma.sql`EXISTS (SELECT 1 FROM "SlaClock" k WHERE k."requestId" = r.id AND k.segment = 0 AND k."stoppedAt" IS NULL AND ${condition})`;
    const breached = clock(Prisma.sql`(k."breachedAt" IS NOT NULL OR (NOT k.paused AND k."dueAt" <= ${ts(now)}))`);
    const soon = clock(Prisma.sql`NOT k.paused AND COALESCE(k."warnAt75", k."dueAt") <= ${ts(now)}`);
    const running = clock(Prisma.sql`NOT k.paused`);
    const any = clock(Prisma.sql`TRUE`);
    const state = {
      breached: [breached],
      due_soon: [Prisma.sql`NOT ${breached}`, soon],
      on_track: [Prisma.sql`NOT ${breached}`, Prisma.sql`NOT ${soon}`, running],
      paused: [Prisma.sql`NOT ${breached}`, Prisma.sql`NOT ${running}`, any],
      none: [Prisma.sql`NOT ${any}`],
    }[filter.sla];
    where.push(...state);
  }
  return where;
}

async function pageKeys(options: { sort: QueueSort; where: Prisma.Sql; cursor: Cursor | null; department: Department; limit: number }): Promise<Key[]> {
  const { sort, where, cursor, department, limit } = options;
  if (sort === "newest" || sort === "oldest") {
    const after = cursor && "createdAt" in cursor ? cursor : null;
    const desc = sort === "newest";
    return sql().$queryRaw<Key[]>`
      SELECT r.id, r."createdAt" FROM "Request" r
       WHERE ${where} ${after ? (desc ? Prisma.sql`AND (r."createdAt", r.id) < (${ts(after.createdAt)}, ${after.id})` : Prisma.sql`AND (r."createdAt", r.id) > (${ts(after.createdAt)}, ${after.id})`) : Prisma.empty}
       ORDER BY ${desc ? Prisma.sql`r."createdAt" DESC, r.id DESC` : Prisma.sql`r."createdAt", r.id`}
       LIMIT ${limit}`;
  }
  if (sort === "priority") {
    const columns = Prisma.sql`r.id, r.priority::text AS priority, r."createdAt", array_position(enum_range(NULL::"Priority"), r.priority) AS rank`;
    if (!cursor || cursor.sort !== "priority") {
      return sql().$queryRaw<Key[]>`SELECT ${columns} FROM "Request" r WHERE ${where} ORDER BY r.priority DESC, r."createdAt", r.id LIMIT ${limit}`;
    }
    // Mixed directions defeat a row comparison, so the rest of the cursor's priority and the lower
    // priorities are two index range scans, merged.
    return sql().$queryRaw<Key[]>`
      (SELECT ${columns} FROM "Request" r
        WHERE ${where} AND r.priority = ${cursor.priority}::"Priority" AND (r."createdAt", r.id) > (${ts(cursor.createdAt)}, ${cursor.id})
        ORDER BY r."createdAt", r.id LIMIT ${limit})
      UNION ALL
      (SELECT ${columns} FROM "Request" r
        WHERE ${where} AND r.priority < ${cursor.priority}::"Priority"
        ORDER BY r.priority DESC, r."createdAt", r.id LIMIT ${limit})
      ORDER BY rank DESC, "createdAt", id LIMIT ${limit}`;
  }

  // Due soonest. A request's place is its running requester-facing clock (segment 0, as the badge)
  // due first (ties by clock id), so each request appears once. The request filters sit behind OFFSET 0 so that the planner walks the
  // clocks index in order instead of joining every open clock and sorting.
  const running = Prisma.sql`k."departmentId" = ${department.id} AND k.segment = 0 AND k."stoppedAt" IS NULL AND k.paused = false AND k."dueAt" IS NOT NULL`;
  const keys: Key[] = [];
  if (!cursor || cursor.sort !== "due" || cursor.phase === "due") {
    const after = cursor?.sort === "due" && cursor.phase === "due" ? cursor : null;
    const due = await sql().$queryRaw<{ id: string; dueAt: Date }[]>`
      SELECT c."requestId" AS id, c."dueAt" FROM "SlaClock" c
       WHERE c."departmentId" = ${department.id} AND c."stoppedAt" IS NULL AND c.paused = false AND c."dueAt" IS NOT NULL AND c.segment = 0
         ${after ? Prisma.sql`AND (c."dueAt", c."requestId") > (${ts(after.dueAt)}, ${after.id})` : Prisma.empty}
         AND NOT EXISTS (SELECT 1 FROM "SlaClock" k WHERE k."requestId" = c."requestId" AND ${running} AND (k."dueAt", k.id) < (c."dueAt", c.id))
         AND EXISTS (SELECT 1 FROM "Request" r WHERE r.id = c."requestId" AND ${where} OFFSET 0)
       ORDER BY c."stoppedAt", c.paused, c."dueAt", c."requestId"
       LIMIT ${limit}`;
    keys.push(...due);
    if (keys.length >= limit) return keys;
  }
  const after = cursor?.sort === "due" && cursor.phase === "rest" ? cursor : null;
  const rest = await sql().$queryRaw<{ id: string; createdAt: Date }[]>`
    SELECT r.id, r."createdAt" FROM "Request" r
     WHERE ${where} AND NOT EXISTS (SELECT 1 FROM "SlaClock" k WHERE k."requestId" = r.id AND ${running})
       ${after ? Prisma.sql`AND (r."createdAt", r.id) < (${ts(after.createdAt)}, ${after.id})` : Prisma.empty}
     ORDER BY r."createdAt" DESC, r.id DESC
     LIMIT ${limit - keys.length}`;
  return [...keys, ...rest];
}

/** Exported for the API's "my requests", which pages newest first with the same cursor. */
export function encodeCursor(sort: QueueSort, last: Key): string {
  const parts =
    sort === "priority"
      ? [sort, last.priority, last.createdAt!.toISOString(), last.id]
      : sort === "due"
        ? last.dueAt
          ? [sort, "due", last.dueAt.toISOString(), last.id]
          : [sort, "rest", last.createdAt!.toISOString(), last.id]
        : [sort, last.createdAt!.toISOString(), last.id];
  return Buffer.from(parts.join("|")).toString("base64url");
}

const instant = (s: string | undefined) => {
  const d = new Date(s ?? "");
  const year = d.getUTCFullYear();
  return !Number.isNaN(d.getTime()) && year >= 1970 && year <= 9999 ? d : null;
};

/** A cursor of another order, or a tampered or truncated one, starts from the first page rather than failing. */
export function decodeCursor(cursor: string | undefined, sort: QueueSort): Cursor | null {
  if (!cursor) return null;
  const parts = Buffer.from(cursor, "base64url").toString().split("|");
  const id = parts.at(-1);
  if (parts[0] !== sort || !id || id.length > 64) return null;
  if ((sort === "newest" || sort === "oldest") && parts.length === 3) {
    const createdAt = instant(parts[1]);
    return createdAt ? { sort, createdAt, id } : null;
  }
  if (sort === "priority" && parts.length === 4) {
    const priority = priorities.find((p) => p === parts[1]);
    const createdAt = instant(parts[2]);
    return priority && createdAt ? { sort, priority, createdAt, id } : null;
  }
  if (sort === "due" && parts.length === 4) {
    const at = instant(parts[2]);
    if (!at) return null;
    if (parts[1] === "due") return { sort, phase: "due", dueAt: at, id };
    if (parts[1] === "rest") return { sort, phase: "rest", createdAt: at, id };
  }
  return null;
}

/** What the queue's filter form offers: the department's types, teams and agents, and every department. */
export async function queueFilterOptions(departmentId: string) {
  type Named = { id: string; name: string }[];
  const [row] = await sql().$queryRaw<{ types: Named; teams: Named; departments: Named }[]>`
    SELECT COALESCE((SELECT json_agg(json_build_object('id', id, 'name', name) ORDER BY "sortOrder", name, id) FROM "RequestType" WHERE "departmentId" = ${departmentId}), '[]') AS types,
           COALESCE((SELECT json_agg(json_build_object('id', id, 'name', name) ORDER BY name, id) FROM "Team" WHERE "departmentId" = ${departmentId}), '[]') AS teams,
           COALESCE((SELECT json_agg(json_build_object('id', id, 'name', name) ORDER BY name, id) FROM "Department"), '[]') AS departments`;
  return { types: row?.types ?? [], teams: row?.teams ?? [], departments: row?.departments ?? [] };
}

/** The departments whose queues the actor works, for navigation. */
export async function myQueues(actor: Actor) {
  if (actor.agentOf.length === 0) return [];
  return sql().$queryRaw<{ id: string; key: string; name: string }[]>`
    SELECT id, key, name FROM "Department" WHERE id = ANY(${actor.agentOf}::text[]) ORDER BY name, id`;
}
