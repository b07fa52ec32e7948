import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { formatReference } from "@/lib/requests/reference";
import { mayOn, standingOf, standingSelect, visibleRequests } from "@/lib/requests/request-policy";
import { fillPlaceholders } from "./placeholders";

export type CannedChoice = { id: string; title: string; body: string };

/**
 * The canned responses of the request's department, with their placeholders filled in for this
 * request and this agent, for the reply form. Only the department's agents see them; for anyone
 * else the request (and its department's responses) is not found. What is sent is whatever the
 * agent submits after editing: the reply use case never trusts these bodies.
 */
export async function cannedResponsesForRequest(options: { actor: Actor; requestId: string }): Promise<CannedChoice[]> {
  const { actor } = options;
  const request = await db().request.findFirst({
    where: { AND: [{ id: options.requestId }, visibleRequests(actor)] },
    select: { number: true, department: { select: { key: true } }, requester: { select: { name: true } }, ...standingSelect(actor) },
  });
  if (!request || !mayOn(actor, standingOf(request), "request.note")) throw notFound();
  const rows = await db().cannedResponse.findMany({
    where: { departmentId: request.departmentId },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    select: { id: true, title: true, body: true },
  });
  const values = { requesterName: request.requester.name, reference: formatReference(request.department.key, request.number), agentName: actor.name };
  return rows.map((r) => ({ id: r.id, title: r.title, body: fillPlaceholders(r.body, values) }));
}
