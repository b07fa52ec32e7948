import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { slaExpectation } from "@/lib/sla/expectation";
import { formatReference } from "./reference";
import { ownRequests } from "./request-policy";
import { openStatuses } from "./statuses";

const PAGE = 50;

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
  const watched = await db().watcher.findMany({ where: { personId: actor.id }, select: { requestId: true } });
  const after = decodeAfter(options.after);
  const found = await db().request.findMany({
    where: {
      AND: [
        ownRequests(actor, watched.map((w) => w.requestId)),
        options.show === "all" ? {} : { status: { in: [...openStatuses, "RESOLVED"] } },
        after ? { OR: [{ updatedAt: { lt: after.updatedAt } }, { updatedAt: after.updatedAt, id: { lt: after.id } }] } : {},
      ],
    },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: PAGE + 1,
    select: {
      id: true,
      number: true,
      title: true,
      status: true,
      approvalState: true,
      requesterId: true,
      requester: { select: { name: true } },
      createdAt: true,
      updatedAt: true,
      resolvedAt: true,
      closedAt: true,
      department: { select: { key: true, name: true, timeZone: true } },
      type: { select: { name: true } },
      assignee: { select: { name: true } },
    },
  });
  const rows = found.slice(0, PAGE);
  const last = rows.at(-1);
  const nextCursor = found.length > PAGE && last ? encodeAfter(last) : null;
  const clocks = rows.length
    ? await db().slaClock.findMany({
        where: { requestId: { in: rows.map((r) => r.id) }, segment: 0 },
        select: { requestId: true, metric: true, cycle: true, state: true, paused: true, dueAt: true, stoppedAt: true, breachedAt: true },
      })
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
