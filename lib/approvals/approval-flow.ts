import "server-only";
import type { Tx } from "@/lib/db/create-client";
import { env } from "@/lib/env";
import { notify } from "@/lib/notifications/notify";
import { notifyRequestFiled } from "@/lib/notifications/request-notices";
import { assignOnFiling } from "@/lib/requests/assign-by-rule";
import { eventRow } from "@/lib/requests/events";
import { formatReference } from "@/lib/requests/reference";
import { refreshClocks } from "@/lib/service-levels/refresh-clocks";
import { addBusinessMinutes, CalendarError, compileCalendar, parseCalendar, type CompiledCalendar } from "@/lib/sla";
import { approvalStepSchema, parseApprovalSteps, type ApprovalStepDefinition } from "@/lib/validation/approvals";
import { approvalLinkDays, approvalLinkKey, signApprovalLink } from "./approval-link";
import { requiredApprovals, selectSteps } from "./plan";
import { resolveApprovers } from "./resolve-approvers";

/**
 * The life of a request's approval: its steps are chosen at filing, each is resolved to people when
 * it starts, and the last approval lets the providing department start (clocks, notices,
 * assignment) while a rejection closes the request. Every function runs in the caller's
 * transaction, after the request's row was locked.
 */

/** Whether a type's stored steps select any step for these answers (the filing then waits for approval). */
export function approvalStepsFor(rawSteps: unknown, fieldValues: Readonly<Record<string, unknown>>) {
  return selectSteps(parseApprovalSteps(rawSteps), fieldValues);
}

/** Writes the selected steps of a just-filed request (its approvalState already PENDING) and starts the first. */
export async function startApprovals(tx: Tx, options: { requestId: string; steps: { index: number; step: ApprovalStepDefinition }[]; at: Date }) {
  await tx.approvalStep.createMany({
    data: options.steps.map(({ step }, position) => ({
      requestId: options.requestId,
      position,
      name: step.name,
      definition: step,
    })),
  });
  await startNextStep(tx, { requestId: options.requestId, at: options.at });
}

async function calendarOf(tx: Tx, departmentId: string): Promise<CompiledCalendar | null> {
  const calendar = await tx.slaCalendar.findFirst({ where: { departmentId }, orderBy: { createdAt: "asc" }, select: { definition: true } });
  if (!calendar) return null;
  try {
    return compileCalendar(parseCalendar(calendar.definition));
  } catch (error) {
    if (error instanceof CalendarError) return null;
    throw error;
  }
}

/** When a step started at `at` is 75 % and 100 % through its business hours (wall-clock hours without a calendar). */
async function serviceLevel(tx: Tx, departmentId: string, at: Date, hours: number) {
  const calendar = await calendarOf(tx, departmentId);
  const after = (minutes: number) => (calendar ? addBusinessMinutes(calendar, at, minutes) : new Date(at.getTime() + minutes * 60_000));
  return { warnAt75: after(hours * 60 * 0.75), dueAt: after(hours * 60) };
}

/**
 * Starts the first step still waiting, or, when none is left, lets the department start. Returns
 * what happened so the caller can tell the requester.
 */
export async function startNextStep(tx: Tx, options: { requestId: string; at: Date }): Promise<"started" | "approved"> {
  const { requestId, at } = options;
  const next = await tx.approvalStep.findFirst({ where: { requestId, state: "WAITING" }, orderBy: { position: "asc" } });
  if (!next) {
    await completeApproved(tx, { requestId, at });
    return "approved";
  }
  const request = await tx.request.findUniqueOrThrow({
    where: { id: requestId },
    select: { id: true, number: true, title: true, requesterId: true, departmentId: true, department: { select: { key: true, name: true } }, requester: { select: { name: true } } },
  });
  const step = approvalStepSchema.parse(next.definition);
  const resolved = await resolveApprovers(tx, { approver: step.approver, requesterId: request.requesterId, providingDepartmentId: request.departmentId, at });
  const required = requiredApprovals(step.rule, resolved.approvers.length);
  const level = await serviceLevel(tx, resolved.departmentId, at, step.targetHours);
  await tx.approvalStep.update({
    where: { id: next.id },
    data: { state: "PENDING", required, departmentId: resolved.departmentId, startedAt: at, dueAt: level.dueAt, warnAt75: level.warnAt75 },
  });
  await tx.approver.createMany({ data: resolved.approvers.map((a) => ({ stepId: next.id, personId: a.personId, onBehalfOfId: a.onBehalfOfId })) });
  await tx.requestEvent.create({
    data: {
      ...eventRow(requestId, null, "approval_requested", {
        to: { stepId: next.id, position: next.position, name: next.name, approvers: resolved.approvers, required, escalated: resolved.escalated },
      }),
      createdAt: at,
    },
  });
  const reference = formatReference(request.department.key, request.number);
  const rows = await tx.approver.findMany({ where: { stepId: next.id }, select: { id: true, personId: true } });
  for (const row of rows) {
    await askApprover(tx, {
      approverId: row.id,
      personId: row.personId,
      stepId: next.id,
      requestId,
      at,
      title: `Approval needed: ${reference} ${request.title}`,
      body: `${request.requester.name} asks ${request.department.name} for “${request.title}”. It waits for your decision on “${next.name}” before ${request.department.name} starts. Approve or reject it (with a reason) here; the link works once, for ${approvalLinkDays} days, after you sign in.`,
    });
  }
  return "started";
}

