import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/create-client";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { auditRow } from "@/lib/org/audit";
import { eventRow } from "@/lib/requests/events";
import { formatReference } from "@/lib/requests/reference";
import { mayOn, standingOf, standingSelect, visibleRequests } from "@/lib/requests/request-policy";
import { decideApprovalSchema, decideByLinkSchema, type DecideApprovalInput, type DecideByLinkInput } from "@/lib/validation/approvals";
import { parseInput } from "@/lib/validation/parse";
import { approvalLinkKey, verifyApprovalLink } from "./approval-link";
import { completeRejected, startNextStep } from "./approval-flow";
import { stepOutcome } from "./plan";

export type DecisionResult = { outcome: "PENDING" | "APPROVED" | "REJECTED"; requestOutcome: "PENDING" | "APPROVED" | "REJECTED"; reference: string };

/**
 * An approver approves or rejects the current step of a request, in the app. Who may is the request
 * policy's `request.approve` (the approver standing: asked on this pending step, not the requester).
 * One rejection rejects the step and closes the request with the reason; enough approvals (the
 * step's rule) start the next step, or after the last one let the department start.
 */
export async function decideApproval(options: { actor: Actor; input: DecideApprovalInput; now?: Date }): Promise<DecisionResult> {
  const input = parseInput(decideApprovalSchema, options.input);
  return db().$transaction((tx) => decide(tx, { actor: options.actor, stepId: input.stepId, decision: input.decision, reason: input.reason, via: "app", at: options.now ?? new Date() }));
}

/**
 * The same from an emailed link: the step and the approver come from the verified link, never the
 * form; the signed-in person must be the one it was sent to; it works once and for 30 days.
 */
export async function decideByLink(options: { actor: Actor; input: DecideByLinkInput; now?: Date }): Promise<DecisionResult> {
  const input = parseInput(decideByLinkSchema, options.input);
  const at = options.now ?? new Date();
  const claims = checkLink(options.actor, input.token, at);
  if (input.decision === "REJECTED" && input.reason.length < 3) {
    throw new AppError("INVALID_INPUT", "Say why you reject it: the requester reads your reason", { reason: ["Say why you reject it: the requester reads your reason"] });
  }
  return db().$transaction(async (tx) => {
    const row = await tx.approver.findUnique({ where: { id: claims.approverId }, select: { stepId: true, personId: true, decidedAt: true } });
    if (!row || row.stepId !== claims.stepId || row.personId !== options.actor.id || row.decidedAt) throw usedLink();
    return decide(tx, { actor: options.actor, stepId: claims.stepId, decision: input.decision, reason: input.reason, via: "email", at });
  });
}

const usedLink = () => new AppError("CONFLICT", "This approval link has been used already or no longer applies: open Approvals to see what waits on you.");

/** The verified claims of a link for this actor, or the reason it is refused. */
export function checkLink(actor: Actor, token: string, at: Date) {
  const check = verifyApprovalLink(token, approvalLinkKey(), at);
  if (!check.ok) throw new AppError("CONFLICT", check.reason === "expired" ? "This approval link has expired: open Approvals to decide." : "This approval link is not valid.");
  if (check.claims.personId !== actor.id) throw forbidden("This approval link was sent to someone else. Sign in as the person it was sent to.");
  return check.claims;
}

async function decide(
  tx: Tx,
  options: { actor: Actor; stepId: string; decision: "APPROVED" | "REJECTED"; reason: string; via: "app" | "email"; at: Date },
): Promise<DecisionResult> {
  const { actor, at } = options;
  const step = await tx.approvalStep.findUnique({ where: { id: options.stepId }, select: { requestId: true } });
  if (!step) throw notFound("This approval");
  // Decisions on one request run one after the other (as every change of a request does).
  await tx.$queryRaw`SELECT 1 FROM "Request" WHERE id = ${step.requestId} FOR UPDATE`;
  const request = await tx.request.findFirst({
    where: { AND: [{ id: step.requestId }, visibleRequests(actor)] },
    select: { id: true, number: true, department: { select: { key: true } }, ...standingSelect(actor) },
  });
  if (!request) throw notFound("This approval");
  const reference = formatReference(request.department.key, request.number);
  const current = await tx.approvalStep.findUniqueOrThrow({
    where: { id: options.stepId },
    select: { id: true, position: true, name: true, state: true, required: true, approvers: { select: { id: true, personId: true, onBehalfOfId: true, decision: true } } },
  });
  const mine = current.approvers.find((a) => a.personId === actor.id);
  if (current.state !== "PENDING" || !mine) {
    // An agent of the department sees the request but is no approver; a decided step takes no more decisions.
    if (current.state !== "PENDING" && mine) throw new AppError("CONFLICT", "This approval step has been decided already.");
    throw forbidden("Only the people asked to approve this step can decide it.");
  }
  if (!mayOn(actor, standingOf(request), "request.approve")) throw forbidden("Only the people asked to approve this step can decide it.");
  if (mine.decision) throw new AppError("CONFLICT", "You have decided on this step already.");

  const reason = options.reason.trim();
  const { count } = await tx.approver.updateMany({
    where: { id: mine.id, decision: null },
    data: { decision: options.decision, reason: reason || null, via: options.via, decidedAt: at },
  });
  if (count !== 1) throw new AppError("CONFLICT", "You have decided on this step already.");
  await tx.requestEvent.create({
    data: {
      ...eventRow(request.id, actor.id, "approval_decided", {
        to: { stepId: current.id, position: current.position, name: current.name, decision: options.decision, ...(reason ? { reason } : {}), onBehalfOfId: mine.onBehalfOfId, via: options.via },
      }),
      createdAt: at,
    },
  });
  await tx.auditEvent.create({
    data: auditRow(actor, `approval.${options.decision === "APPROVED" ? "approved" : "rejected"}`, `request:${request.id}`, {
      reference,
      step: current.name,
      position: current.position,
      via: options.via,
      ...(mine.onBehalfOfId ? { onBehalfOfId: mine.onBehalfOfId } : {}),
      ...(reason ? { reason } : {}),
    }),
  });
  const outcome = stepOutcome(
    current.required,
    current.approvers.map((a) => (a.id === mine.id ? options.decision : (a.decision as "APPROVED" | "REJECTED" | null))),
  );
  if (outcome === "PENDING") {
    await tx.request.update({ where: { id: request.id }, data: { updatedAt: at } });
    return { outcome, requestOutcome: "PENDING", reference };
  }
  await tx.approvalStep.update({ where: { id: current.id }, data: { state: outcome, decidedAt: at } });
  if (outcome === "REJECTED") {
    await completeRejected(tx, { requestId: request.id, actorId: actor.id, reason: reason, at });
    return { outcome, requestOutcome: "REJECTED", reference };
  }
  const next = await startNextStep(tx, { requestId: request.id, at });
  return { outcome, requestOutcome: next === "approved" ? "APPROVED" : "PENDING", reference };
}
