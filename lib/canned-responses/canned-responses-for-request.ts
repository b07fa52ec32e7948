import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
import { notFound } from "@/lib/errors";
import { formatReference } from "@/lib/requests/reference";
import { mayOn } from "@/lib/requests/request-policy";
import { readStanding } from "@/lib/requests/read-standing";
import { priorityLabel, statusLabel, type PriorityLevel, type Status } from "@/lib/validation/request-values";
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
  const request = await readStanding(actor, options.requestId);
  if (!request || !mayOn(actor, request, "request.note")) throw notFound();
  // A macro's team is named if it is still one of the department's teams; its assignee by name.
  const rows = await sql().$queryRaw<{ id: string; title: string; body: string; setStatus: Status | null; setPriority: PriorityLevel | null; setTeamId: string | null; teamName: string | null; setAssigneeId: string | null; assigneeName: string | null }[]>`
    SELECT c.id, c.title, c.body, c."setStatus"::text AS "setStatus", c."setPriority"::text AS "setPriority",
           c."setTeamId", t.name AS "teamName", c."setAssigneeId", p.name AS "assigneeName"
      FROM "CannedResponse" c
      LEFT JOIN "Team" t ON t.id = c."setTeamId" AND t."departmentId" = c."departmentId"
      LEFT JOIN "Person" p ON p.id = c."setAssigneeId"
     WHERE c."departmentId" = ${request.departmentId}
     ORDER BY c.title, c.id`;
  const values = { requesterName: request.requesterName, reference: formatReference(request.departmentKey, request.number), agentName: actor.name };
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    body: fillPlaceholders(r.body, values),
    changes: [
      r.setTeamId ? `team ${r.teamName ?? "(removed)"}` : null,
      r.setPriority ? `priority ${priorityLabel[r.setPriority]}` : null,
      r.setAssigneeId ? `assignee ${r.assigneeName ?? "(removed)"}` : null,
      r.setStatus ? `status ${statusLabel[r.setStatus]}` : null,
    ].filter((c): c is string => c !== null),
  }));
}
