import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { formatReference } from "./reference";

/** The requests a person filed and those they watch, most recently changed first. */
export async function listMyRequests(options: { actor: Actor; show?: "open" | "all" }) {
  const { actor } = options;
  const rows = await db().request.findMany({
    where: {
      OR: [{ requesterId: actor.id }, { watchers: { some: { personId: actor.id } } }],
      ...(options.show === "all" ? {} : { status: { in: ["NEW", "OPEN", "WAITING_ON_REQUESTER", "RESOLVED"] } }),
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
      department: { select: { key: true, name: true } },
      type: { select: { name: true } },
      assignee: { select: { name: true } },
    },
  });
  return rows.map((r) => ({ ...r, reference: formatReference(r.department.key, r.number), watching: r.requesterId !== actor.id }));
}
