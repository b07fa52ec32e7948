import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { formatReference } from "@/lib/requests/reference";
import { mayOn, standingOf, standingSelect, visibleRequests } from "@/lib/requests/request-policy";
import { priorityLabel, statusLabel } from "@/lib/validation/request-values";
import { fillPlaceholders } from "./placeholders";

export type CannedChoice = { id: string; title: string; body: string; /** What sending it also changes (a macro), in words; empty for plain text. */ changes: string[] };

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
    select: { id: true, title: true, body: true, setStatus: true, setPriority: true, setAssigneeId: true, setTeamId: true, department: { select: { teams: { select: { id: true, name: true } } } } },
  });
  const assigneeIds = rows.flatMap((r) => (r.setAssigneeId ? [r.setAssigneeId] : []));
  const assignees = assigneeIds.length ? await db().person.findMany({ where: { id: { in: assigneeIds } }, select: { id: true, name: true } }) : [];
  const nameOf = new Map([...assignees.map((p) => [p.id, p.name] as const), ...(rows[0]?.department.teams ?? []).map((t) => [t.id, t.name] as const)]);
  const values = { requesterName: request.requester.name, reference: formatReference(request.department.key, request.number), agentName: actor.name };
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    body: fillPlaceholders(r.body, values),
    changes: [
      r.setTeamId ? `team ${nameOf.get(r.setTeamId) ?? "(removed)"}` : null,
      r.setPriority ? `priority ${priorityLabel[r.setPriority]}` : null,
      r.setAssigneeId ? `assignee ${nameOf.get(r.setAssigneeId) ?? "(removed)"}` : null,
      r.setStatus ? `status ${statusLabel[r.setStatus]}` : null,
    ].filter((c): c is string => c !== null),
  }));
}