/** One approver's notice with their own signed link (bound to them and this step). */
export async function askApprover(tx: Tx, options: { approverId: string; personId: string; stepId: string; requestId: string; at: Date; title: string; body: string }) {
  const key = approvalLinkKey();
  const base = env().NEXTAUTH_URL.replace(/\/$/, "");
  const link = key ? `${base}/approve/${signApprovalLink({ approverId: options.approverId, stepId: options.stepId, personId: options.personId, issuedAt: options.at }, key)}` : `${base}/approvals`;
  await notify(tx, { personIds: [options.personId], kind: "approval_request", requestId: options.requestId, title: options.title, body: options.body, link });
}

/** Every step approved: the department's clocks start now, its agents hear of it, its team rule assigns it. */
async function completeApproved(tx: Tx, options: { requestId: string; at: Date }) {
  const { requestId, at } = options;
  await tx.request.update({ where: { id: requestId }, data: { approvalState: "APPROVED", version: { increment: 1 } } });
  await tx.requestEvent.create({ data: { ...eventRow(requestId, null, "approval_completed", { to: { outcome: "APPROVED" } }), createdAt: at } });
  await refreshClocks(tx, requestId, at);
  const request = await tx.request.findUniqueOrThrow({
    where: { id: requestId },
    select: { id: true, number: true, title: true, requesterId: true, departmentId: true, department: { select: { key: true, name: true } }, requester: { select: { id: true, name: true } } },
  });
  const reference = formatReference(request.department.key, request.number);
  // The agents hear of it as of a new request, from its requester: approval was its filing's last step.
  await notifyRequestFiled(tx, { actor: request.requester, requestId });
  await assignOnFiling(tx, { requestId, at });
  await notify(tx, {
    personIds: [request.requesterId],
    kind: "approval_outcome",
    requestId,
    title: `Approved: ${reference} ${request.title}`,
    body: `Your request “${request.title}” was approved. ${request.department.name} starts on it now.`,
  });
}

/** A step was rejected: the request closes with the reason, and its requester is told. */
export async function completeRejected(tx: Tx, options: { requestId: string; actorId: string; reason: string; at: Date }) {
  const { requestId, at } = options;
  const before = await tx.request.findUniqueOrThrow({
    where: { id: requestId },
    select: { status: true, number: true, title: true, requesterId: true, department: { select: { key: true, name: true } } },
  });
  await tx.request.update({ where: { id: requestId }, data: { approvalState: "REJECTED", status: "CLOSED", closedAt: at, version: { increment: 1 } } });
  await tx.approvalStep.updateMany({ where: { requestId, state: "WAITING" }, data: { state: "REJECTED", decidedAt: at } });
  await tx.requestEvent.createMany({
    data: [
      { ...eventRow(requestId, options.actorId, "approval_completed", { to: { outcome: "REJECTED", reason: options.reason } }), createdAt: at },
      { ...eventRow(requestId, options.actorId, "status_changed", { from: { status: before.status }, to: { status: "CLOSED" } }), createdAt: at },
    ],
  });
  await refreshClocks(tx, requestId, at);
  const reference = formatReference(before.department.key, before.number);
  await notify(tx, {
    personIds: [before.requesterId],
    kind: "approval_outcome",
    requestId,
    title: `Not approved: ${reference} ${before.title}`,
    body: `Your request “${before.title}” was not approved, so ${before.department.name} will not work on it. The reason given: ${options.reason}`,
  });
}
