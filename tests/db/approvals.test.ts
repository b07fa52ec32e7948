import { describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { approvalLinkKey, signApprovalLink } from "@/lib/approvals/approval-link";
import { decideApproval, decideByLink } from "@/lib/approvals/decide-approval";
import { myApprovals, requestApprovals } from "@/lib/approvals/read-approvals";
import { setDelegation } from "@/lib/approvals/set-delegation";
import { setApprovalSteps } from "@/lib/catalog/set-approval-steps";
import { sweepApprovals } from "@/lib/approvals/sweep-approvals";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { addComment } from "@/lib/requests/add-comment";
import { exportQueueCsv } from "@/lib/requests/export-queue-csv";
import { fileRequest } from "@/lib/requests/file-request";
import { getRequest } from "@/lib/requests/get-request";
import { listMyRequests } from "@/lib/requests/list-my-requests";
import { listQueue } from "@/lib/requests/list-queue";
import { updateRequest } from "@/lib/requests/update-request";
import { transferRequest } from "@/lib/requests/transfer-request";
import { visibleRequests } from "@/lib/requests/request-policy";
import { searchRequests } from "@/lib/search/search-requests";
import type { ApprovalStepInput } from "@/lib/validation/approvals";
import { shownStatusLabel } from "@/lib/validation/requests";
import { actorOf, roundTheClock, seedDepartment, seedPerson, seedPolicies, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";

// Approval links are signed with a key derived from NEXTAUTH_SECRET; env() reads it on first use.
vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET ??= "test-secret-for-approval-links-0123456789";
});

/**
 * A purchase order to Procurement: the requester's manager approves, and above 5,000 the head of
 * Finance approves too. Procurement works it only after the last approval.
 */
async function seedPurchasing(extraSteps: ApprovalStepInput[] = []) {
  const procurement = await seedDepartment();
  const finance = await seedDepartment();
  const home = await seedDepartment();
  const other = await seedDepartment();
  await seedPolicies(procurement.id, [{ firstResponse: 60, resolution: 600 }]);
  await db().slaCalendar.create({ data: { departmentId: home.id, name: `Hours ${uid()}`, definition: roundTheClock } });
  const agent = await seedPerson({ departmentId: procurement.id, roles: [{ role: "AGENT", departmentId: procurement.id }] });
  const procurementHead = await seedPerson({ departmentId: procurement.id, roles: [{ role: "HEAD", departmentId: procurement.id }] });
  const financeHead = await seedPerson({ departmentId: finance.id, roles: [{ role: "HEAD", departmentId: finance.id }] });
  const homeHead = await seedPerson({ departmentId: home.id, roles: [{ role: "HEAD", departmentId: home.id }] });
  const manager = await seedPerson({ departmentId: home.id });
  const requester = await seedPerson({ departmentId: home.id });
  await db().person.update({ where: { id: requester.id }, data: { managerId: manager.id } });
  const colleague = await seedPerson({ departmentId: home.id });
  const stranger = await seedPerson({ departmentId: other.id });
  const steps: ApprovalStepInput[] = [
    { name: "Manager", approver: { kind: "manager" }, rule: { kind: "any" }, targetHours: 8 },
    {
      name: "Finance",
      approver: { kind: "department_head", departmentId: finance.id },
      rule: { kind: "any" },
      condition: { fieldKey: "amount", operator: "gt", value: "5000" },
      targetHours: 16,
    },
    ...extraSteps,
  ];
  const type = await db().requestType.create({
    data: {
      departmentId: procurement.id,
      slug: `po-${uid()}`,
      name: "Purchase order",
      fields: [{ key: "amount", label: "Amount", kind: "number", required: true }],
      approvalSteps: JSON.parse(JSON.stringify(steps)) as Prisma.InputJsonArray,
    },
  });
  const actors = {
    agent: await actorOf(agent.id),
    procurementHead: await actorOf(procurementHead.id),
    financeHead: await actorOf(financeHead.id),
    homeHead: await actorOf(homeHead.id),
    manager: await actorOf(manager.id),
    requester: await actorOf(requester.id),
    colleague: await actorOf(colleague.id),
    stranger: await actorOf(stranger.id),
  };
  return { procurement, finance, home, type, ...actors };
}

type Purchasing = Awaited<ReturnType<typeof seedPurchasing>>;

