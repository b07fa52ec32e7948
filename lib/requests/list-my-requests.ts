import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { slaExpectation } from "@/lib/sla/expectation";
import { formatReference } from "./reference";
import { ownRequests } from "./request-policy";
import { openStatuses } from "./statuses";

/**
 * The requests a person filed and those they watch (as the request policy lets them see them), most recently changed first, each with what
 * they may expect of it in plain words (lib/sla/expectation.ts) from its requester-facing clocks.
 */
export async function listMyRequests(options: {
  actor: Actor;
  show?: "open" | "all";
  /** The reader's zone for the expectation's times; without it, each providing department's. */
  timeZone?: string;
  now?: Date;
}) {
  const { actor } = options;
  const watched = await db().watcher.findMany({ where: { personId: actor.id }, select: { requestId: true } });
  const rows = await db().request.findMany({
    where: {
      ...ownRequests(actor, watched.map((w) => w.requestId)),
      ...(options.show === "all" ? {} : { status: { in: [...openStatuses, "RESOLVED"] } }),
    },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: 200,
    select: {
      id: true,
      number: true,
      title: true,
      status: true,
      requesterId: true,
      createdAt: true,
      updatedAt: true,
      resolvedAt: true,
      closedAt: true,
      department: { select: { key: true, name: true, timeZone: true } },
      type: { select: { name: true } },
      assignee: { select: { name: true } },
    },
  });
  const clocks = rows.length
    ? await db().slaClock.findMany({
        where: { requestId: { in: rows.map((r) => r.id) }, segment: 0 },
        select: { requestId: true, metric: true, cycle: true, state: true, paused: true, dueAt: true, stoppedAt: true, breachedAt: true },
      })
    : [];
  const byRequest = new Map<string, typeof clocks>();
  for (const c of clocks) byRequest.set(c.requestId, [...(byRequest.get(c.requestId) ?? []), c]);
  const now = options.now ?? new Date();
  return rows.map((r) => ({
    ...r,
    reference: formatReference(r.department.key, r.number),
    watching: r.requesterId !== actor.id,
    expectation: slaExpectation({ status: r.status, resolvedAt: r.resolvedAt, closedAt: r.closedAt, clocks: byRequest.get(r.id) ?? [],
      timeZone: options.timeZone ?? r.department.timeZone,
      departmentTimeZone: r.department.timeZone,
      departmentName: r.department.name,
      now,
    }),
  }));
}
