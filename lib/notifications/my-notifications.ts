import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import { formatReference } from "@/lib/requests/reference";

/** How many of the actor's notifications are unread (the header's badge, on every page: through lib/db/sql.ts). */
export async function unreadCount(actor: Actor): Promise<number> {
  const [row] = await sql().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Notification" WHERE "personId" = ${actor.id} AND "readAt" IS NULL`;
  return row?.n ?? 0;
}

/** The actor's latest notifications; only ever their own. */
export async function listNotifications(options: { actor: Actor; take?: number }) {
  const rows = await db().notification.findMany({
    where: { personId: options.actor.id },
    orderBy: { createdAt: "desc" },
    take: options.take ?? 100,
    select: {
      id: true,
      kind: true,
      title: true,
      body: true,
      createdAt: true,
      readAt: true,
      request: { select: { number: true, department: { select: { key: true } } } },
    },
  });
  return rows.map(({ request, ...n }) => {
    const reference = request ? formatReference(request.department.key, request.number) : null;
    // A pulse survey is about no request: its notice leads to the survey page.
    const href = reference ? `/requests/${reference}` : n.kind === "pulse_survey" ? "/pulse" : null;
    return { ...n, reference, href };
  });
}

/** Marks the actor's notifications read: the given ones, or all. Someone else's ids change nothing. */
export async function markNotificationsRead(options: { actor: Actor; ids?: string[] }) {
  const { count } = await db().notification.updateMany({
    where: { personId: options.actor.id, readAt: null, ...(options.ids ? { id: { in: options.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { count };
}
