import "server-only";
import type { UploadedFile } from "@/lib/attachments/prepare-uploads";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { addComment } from "@/lib/requests/add-comment";
import { formatReference } from "@/lib/requests/reference";
import { mayOn, standingOf, standingSelect, visibleRequests, workRefusal } from "@/lib/requests/request-policy";
import { setRequestTeam } from "@/lib/requests/set-request-team";
import { updateRequest } from "@/lib/requests/update-request";
import { applyMacroSchema, type ApplyMacroInput } from "@/lib/validation/canned-responses";
import type { CommentInput } from "@/lib/validation/requests";
import { parseInput } from "@/lib/validation/parse";
import { fillPlaceholders } from "./placeholders";

const notThisDepartments = "Choose one of this department's canned responses.";

/**
 * A canned response's changes as they would apply to a request now, checked before anything is
 * written: only the department's agents (anyone else: NOT_FOUND), only the department's own
 * responses, and a change the request cannot take now (waiting for approval, closed, an assignee
 * who no longer works the department) refuses the whole macro, so its reply is not sent either.
 * The use cases check again when they write.
 */
async function macroPlan(actor: Actor, requestId: string, cannedResponseId: string) {
  const request = await db().request.findFirst({
    where: { AND: [{ id: requestId }, visibleRequests(actor)] },
    select: { id: true, number: true, status: true, department: { select: { key: true } }, requester: { select: { name: true } }, ...standingSelect(actor) },
  });
  // Writing a note is the least any macro does; one that changes something needs triage as well.
  if (!request || !mayOn(actor, standingOf(request), "request.note")) throw notFound();
  const response = await db().cannedResponse.findFirst({ where: { id: cannedResponseId, departmentId: request.departmentId } });
  if (!response) throw new AppError("INVALID_INPUT", notThisDepartments, { cannedResponseId: [notThisDepartments] });
  const change = { status: response.setStatus ?? undefined, priority: response.setPriority ?? undefined, assigneeId: response.setAssigneeId ?? undefined };
  if (response.setTeamId || change.status || change.priority || change.assigneeId) {
    if (!mayOn(actor, standingOf(request), "request.triage")) throw notFound();
    const refusal = workRefusal(request);
    if (refusal) throw refusal;
    if (request.status === "CLOSED") throw new AppError("CONFLICT", "This request is closed and can no longer change.");
  }
  if (change.assigneeId) {
    const agent = await db().person.findFirst({
      where: { id: change.assigneeId, active: true, roles: { some: { departmentId: request.departmentId, role: { in: ["AGENT", "HEAD"] } } } },
      select: { id: true },
    });
    if (!agent) {
      const message = "This canned response assigns someone who is no longer one of the department's active agents: the head can change it.";
      throw new AppError("INVALID_INPUT", message, { cannedResponseId: [message] });
    }
  }
  return { request, response, change };
}

type Plan = Awaited<ReturnType<typeof macroPlan>>;

/** Team, then priority, assignee and status in one triage change, each through its own use case so each writes its usual event. */
async function applyPlan(actor: Actor, plan: Plan): Promise<string[]> {
  const { request, response, change } = plan;
  const changed: string[] = [];
  if (response.setTeamId) {
    await setRequestTeam({ actor, input: { requestId: request.id, teamId: response.setTeamId } });
    changed.push("team");
  }
  if (change.status || change.priority || change.assigneeId) {
    await updateRequest({ actor, input: { requestId: request.id, ...change } });
    changed.push(...(change.status ? ["status"] : []), ...(change.priority ? ["priority"] : []), ...(change.assigneeId ? ["assignee"] : []));
  }
  return changed;
}

/**
 * Sends a canned response on a request and applies what it also changes (a macro): the reply or
 * note first (the text the agent edited, or the response as written), then its changes. Automation
 * rules send canned responses through this.
 */
export async function applyMacro(options: { actor: Actor; input: ApplyMacroInput }): Promise<{ commentId: string; changed: string[] }> {
  const { actor } = options;
  const input = parseInput(applyMacroSchema, options.input);
  const plan = await macroPlan(actor, input.requestId, input.cannedResponseId);
  const { request } = plan;
  const body =
    input.body ??
    fillPlaceholders(plan.response.body, { requesterName: request.requester.name, reference: formatReference(request.department.key, request.number), agentName: actor.name });
  const { commentId } = await addComment({ actor, input: { requestId: request.id, body, visibility: input.visibility } });
  return { commentId, changed: await applyPlan(actor, plan) };
}

/**
 * The reply form's send with a macro inserted: the reply (with its files) as the agent wrote it,
 * then the canned response's changes, all checked before the reply is sent.
 */
export async function replyWithMacro(options: { actor: Actor; input: CommentInput; files?: readonly UploadedFile[]; cannedResponseId: string }) {
  const { actor } = options;
  // The reply's input is checked by addComment; here only its request id is read, whatever was sent.
  const requestId = typeof options.input === "object" && options.input !== null ? (options.input as { requestId?: unknown }).requestId : undefined;
  const ids = parseInput(applyMacroSchema.pick({ requestId: true, cannedResponseId: true }), { requestId, cannedResponseId: options.cannedResponseId });
  const plan = await macroPlan(actor, ids.requestId, ids.cannedResponseId);
  const sent = await addComment({ actor, input: options.input, files: options.files });
  return { ...sent, changed: await applyPlan(actor, plan) };
}
