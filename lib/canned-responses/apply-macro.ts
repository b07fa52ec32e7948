import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { addComment } from "@/lib/requests/add-comment";
import { formatReference } from "@/lib/requests/reference";
import { mayOn, standingOf, standingSelect, visibleRequests } from "@/lib/requests/request-policy";
import { setRequestTeam } from "@/lib/requests/set-request-team";
import { updateRequest } from "@/lib/requests/update-request";
import { applyMacroSchema, type ApplyMacroInput } from "@/lib/validation/canned-responses";
import { parseInput } from "@/lib/validation/parse";
import { fillPlaceholders } from "./placeholders";

/**
 * Sends a canned response on a request and applies what it also changes (a macro): the reply or
 * note first (the text the agent edited, or the response as written), then team, priority,
 * assignee and status, each through its own use case so each writes its usual event. Only the
 * department's agents may; to anyone else the request is not found.
 */
export async function applyMacro(options: { actor: Actor; input: ApplyMacroInput }): Promise<{ commentId: string; changed: string[] }> {
  const { actor } = options;
  const input = parseInput(applyMacroSchema, options.input);
  const request = await db().request.findFirst({
    where: { AND: [{ id: input.requestId }, visibleRequests(actor)] },
    select: { id: true, number: true, department: { select: { key: true, name: true } }, requester: { select: { name: true } }, ...standingSelect(actor) },
  });
  if (!request || !mayOn(actor, standingOf(request), "request.note")) throw notFound();
  const response = await db().cannedResponse.findFirst({ where: { id: input.cannedResponseId, departmentId: request.departmentId } });
  if (!response) throw new AppError("INVALID_INPUT", "Choose one of this department's canned responses.", { cannedResponseId: ["Choose one of this department's canned responses."] });

  const body =
    input.body ??
    fillPlaceholders(response.body, { requesterName: request.requester.name, reference: formatReference(request.department.key, request.number), agentName: actor.name });
  const { commentId } = await addComment({ actor, input: { requestId: request.id, body, visibility: input.visibility } });
  const { changed } = await applyMacroChanges({ actor, requestId: request.id, cannedResponseId: response.id });
  return { commentId, changed };
}

/**
 * What a canned response changes besides its text, applied to a request (after its reply was sent
 * by the reply form, with any files): team, then priority, assignee and status in one triage
 * change. Only the department's agents; the response must be the department's.
 */
export async function applyMacroChanges(options: { actor: Actor; requestId: string; cannedResponseId: string }): Promise<{ changed: string[] }> {
  const { actor } = options;
  const input = parseInput(applyMacroSchema.pick({ requestId: true, cannedResponseId: true }), options);
  const request = await db().request.findFirst({ where: { AND: [{ id: input.requestId }, visibleRequests(actor)] }, select: { id: true, ...standingSelect(actor) } });
  if (!request || !mayOn(actor, standingOf(request), "request.triage")) throw notFound();
  const response = await db().cannedResponse.findFirst({ where: { id: input.cannedResponseId, departmentId: request.departmentId } });
  if (!response) throw new AppError("INVALID_INPUT", "Choose one of this department's canned responses.", { cannedResponseId: ["Choose one of this department's canned responses."] });
  const changed: string[] = [];
  if (response.setTeamId) {
    await setRequestTeam({ actor, input: { requestId: request.id, teamId: response.setTeamId } });
    changed.push("team");
  }
  const status = response.setStatus ?? undefined;
  const priority = response.setPriority ?? undefined;
  const assigneeId = response.setAssigneeId ?? undefined;
  if (status || priority || assigneeId) {
    await updateRequest({ actor, input: { requestId: request.id, status, priority, assigneeId } });
    changed.push(...(status ? ["status"] : []), ...(priority ? ["priority"] : []), ...(assigneeId ? ["assignee"] : []));
  }
  return { changed };
}
