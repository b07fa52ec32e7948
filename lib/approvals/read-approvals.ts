import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { formatReference } from "@/lib/requests/reference";
import { visibleRequests } from "@/lib/requests/request-policy";
import { approvalLinkKey, verifyApprovalLink } from "./approval-link";

const DAY_MS = 24 * 60 * 60 * 1000;
const requestSelect = { id: true, number: true, title: true, department: { select: { key: true, name: true } }, requester: { select: { name: true } } } as const;
type RequestRow = { id: string; number: number; title: string; department: { key: string; name: string }; requester: { name: string } };
const summary = (r: RequestRow) => ({ id: r.id, reference: formatReference(r.department.key, r.number), title: r.title, departmentName: r.department.name, requesterName: r.requester.name });

/**
 * The Approvals page: what waits on the actor (oldest due first), what they decided in the last 30
 * days, and their delegation. Rows are the actor's own Approver rows: a request is named here only
 * because they were asked to decide it (once decided, its page may no longer be open to them).
 */
export async function myApprovals(options: { actor: Actor; now?: Date }) {
  const { actor } = options;
  const now = options.now ?? new Date();
  const [waiting, decided, delegation] = await Promise.all([
    db().approver.findMany({
      where: { personId: actor.id, decision: null, step: { state: "PENDING", request: { requesterId: { not: actor.id } } } },
      orderBy: [{ step: { dueAt: "asc" } }, { id: "asc" }],
      take: 200,
      select: {
        onBehalfOf: { select: { name: true } },
        step: { select: { id: true, name: true, position: true, startedAt: true, dueAt: true, request: { select: requestSelect } } },
      },
    }),
    db().approver.findMany({
      where: { personId: actor.id, decidedAt: { gte: new Date(now.getTime() - 30 * DAY_MS) } },
      orderBy: { decidedAt: "desc" },
      take: 100,
      select: { decision: true, reason: true, decidedAt: true, via: true, step: { select: { name: true, request: { select: requestSelect } } } },
    }),
    db().approvalDelegation.findUnique({ where: { personId: actor.id }, select: { startsAt: true, endsAt: true, delegate: { select: { id: true, name: true } } } }),
  ]);
  return {
    waiting: waiting.map((w) => ({
      stepId: w.step.id,
      stepName: w.step.name,
      startedAt: w.step.startedAt,
      dueAt: w.step.dueAt,
      overdue: w.step.dueAt !== null && w.step.dueAt.getTime() <= now.getTime(),
      onBehalfOf: w.onBehalfOf?.name ?? null,
      request: summary(w.step.request),
    })),
    decided: decided.map((d) => ({ decision: d.decision!, reason: d.reason, decidedAt: d.decidedAt!, via: d.via, stepName: d.step.name, request: summary(d.step.request) })),
    delegation: delegation && delegation.endsAt.getTime() > now.getTime() ? { ...delegation, active: delegation.startsAt.getTime() <= now.getTime() } : null,
  };
}

export type ApprovalStepView = Awaited<ReturnType<typeof requestApprovals>>[number];

/** The approval steps of a request the actor may see (its public side), for the request page. */
export async function requestApprovals(options: { actor: Actor; requestId: string }) {
  const visible = await db().request.count({ where: { AND: [{ id: options.requestId }, visibleRequests(options.actor)] } });
  if (!visible) return [];
  const steps = await db().approvalStep.findMany({
    where: { requestId: options.requestId },
    orderBy: { position: "asc" },
    select: {
      id: true,
      name: true,
      state: true,
      required: true,
      startedAt: true,
      dueAt: true,
      decidedAt: true,
      approvers: { orderBy: { person: { name: "asc" } }, select: { personId: true, decision: true, reason: true, decidedAt: true, person: { select: { name: true } }, onBehalfOf: { select: { name: true } } } },
    },
  });
  return steps.map((s) => ({
    ...s,
    approvers: s.approvers.map((a) => ({ personId: a.personId, name: a.person.name, onBehalfOf: a.onBehalfOf?.name ?? null, decision: a.decision, reason: a.reason, decidedAt: a.decidedAt })),
  }));
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
  return { state: "ask", token: options.token, stepName: row.step.name, request: summary(row.step.request), onBehalfOf: row.onBehalfOf?.name ?? null };
}
