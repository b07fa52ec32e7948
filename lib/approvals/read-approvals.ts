import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import { Prisma, type ApprovalState, type ApprovalStepState } from "@/lib/generated/prisma/client";
import { formatReference } from "@/lib/requests/reference";
import { requestColumns, requestVisibleSql } from "@/lib/requests/request-policy";
import { approvalLinkKey, verifyApprovalLink } from "./approval-link";

const DAY_MS = 24 * 60 * 60 * 1000;
const requestSelect = { id: true, number: true, title: true, department: { select: { key: true, name: true } }, requester: { select: { name: true } } } as const;
type RequestRow = { requestId: string; number: number; title: string; departmentKey: string; departmentName: string; requesterName: string };
const summary = (r: RequestRow) => ({ id: r.requestId, reference: formatReference(r.departmentKey, r.number), title: r.title, departmentName: r.departmentName, requesterName: r.requesterName });
/** A step's request as `summary` names it (tables r, d, q), and the joins that give them from step `s`. */
const requestSummarySql = Prisma.sql`r."id" AS "requestId", r."number", r."title", d."key" AS "departmentKey", d."name" AS "departmentName", q."name" AS "requesterName"`;
const requestJoins = Prisma.sql`JOIN "Request" r ON r."id" = s."requestId" JOIN "Department" d ON d."id" = r."departmentId" JOIN "Person" q ON q."id" = r."requesterId"`;

/**
 * The Approvals page: what waits on the actor (oldest due first), what they decided in the last 30
 * days, and their delegation. Rows are the actor's own Approver rows: a request is named here only
 * because they were asked to decide it (once decided, its page may no longer be open to them).
 */
export async function myApprovals(options: { actor: Actor; now?: Date }) {
  const { actor } = options;
  const now = options.now ?? new Date();
  // Three statements through lib/db/sql.ts, side by side (Prisma's nested reads were the largest part of this small page's own CPU).
  const [waiting, decided, delegations] = await Promise.all([
    sql().$queryRaw<(RequestRow & { stepId: string; stepName: string; startedAt: Date | null; dueAt: Date | null; onBehalfOf: string | null })[]>`
      SELECT s."id" AS "stepId", s."name" AS "stepName", s."startedAt", s."dueAt", b."name" AS "onBehalfOf", ${requestSummarySql}
      FROM "Approver" a
      JOIN "ApprovalStep" s ON s."id" = a."stepId"
      ${requestJoins}
      LEFT JOIN "Person" b ON b."id" = a."onBehalfOfId"
      WHERE a."personId" = ${actor.id} AND a."decision" IS NULL AND s."state" = 'PENDING' AND r."requesterId" <> ${actor.id}
      ORDER BY s."dueAt", a."id"
      LIMIT 200`,
    sql().$queryRaw<(RequestRow & { decision: ApprovalState; reason: string | null; decidedAt: Date; via: string | null; stepName: string })[]>`
      SELECT a."decision", a."reason", a."decidedAt", a."via", s."name" AS "stepName", ${requestSummarySql}
      FROM "Approver" a
      JOIN "ApprovalStep" s ON s."id" = a."stepId"
      ${requestJoins}
      WHERE a."personId" = ${actor.id} AND a."decidedAt" >= ${new Date(now.getTime() - 30 * DAY_MS)}::timestamp(3)
      ORDER BY a."decidedAt" DESC, a."id" DESC
      LIMIT 100`,
    sql().$queryRaw<{ startsAt: Date; endsAt: Date; delegateId: string; delegateName: string }[]>`
      SELECT g."startsAt", g."endsAt", g."delegateId", p."name" AS "delegateName"
      FROM "ApprovalDelegation" g JOIN "Person" p ON p."id" = g."delegateId"
      WHERE g."personId" = ${actor.id}`,
  ]);
  const delegation = delegations[0];
  return {
    waiting: waiting.map((w) => ({
      stepId: w.stepId,
      stepName: w.stepName,
      startedAt: w.startedAt,
      dueAt: w.dueAt,
      overdue: w.dueAt !== null && w.dueAt.getTime() <= now.getTime(),
      onBehalfOf: w.onBehalfOf,
      request: summary(w),
    })),
    decided: decided.map((d) => ({ decision: d.decision, reason: d.reason, decidedAt: d.decidedAt, via: d.via, stepName: d.stepName, request: summary(d) })),
    delegation:
      delegation && delegation.endsAt.getTime() > now.getTime()
        ? { startsAt: delegation.startsAt, endsAt: delegation.endsAt, delegate: { id: delegation.delegateId, name: delegation.delegateName }, active: delegation.startsAt.getTime() <= now.getTime() }
        : null,
  };
}

