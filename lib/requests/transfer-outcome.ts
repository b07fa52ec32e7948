import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { readEvent } from "./events";
import { formatReference, parseReference } from "./reference";
import { visibleRequests } from "./request-policy";

export type TransferOutcome = {
  from: string;
  to: string;
  department: { key: string; name: string };
  /** Whether the actor still sees the request (they may follow it, or also work the receiving desk). */
  visible: boolean;
};

/**
 * What the agent who just transferred a request is told: where it went. Read from their own
 * transfer event (`?transferred=FAC-12&to=IT-2001` only names it), so a crafted link confirms
 * nothing that did not happen, and nobody else learns where a request went this way.
 */
export async function transferOutcome(options: { actor: Actor; from: string | undefined; to: string | undefined }): Promise<TransferOutcome | null> {
  const { actor } = options;
  const from = parseReference(options.from ?? "");
  const to = parseReference(options.to ?? "");
  if (!from || !to) return null;
  const request = await db().request.findFirst({
    where: { number: to.number, department: { key: to.departmentKey } },
    select: { id: true, department: { select: { key: true, name: true } } },
  });
  if (!request) return null;
  const events = await db().requestEvent.findMany({
    where: { requestId: request.id, type: "transferred", actorId: actor.id },
    orderBy: { id: "desc" },
    take: 20,
    select: { type: true, from: true, to: true },
  });
  const fromRef = formatReference(from.departmentKey, from.number);
  const toRef = formatReference(to.departmentKey, to.number);
  const mine = events.map(readEvent).find((e) => e?.type === "transferred" && e.from.reference === fromRef && e.to.reference === toRef);
  if (!mine) return null;
  const visible = (await db().request.count({ where: { AND: [{ id: request.id }, visibleRequests(actor)] } })) > 0;
  return { from: fromRef, to: toRef, department: request.department, visible };
}