async function file(p: Purchasing, amount: number, actor: Actor = p.requester, title = `Order ${uid()}`) {
  return fileRequest({ actor, input: { typeId: p.type.id, title, description: "Please buy it.", submissionKey: `k-${uid()}`, fieldValues: { amount } } });
}

const stepsOf = (requestId: string) =>
  db().approvalStep.findMany({ where: { requestId }, orderBy: { position: "asc" }, include: { approvers: { orderBy: { personId: "asc" } } } });
const found = async (actor: Actor, query: string) => {
  const result = await searchRequests({ actor, query });
  return result.kind === "results" ? result.hits.map((h) => h.id) : [];
};
const sees = async (actor: Actor, requestId: string) => (await db().request.count({ where: { AND: [{ id: requestId }, visibleRequests(actor)] } })) === 1;

describe("approvals of a purchase order", () => {
  it("waits for the manager, then Finance above the limit; Procurement starts at the last approval", async () => {
    const p = await seedPurchasing();
    const filed = await file(p, 8000);
    const request = await db().request.findUniqueOrThrow({ where: { id: filed.id } });
    expect(request.approvalState).toBe("PENDING");
    expect(request.assigneeId).toBeNull();
    // No clock runs and no agent was told while approvals are pending.
    expect(await db().slaClock.count({ where: { requestId: filed.id } })).toBe(0);
    expect(await db().notification.count({ where: { requestId: filed.id, kind: "new_request" } })).toBe(0);

    let steps = await stepsOf(filed.id);
    expect(steps.map((s) => [s.name, s.state])).toEqual([["Manager", "PENDING"], ["Finance", "WAITING"]]);
    expect(steps[0]!.approvers.map((a) => a.personId)).toEqual([p.manager.id]);
    expect(steps[0]!.dueAt!.getTime() - steps[0]!.startedAt!.getTime()).toBe(8 * 3600_000);
    // The manager is asked, in the app and by email with a signed link.
    const mail = await db().emailDelivery.findFirstOrThrow({ where: { personId: p.manager.id, requestId: filed.id, kind: "approval_request" } });
    expect(mail.text).toMatch(/\/approve\/[\w-]+\.[\w-]+/);

    // Approvers see the public side while asked; the next step's approver does not yet.
    expect(await sees(p.manager, filed.id)).toBe(true);
    expect(await sees(p.financeHead, filed.id)).toBe(false);
    const view = await getRequest({ actor: p.manager, reference: filed.reference });
    expect(view.viewer.can).toMatchObject({ view: true, approve: true, seeInternal: false, reply: false, changeStatus: false });
    expect(view.timeline.some((t) => t.kind === "event" && t.type === "approval_requested")).toBe(true);

    const first = await decideApproval({ actor: p.manager, input: { stepId: steps[0]!.id, decision: "APPROVED" } });
    expect(first).toMatchObject({ outcome: "APPROVED", requestOutcome: "PENDING" });
    steps = await stepsOf(filed.id);
    expect(steps.map((s) => s.state)).toEqual(["APPROVED", "PENDING"]);
    expect(steps[1]!.approvers.map((a) => a.personId)).toEqual([p.financeHead.id]);
    expect(await sees(p.manager, filed.id)).toBe(false);
    expect(await sees(p.financeHead, filed.id)).toBe(true);

    const approver = steps[1]!.approvers[0]!;
    const token = signApprovalLink({ approverId: approver.id, stepId: steps[1]!.id, personId: p.financeHead.id }, approvalLinkKey()!);
    const second = await decideByLink({ actor: p.financeHead, input: { token, decision: "APPROVED" } });
    expect(second).toMatchObject({ outcome: "APPROVED", requestOutcome: "APPROVED" });

    const after = await db().request.findUniqueOrThrow({ where: { id: filed.id } });
    expect(after.approvalState).toBe("APPROVED");
    const clocks = await db().slaClock.findMany({ where: { requestId: filed.id, segment: 0 } });
    expect(clocks.map((c) => c.metric).sort()).toEqual(["FIRST_RESPONSE", "RESOLUTION"]);
    const approvedAt = (await db().approvalStep.findUniqueOrThrow({ where: { id: steps[1]!.id } })).decidedAt!;
    for (const clock of clocks) expect(clock.startedAt.getTime()).toBe(approvedAt.getTime());
    expect(await db().notification.count({ where: { requestId: filed.id, kind: "new_request", personId: p.agent.id } })).toBe(1);
    expect(await db().notification.count({ where: { requestId: filed.id, kind: "approval_outcome", personId: p.requester.id } })).toBe(1);
    // Every decision is in the timeline and the audit log.
    const decided = await db().requestEvent.findMany({ where: { requestId: filed.id, type: "approval_decided" }, orderBy: { id: "asc" } });
    expect(decided.map((e) => [e.actorId, (e.to as { via: string }).via])).toEqual([[p.manager.id, "app"], [p.financeHead.id, "email"]]);
    expect(await db().auditEvent.count({ where: { subject: `request:${filed.id}`, action: "approval.approved" } })).toBe(2);
    // Now Procurement works it.
    await updateRequest({ actor: p.agent, input: { requestId: filed.id, expectedVersion: after.version, assigneeId: p.agent.id } });
    // The link worked once.
    await expectAppError(decideByLink({ actor: p.financeHead, input: { token, decision: "APPROVED" } }), "CONFLICT");
  });

  it("below the limit asks the manager only", async () => {
    const p = await seedPurchasing();
    const filed = await file(p, 1200);
    expect((await stepsOf(filed.id)).map((s) => s.name)).toEqual(["Manager"]);
  });

  it("nobody works a request waiting for approval", async () => {
    const p = await seedPurchasing();
    const filed = await file(p, 100);
    const { version } = await db().request.findUniqueOrThrow({ where: { id: filed.id } });
    const waiting = /waiting for approval/;
    expect((await expectAppError(updateRequest({ actor: p.agent, input: { requestId: filed.id, expectedVersion: version, status: "OPEN" } }), "CONFLICT")).message).toMatch(waiting);
    expect((await expectAppError(updateRequest({ actor: p.agent, input: { requestId: filed.id, expectedVersion: version, assigneeId: p.agent.id } }), "CONFLICT")).message).toMatch(waiting);
    expect((await expectAppError(addComment({ actor: p.agent, input: { requestId: filed.id, body: "On it" } }), "CONFLICT")).message).toMatch(waiting);
    await expectAppError(
      transferRequest({ actor: p.agent, input: { requestId: filed.id, expectedVersion: version, toDepartmentId: p.finance.id, reason: "elsewhere" } }),
      "CONFLICT",
    );
    // The requester may still add to it.
    await addComment({ actor: p.requester, input: { requestId: filed.id, body: "The quote is attached." } });
    const view = await getRequest({ actor: p.agent, reference: filed.reference });
    expect(view.viewer.can).toMatchObject({ changeStatus: false, assign: false, reply: false, transfer: false, approve: false });
  });

  it("a rejection closes the request with the reason, told to the requester; it cannot be worked", async () => {
    const p = await seedPurchasing();
    const filed = await file(p, 9000);
    const [step] = await stepsOf(filed.id);
    await expectAppError(decideApproval({ actor: p.manager, input: { stepId: step!.id, decision: "REJECTED", reason: "" } }), "INVALID_INPUT");
    const result = await decideApproval({ actor: p.manager, input: { stepId: step!.id, decision: "REJECTED", reason: "Over the team budget" } });
    expect(result).toMatchObject({ outcome: "REJECTED", requestOutcome: "REJECTED" });
    const request = await db().request.findUniqueOrThrow({ where: { id: filed.id } });
    expect([request.status, request.approvalState]).toEqual(["CLOSED", "REJECTED"]);
    expect((await stepsOf(filed.id)).map((s) => s.state)).toEqual(["REJECTED", "REJECTED"]);
    const notice = await db().notification.findFirstOrThrow({ where: { requestId: filed.id, personId: p.requester.id, kind: "approval_outcome" } });
    expect(notice.body).toContain("Over the team budget");
    const completed = await db().requestEvent.findFirstOrThrow({ where: { requestId: filed.id, type: "approval_completed" } });
    expect(completed.to).toMatchObject({ outcome: "REJECTED", reason: "Over the team budget" });
    expect(await db().auditEvent.count({ where: { subject: `request:${filed.id}`, action: "approval.rejected" } })).toBe(1);
    await expectAppError(updateRequest({ actor: p.agent, input: { requestId: filed.id, expectedVersion: request.version, status: "OPEN" } }), "CONFLICT");
    await expectAppError(addComment({ actor: p.agent, input: { requestId: filed.id, body: "Hello" } }), "FORBIDDEN");
    expect(await db().slaClock.count({ where: { requestId: filed.id } })).toBe(0);
    // The next step never started, and its approver decides nothing.
    await expectAppError(decideApproval({ actor: p.manager, input: { stepId: step!.id, decision: "APPROVED" } }), "NOT_FOUND");
  });

  it("a non-approver cannot decide, and an approver of one request cannot see another", async () => {
    const p = await seedPurchasing();
    const mine = await file(p, 100);
    const colleagues = await file(p, 100, p.colleague);
    const [step] = await stepsOf(mine.id);
    // The department's agent sees the request, but does not approve it; others do not see it at all.
    expect((await expectAppError(decideApproval({ actor: p.agent, input: { stepId: step!.id, decision: "APPROVED" } }), "FORBIDDEN")).message).toMatch(/Only the people asked/);
    await expectAppError(decideApproval({ actor: p.stranger, input: { stepId: step!.id, decision: "APPROVED" } }), "NOT_FOUND");
    await expectAppError(decideApproval({ actor: p.financeHead, input: { stepId: step!.id, decision: "APPROVED" } }), "NOT_FOUND");
    // The colleague has no manager: their step went to their department's head, not to this manager.
    expect(await sees(p.manager, colleagues.id)).toBe(false);
    await expectAppError(getRequest({ actor: p.manager, reference: colleagues.reference }), "NOT_FOUND");
    expect((await stepsOf(colleagues.id))[0]!.approvers.map((a) => a.personId)).toEqual([p.homeHead.id]);
    const [colleagueStep] = await stepsOf(colleagues.id);
    await expectAppError(decideApproval({ actor: p.manager, input: { stepId: colleagueStep!.id, decision: "APPROVED" } }), "NOT_FOUND");
  });

  it("a used, foreign, forged or expired link is refused", async () => {
    const p = await seedPurchasing();
    const filed = await file(p, 100);
    const [step] = await stepsOf(filed.id);
    const row = step!.approvers[0]!;
    const key = approvalLinkKey()!;
    const token = signApprovalLink({ approverId: row.id, stepId: step!.id, personId: p.manager.id }, key);
    // Foreign: signed in as someone else.
    await expectAppError(decideByLink({ actor: p.colleague, input: { token, decision: "APPROVED" } }), "FORBIDDEN");
    // Forged: a link for the colleague naming the manager's approver row.
    const forged = signApprovalLink({ approverId: row.id, stepId: step!.id, personId: p.colleague.id }, key);
    await expectAppError(decideByLink({ actor: p.colleague, input: { token: forged, decision: "APPROVED" } }), "CONFLICT");
    await expectAppError(decideByLink({ actor: p.manager, input: { token: `${token.slice(0, -2)}xx`, decision: "APPROVED" } }), "CONFLICT");
    const old = signApprovalLink({ approverId: row.id, stepId: step!.id, personId: p.manager.id, issuedAt: new Date(Date.now() - 31 * 86_400_000) }, key);
    expect((await expectAppError(decideByLink({ actor: p.manager, input: { token: old, decision: "APPROVED" } }), "CONFLICT")).message).toMatch(/expired/);
    await expectAppError(decideByLink({ actor: p.manager, input: { token: "not a token at all", decision: "APPROVED" } }), "CONFLICT");
    await decideByLink({ actor: p.manager, input: { token, decision: "APPROVED" } });
    expect((await expectAppError(decideByLink({ actor: p.manager, input: { token, decision: "REJECTED", reason: "Changed my mind" } }), "CONFLICT")).message).toMatch(/used already/);
  });

  it("a requester never approves their own request: the step goes to the approving side's head", async () => {
    const p = await seedPurchasing();
    // The manager files a purchase order where they are named; their own manager is nobody.
    await db().requestType.update({
      where: { id: p.type.id },
      data: { approvalSteps: [{ name: "Budget owners", approver: { kind: "people", personIds: [p.manager.id] }, rule: { kind: "all" }, targetHours: 8 }] },
    });
    const filed = await file(p, 100, p.manager);
    const [step] = await stepsOf(filed.id);
    expect(step!.approvers.map((a) => a.personId)).toEqual([p.homeHead.id]);
    const event = await db().requestEvent.findFirstOrThrow({ where: { requestId: filed.id, type: "approval_requested" } });
    expect(event.to).toMatchObject({ escalated: true });
    await expectAppError(decideApproval({ actor: p.manager, input: { stepId: step!.id, decision: "APPROVED" } }), "FORBIDDEN");
  });

  it("all of a group must approve under 'all', and N under 'count'", async () => {
    const p = await seedPurchasing();
    await db().requestType.update({
      where: { id: p.type.id },
      data: { approvalSteps: [{ name: "Board", approver: { kind: "people", personIds: [p.manager.id, p.homeHead.id, p.financeHead.id] }, rule: { kind: "count", count: 2 }, targetHours: 8 }] },
    });
    const filed = await file(p, 100);
    const [step] = await stepsOf(filed.id);
    expect(step!.required).toBe(2);
    expect((await decideApproval({ actor: p.manager, input: { stepId: step!.id, decision: "APPROVED" } })).requestOutcome).toBe("PENDING");
    await expectAppError(decideApproval({ actor: p.manager, input: { stepId: step!.id, decision: "APPROVED" } }), "CONFLICT");
    expect((await decideApproval({ actor: p.financeHead, input: { stepId: step!.id, decision: "APPROVED" } })).requestOutcome).toBe("APPROVED");
    // The third approver no longer sees it, and decides nothing.
    await expectAppError(decideApproval({ actor: p.homeHead, input: { stepId: step!.id, decision: "APPROVED" } }), "NOT_FOUND");
  });

  it("delegation: a delegate set before the step decides; one set after it started takes the pending approval over", async () => {
    const p = await seedPurchasing();
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const before = await file(p, 100);
    await setDelegation({ actor: p.manager, input: { delegateId: p.colleague.id, from: day(-1), until: day(3) } });
    const [moved] = await stepsOf(before.id);
    expect(moved!.approvers.map((a) => [a.personId, a.onBehalfOfId])).toEqual([[p.colleague.id, p.manager.id]]);
    expect(await sees(p.manager, before.id)).toBe(false);
    expect(await sees(p.colleague, before.id)).toBe(true);
    expect(await db().requestEvent.count({ where: { requestId: before.id, type: "approval_delegated" } })).toBe(1);
    expect(await db().notification.count({ where: { requestId: before.id, personId: p.colleague.id, kind: "approval_request" } })).toBe(1);

    const after = await file(p, 100);
    const [step] = await stepsOf(after.id);
    expect(step!.approvers.map((a) => [a.personId, a.onBehalfOfId])).toEqual([[p.colleague.id, p.manager.id]]);
    await decideApproval({ actor: p.colleague, input: { stepId: step!.id, decision: "APPROVED" } });
    const decided = await db().requestEvent.findFirstOrThrow({ where: { requestId: after.id, type: "approval_decided" } });
    expect(decided.to).toMatchObject({ onBehalfOfId: p.manager.id });

    await expectAppError(setDelegation({ actor: p.manager, input: { delegateId: p.manager.id, from: day(0), until: day(1) } }), "INVALID_INPUT");
    await expectAppError(setDelegation({ actor: p.manager, input: { delegateId: p.colleague.id, from: day(2), until: day(1) } }), "INVALID_INPUT");
  });

  it("the Approvals page and the request page name what waits, what was decided and by whom; others read nothing", async () => {
    const p = await seedPurchasing();
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const big = await file(p, 8000, p.requester, "Big order");
    const small = await file(p, 100, p.requester, "Small order");
    const mine = await myApprovals({ actor: p.manager });
    // Oldest due first (the same target, so filing order), each named as the approver sees it.
    expect(mine.waiting.map((w) => [w.request.reference, w.request.title, w.stepName, w.onBehalfOf, w.overdue])).toEqual([
      [big.reference, "Big order", "Manager", null, false],
      [small.reference, "Small order", "Manager", null, false],
    ]);
    expect(mine.waiting[0]!.request).toMatchObject({ id: big.id, departmentName: p.procurement.name, requesterName: (await db().person.findUniqueOrThrow({ where: { id: p.requester.id } })).name });
    expect(mine.decided).toEqual([]);
    expect(mine.delegation).toBeNull();

    const [bigStep] = await stepsOf(big.id);
    await decideApproval({ actor: p.manager, input: { stepId: bigStep!.id, decision: "APPROVED", reason: "Budgeted" } });
    await setDelegation({ actor: p.manager, input: { delegateId: p.colleague.id, from: day(1), until: day(3) } });
    const later = await myApprovals({ actor: p.manager });
    expect(later.waiting.map((w) => w.request.id)).toEqual([small.id]);
    expect(later.decided.map((d) => [d.request.id, d.decision, d.reason, d.via, d.stepName])).toEqual([[big.id, "APPROVED", "Budgeted", "app", "Manager"]]);
    expect(later.delegation).toMatchObject({ delegate: { id: p.colleague.id }, active: false });
    // The colleague is not asked yet (the delegation starts tomorrow) and decided nothing.
    expect(await myApprovals({ actor: p.colleague })).toMatchObject({ waiting: [], decided: [], delegation: null });

    // The request page: every step in order with its approvers, for those who see the request.
    const steps = await requestApprovals({ actor: p.requester, requestId: big.id });
    expect(steps.map((s) => [s.name, s.state, s.approvers.map((a) => [a.personId, a.decision, a.reason])])).toEqual([
      ["Manager", "APPROVED", [[p.manager.id, "APPROVED", "Budgeted"]]],
      ["Finance", "PENDING", [[p.financeHead.id, null, null]]],
    ]);
    expect(await requestApprovals({ actor: p.agent, requestId: big.id })).toEqual(steps);
    // Someone the request policy hides it from reads no step at all; nor does anyone for a request without approvals.
    expect(await requestApprovals({ actor: p.stranger, requestId: big.id })).toEqual([]);
    expect(await requestApprovals({ actor: p.manager, requestId: big.id })).toEqual([]);
    expect(await requestApprovals({ actor: p.requester, requestId: "no-such-request" })).toEqual([]);
  });

  it("reads 'Awaiting approval' on my requests, the queue, its CSV and search until approved; the status filter 'New' still finds it", async () => {
    const p = await seedPurchasing();
    const word = `zq${uid()}`;
    const filed = await file(p, 100, p.requester, `Monitor arm ${word}`);
    const shown = async () => {
      const mine = (await listMyRequests({ actor: p.requester, show: "open", timeZone: "UTC" })).rows.find((r) => r.id === filed.id);
      const queued = (await listQueue({ actor: p.agent, departmentKey: p.procurement.key, filter: { status: "NEW" } })).rows.find((r) => r.id === filed.id);
      const search = await searchRequests({ actor: p.requester, query: word });
      const hit = search.kind === "results" ? search.hits.find((h) => h.id === filed.id) : undefined;
      const csv = await exportQueueCsv({ actor: p.agent, timeZone: "UTC", departmentKey: p.procurement.key, filter: { status: "NEW" } });
      const line = csv.body.split("\n").find((l) => l.includes(filed.reference)) ?? "";
      return { mine: mine && shownStatusLabel(mine), queued: queued && shownStatusLabel(queued), hit: hit && shownStatusLabel(hit), csv: line.includes("Awaiting approval") ? "Awaiting approval" : line.includes(",New,") ? "New" : line };
    };
    expect(await shown()).toEqual({ mine: "Awaiting approval", queued: "Awaiting approval", hit: "Awaiting approval", csv: "Awaiting approval" });
    // Someone outside the request is not shown it at all.
    expect((await listMyRequests({ actor: p.colleague, show: "all", timeZone: "UTC" })).rows.map((r) => r.id)).not.toContain(filed.id);

    const [step] = await stepsOf(filed.id);
    await decideApproval({ actor: p.manager, input: { stepId: step!.id, decision: "APPROVED" } });
    expect(await shown()).toEqual({ mine: "New", queued: "New", hit: "New", csv: "New" });
  });

  it("search finds a request through the approver standing, and only while it waits on them", async () => {
    const p = await seedPurchasing();
    const word = `zq${uid()}`;
    const filed = await file(p, 100, p.requester, `Standing desk ${word}`);
    expect(await found(p.manager, word)).toEqual([filed.id]);
    expect(await found(p.financeHead, word)).toEqual([]);
    const [step] = await stepsOf(filed.id);
    await decideApproval({ actor: p.manager, input: { stepId: step!.id, decision: "APPROVED" } });
    expect(await found(p.manager, word)).toEqual([]);
  });

  it("keeps the step's own service level: approvers reminded at 75 % and 100 %, the approving side's head told when overdue, each once", async () => {
    const p = await seedPurchasing();
    const filed = await file(p, 100);
    const [step] = await stepsOf(filed.id);
    // Round-the-clock hours of the approving side (the requester's home department): 8 hours to decide.
    expect(step!.departmentId).toBe(p.home.id);
    const start = step!.startedAt!.getTime();
    const reminders = () => db().notification.count({ where: { requestId: filed.id, personId: p.manager.id, kind: "approval_reminder" } });
    await sweepApprovals(db(), { now: new Date(start + 5 * 3600_000) });
    expect(await reminders()).toBe(0);
    await sweepApprovals(db(), { now: new Date(start + 6 * 3600_000 + 1) });
    await sweepApprovals(db(), { now: new Date(start + 6 * 3600_000 + 2) });
    expect(await reminders()).toBe(1);
    await Promise.all([sweepApprovals(db(), { now: new Date(start + 8 * 3600_000 + 1) }), sweepApprovals(db(), { now: new Date(start + 8 * 3600_000 + 1) })]);
    expect(await reminders()).toBe(2);
    expect(await db().notification.count({ where: { personId: p.homeHead.id, kind: "approval_reminder", title: { contains: filed.reference } } })).toBe(1);
  });

  it("the head edits a type's approval steps: checked names, conditions on the form's own fields, stale versions refused, audited", async () => {
    const p = await seedPurchasing();
    const version = p.type.version;
    const steps = [
      { name: "Budget owner", approver: { kind: "people" as const, personIds: [p.manager.id, p.colleague.id] }, rule: { kind: "count" as const, count: 2 }, targetHours: 4 },
      { name: "Finance", approver: { kind: "department_head" as const, departmentId: p.finance.id }, rule: { kind: "any" as const }, condition: { fieldKey: "amount", operator: "gte" as const, value: "10000" } },
    ];
    // Only the head of the providing department: its agent is told so, anyone else finds nothing.
    await expectAppError(setApprovalSteps({ actor: p.agent, input: { typeId: p.type.id, expectedVersion: version, steps } }), "FORBIDDEN");
    await expectAppError(setApprovalSteps({ actor: p.financeHead, input: { typeId: p.type.id, expectedVersion: version, steps } }), "NOT_FOUND");
    const bad = await expectAppError(
      setApprovalSteps({ actor: p.procurementHead, input: { typeId: p.type.id, expectedVersion: version, steps: [{ ...steps[1]!, condition: { fieldKey: "colour", operator: "eq", value: "red" } }] } }),
      "INVALID_INPUT",
    );
    expect(bad.fieldErrors).toEqual({ "steps.0.condition.fieldKey": ["Choose one of this form's fields"] });
    const tooMany = await expectAppError(
      setApprovalSteps({ actor: p.procurementHead, input: { typeId: p.type.id, expectedVersion: version, steps: [{ ...steps[0]!, rule: { kind: "count", count: 3 } }] } }),
      "INVALID_INPUT",
    );
    expect(tooMany.fieldErrors?.["steps.0.rule.count"]).toBeTruthy();
    await expectAppError(setApprovalSteps({ actor: p.procurementHead, input: { typeId: p.type.id, expectedVersion: version, steps: [{ ...steps[1]!, approver: { kind: "team", teamId: "nope" } }] } }), "INVALID_INPUT");
    expect((await db().requestType.findUniqueOrThrow({ where: { id: p.type.id } })).version).toBe(version);

    await setApprovalSteps({ actor: p.procurementHead, input: { typeId: p.type.id, expectedVersion: version, steps } });
    const saved = await db().requestType.findUniqueOrThrow({ where: { id: p.type.id } });
    expect(saved.approvalSteps).toMatchObject([{ name: "Budget owner", targetHours: 4, condition: null }, { name: "Finance", targetHours: 8 }]);
    expect(await db().auditEvent.count({ where: { subject: `request-type:${p.type.id}`, action: "catalog.type.approvals_set" } })).toBe(1);
    await expectAppError(setApprovalSteps({ actor: p.procurementHead, input: { typeId: p.type.id, expectedVersion: version, steps: [] } }), "CONFLICT");
    // A request filed now follows the new steps.
    const filed = await file(p, 20000);
    expect((await stepsOf(filed.id)).map((s) => [s.name, s.required])).toEqual([["Budget owner", 2], ["Finance", 1]]);
  });
});