export type ApprovalStepView = Awaited<ReturnType<typeof requestApprovals>>[number];

type StepRow = {
  id: string;
  name: string;
  state: ApprovalStepState;
  required: number;
  startedAt: Date | null;
  dueAt: Date | null;
  decidedAt: Date | null;
  personId: string | null;
  approverName: string | null;
  onBehalfOf: string | null;
  decision: ApprovalState | null;
  reason: string | null;
  approverDecidedAt: Date | null;
};

/** The approval steps of a request the actor may see (its public side), for the request page: one statement, nothing when the policy hides the request. */
export async function requestApprovals(options: { actor: Actor; requestId: string }) {
  const rows = await sql().$queryRaw<StepRow[]>`
    SELECT s."id", s."name", s."state", s."required", s."startedAt", s."dueAt", s."decidedAt",
      a."personId", p."name" AS "approverName", b."name" AS "onBehalfOf", a."decision", a."reason", a."decidedAt" AS "approverDecidedAt"
    FROM "Request" r
    JOIN "ApprovalStep" s ON s."requestId" = r."id"
    LEFT JOIN "Approver" a ON a."stepId" = s."id"
    LEFT JOIN "Person" p ON p."id" = a."personId"
    LEFT JOIN "Person" b ON b."id" = a."onBehalfOfId"
    WHERE r."id" = ${options.requestId} AND ${requestVisibleSql(options.actor, requestColumns("r"))}
    ORDER BY s."position", p."name", a."id"`;
  const steps: (Omit<StepRow, "personId" | "approverName" | "onBehalfOf" | "decision" | "reason" | "approverDecidedAt"> & {
    approvers: { personId: string; name: string; onBehalfOf: string | null; decision: ApprovalState | null; reason: string | null; decidedAt: Date | null }[];
  })[] = [];
  for (const row of rows) {
    let step = steps.at(-1);
    if (step?.id !== row.id) {
      steps.push((step = { id: row.id, name: row.name, state: row.state, required: row.required, startedAt: row.startedAt, dueAt: row.dueAt, decidedAt: row.decidedAt, approvers: [] }));
    }
    if (row.personId !== null) {
      step.approvers.push({ personId: row.personId, name: row.approverName ?? "", onBehalfOf: row.onBehalfOf, decision: row.decision, reason: row.reason, decidedAt: row.approverDecidedAt });
    }
  }
  return steps;
}

export type ApprovalLinkTarget =
  | { state: "ask"; token: string; stepName: string; request: ReturnType<typeof summary>; onBehalfOf: string | null }
  | { state: "used" | "expired" | "wrong_person" | "invalid" };

/** What the emailed link's page shows the signed-in actor (decideByLink checks everything again). */
export async function approvalLinkTarget(options: { actor: Actor; token: string; now?: Date }): Promise<ApprovalLinkTarget> {
  const check = verifyApprovalLink(options.token, approvalLinkKey(), options.now);
  if (!("claims" in check)) return { state: "invalid" };
  if (check.claims.personId !== options.actor.id) return { state: "wrong_person" };
  if (!check.ok) return { state: "expired" };
  const row = await db().approver.findUnique({
    where: { id: check.claims.approverId },
    select: { personId: true, stepId: true, decidedAt: true, onBehalfOf: { select: { name: true } }, step: { select: { name: true, state: true, request: { select: requestSelect } } } },
  });
  if (!row || row.personId !== options.actor.id || row.stepId !== check.claims.stepId || row.decidedAt || row.step.state !== "PENDING") return { state: "used" };
  const r = row.step.request;
  const request = summary({ requestId: r.id, number: r.number, title: r.title, departmentKey: r.department.key, departmentName: r.department.name, requesterName: r.requester.name });
  return { state: "ask", token: options.token, stepName: row.step.name, request, onBehalfOf: row.onBehalfOf?.name ?? null };
}
