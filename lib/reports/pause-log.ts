import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { readEvent } from "@/lib/requests/events";
import { formatReference, parseReference } from "@/lib/requests/reference";
import { mayOn, standingOf, standingSelect, visibleRequests } from "@/lib/requests/request-policy";
import { MS_PER_MINUTE } from "@/lib/sla/civil-date";
import { pauseReferenceSchema } from "@/lib/validation/reports";
import { FLAG_WINDOW_MINUTES, pauseStatusesSql } from "./pause-rule";

/** The statuses that pause a department's clocks (pause-rule.ts), sorted. */
async function pauseStatusesOf(departmentId: string): Promise<string[]> {
  const rows = await db().$queryRaw<{ status: string }[]>`SELECT unnest(${pauseStatusesSql(Prisma.sql`${departmentId}`)}) AS "status"`;
  return rows.map((r) => r.status).sort();
}

type Person = { id: string; name: string } | null;

export type PauseEntry = {
  eventId: string;
  pausedAt: Date;
  pausedBy: Person;
  fromStatus: string | null;
  status: string;
  /** When and by whom the request left the pause statuses; null while it still waits. */
  resumedAt: Date | null;
  resumedBy: Person;
  resumedTo: string | null;
  /** Wall-clock minutes paused (until now while still paused). */
  minutes: number;
  /** The requester's public reply that came within FLAG_WINDOW_MINUTES before this pause. */
  flag: { repliedAt: Date; minutesBefore: number } | null;
};

/**
 * Every pause and resume of one request, read from its event log, for agents of its department;
 * a pause that began right after the requester answered is flagged (DESIGN.md, SLA: pause).
 */
export async function pauseLog(options: { actor: Actor; reference: string; now?: Date }) {
  const { actor } = options;
  const parsed = pauseReferenceSchema.safeParse(options.reference);
  const ref = parsed.success ? parseReference(parsed.data) : null;
  if (!ref) throw notFound();
  const request = await db().request.findFirst({
    where: { AND: [{ number: ref.number, department: { key: ref.departmentKey } }, visibleRequests(actor)] },
    select: { id: true, number: true, title: true, status: true, department: { select: { key: true, name: true } }, ...standingSelect(actor) },
  });
  if (!request) throw notFound();
  if (!mayOn(actor, standingOf(request), "request.viewInternal")) {
    throw forbidden("Only agents of the department can see the pause log.");
  }

  const [pauseStatuses, events] = await Promise.all([
    pauseStatusesOf(request.departmentId),
    db().requestEvent.findMany({
      where: { requestId: request.id, type: { in: ["status_changed", "commented"] } },
      // Events can be written with explicit times (imports), so time orders them, the id breaks ties.
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, type: true, actorId: true, from: true, to: true, createdAt: true, actor: { select: { id: true, name: true } } },
    }),
  ]);
  const isPause = (status: unknown) => typeof status === "string" && pauseStatuses.includes(status);
  const now = options.now ?? new Date();
  const replies = events.filter((e) => isRequesterReply(e, request.requesterId)).map((e) => e.createdAt.getTime());

  const pauses: PauseEntry[] = [];
  let open: PauseEntry | null = null;
  for (const e of events) {
    const change = readEvent(e);
    if (change?.type !== "status_changed") continue;
    const from = change.from?.status ?? null;
    const to = change.to.status;
    if (!open && isPause(to) && !isPause(from)) {
      const at = e.createdAt.getTime();
      const reply = replies.filter((t) => t <= at && at - t <= FLAG_WINDOW_MINUTES * MS_PER_MINUTE).at(-1);
      open = {
        eventId: String(e.id),
        pausedAt: e.createdAt,
        pausedBy: e.actor,
        fromStatus: from,
        status: to,
        resumedAt: null,
        resumedBy: null,
        resumedTo: null,
        minutes: 0,
        flag: reply === undefined ? null : { repliedAt: new Date(reply), minutesBefore: Math.round(((at - reply) / MS_PER_MINUTE) * 10) / 10 },
      };
      pauses.push(open);
    } else if (open && !isPause(to)) {
      open.resumedAt = e.createdAt;
      open.resumedBy = e.actor;
      open.resumedTo = to;
      open = null;
    }
  }
  for (const p of pauses) p.minutes = Math.round(((p.resumedAt ?? now).getTime() - p.pausedAt.getTime()) / MS_PER_MINUTE);

  return {
    request: {
      id: request.id,
      reference: formatReference(request.department.key, request.number),
      title: request.title,
      status: request.status,
      department: { key: request.department.key, name: request.department.name },
    },
    pauseStatuses,
    pauses,
    flagged: pauses.filter((p) => p.flag !== null).length,
  };
}

/**
 * A public comment from the requester's side. The event records whether its author answered as an
 * agent; older events without that field count when the requester wrote them. pause-rule.ts
 * states the same rule in SQL for the reports.
 */
function isRequesterReply(e: { type: string; actorId: string | null; from: Prisma.JsonValue; to: Prisma.JsonValue }, requesterId: string): boolean {
  const event = readEvent(e);
  if (event?.type !== "commented" || event.to.visibility !== "PUBLIC") return false;
  const byAgent = event.to.byAgent;
  return byAgent === false || (byAgent === undefined && e.actorId === requesterId);
}
