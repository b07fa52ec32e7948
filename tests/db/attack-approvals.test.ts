import { describe, expect, it, vi } from "vitest";
import { approvalLinkKey, signApprovalLink } from "@/lib/approvals/approval-link";
import { decideByLink } from "@/lib/approvals/decide-approval";
import { approvalLinkTarget } from "@/lib/approvals/read-approvals";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { addComment } from "@/lib/requests/add-comment";
import { fileRequest } from "@/lib/requests/file-request";
import { getRequest } from "@/lib/requests/get-request";
import { ratingLinkKey } from "@/lib/satisfaction/rating-link";
import { searchRequests } from "@/lib/search/search-requests";
import { expectAppError } from "../support/expect-app-error";
import { actorOf, seedDepartment, seedPerson, uid } from "../support/factories";

vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET ??= "test-secret-for-approval-links-0123456789";
});

/**
 * Attack probes on approvals: what an approver reads while asked (the public side only), and
 * emailed links replayed across purposes, people and steps.
 */
async function seedApproval() {
  const provider = await seedDepartment();
  const home = await seedDepartment();
  const agent = await actorOf((await seedPerson({ departmentId: provider.id, roles: [{ role: "AGENT", departmentId: provider.id }] })).id);
  const manager = await actorOf((await seedPerson({ departmentId: home.id })).id);
  const second = await actorOf((await seedPerson({ departmentId: home.id })).id);
  const requester = await seedPerson({ departmentId: home.id });
  await db().person.update({ where: { id: requester.id }, data: { managerId: manager.id } });
  const steps = [
    { name: "Manager", approver: { kind: "manager" }, rule: { kind: "any" }, targetHours: 8 },
    { name: "Second", approver: { kind: "people", personIds: [second.id] }, rule: { kind: "any" }, targetHours: 8 },
  ];
  const type = await db().requestType.create({
    data: { departmentId: provider.id, slug: `po-${uid()}`, name: "Purchase order", fields: [], approvalSteps: JSON.parse(JSON.stringify(steps)) as Prisma.InputJsonArray },
  });
  const filed = await fileRequest({ actor: await actorOf(requester.id), input: { typeId: type.id, title: `Order ${uid()}`, description: "Please buy it.", submissionKey: `k-${uid()}`, fieldValues: {} } });
  const stepRows = await db().approvalStep.findMany({ where: { requestId: filed.id }, orderBy: { position: "asc" }, include: { approvers: true } });
  return { agent, manager, second, requester, filed, steps: stepRows };
}

describe("attack: what an approver reads", () => {
  it("sees the request's public side only while asked: no internal note in the timeline or in search", async () => {
    const a = await seedApproval();
    const word = `zebra${uid()}`;
    await addComment({ actor: a.agent, input: { requestId: a.filed.id, body: `Internal: supplier ${word} is under review`, visibility: "INTERNAL" } });
    const view = await getRequest({ actor: a.manager, reference: a.filed.reference });
    expect(view.viewer.can).toMatchObject({ view: true, approve: true, seeInternal: false });
    expect(JSON.stringify(view.timeline)).not.toContain(word);
    const search = await searchRequests({ actor: a.manager, query: word });
    expect(search.kind === "results" ? search.hits : []).toEqual([]);
    // The next step's approver is not asked yet: nothing at all.
    await expectAppError(getRequest({ actor: a.second, reference: a.filed.reference }), "NOT_FOUND");
  });
});

describe("attack: emailed approval links replayed", () => {
  it("refuses a rating link, a link for another step and a link once the step moved on; nothing is decided", async () => {
    const a = await seedApproval();
    const [first, next] = a.steps;
    const row = first!.approvers[0]!;
    // An approval link's very claims signed with the rating links' key: another purpose, refused.
    const rating = signApprovalLink({ approverId: row.id, stepId: first!.id, personId: a.manager.id }, ratingLinkKey()!);
    await expectAppError(decideByLink({ actor: a.manager, input: { token: rating, decision: "APPROVED" } }), "CONFLICT");
    expect((await approvalLinkTarget({ actor: a.manager, token: rating })).state).toBe("invalid");
    // A genuine link whose step is not the approver row's: refused as used, not decided.
    const crossed = signApprovalLink({ approverId: row.id, stepId: next!.id, personId: a.manager.id }, approvalLinkKey()!);
    await expectAppError(decideByLink({ actor: a.manager, input: { token: crossed, decision: "APPROVED" } }), "CONFLICT");
    expect((await approvalLinkTarget({ actor: a.manager, token: crossed })).state).toBe("used");
    expect(await db().approver.count({ where: { step: { requestId: a.filed.id }, decidedAt: { not: null } } })).toBe(0);

    // The manager's own link, used; then the same link is dead and the next approver's cannot be borrowed.
    const own = signApprovalLink({ approverId: row.id, stepId: first!.id, personId: a.manager.id }, approvalLinkKey()!);
    await decideByLink({ actor: a.manager, input: { token: own, decision: "APPROVED" } });
    await expectAppError(decideByLink({ actor: a.manager, input: { token: own, decision: "REJECTED", reason: "Changed my mind" } }), "CONFLICT");
    const nextRow = (await db().approver.findFirstOrThrow({ where: { stepId: next!.id } })).id;
    const borrowed = signApprovalLink({ approverId: nextRow, stepId: next!.id, personId: a.second.id }, approvalLinkKey()!);
    await expectAppError(decideByLink({ actor: a.manager, input: { token: borrowed, decision: "APPROVED" } }), "FORBIDDEN");
    expect(await db().approver.count({ where: { stepId: next!.id, decidedAt: { not: null } } })).toBe(0);
    // Decided, the manager no longer sees the request at all.
    await expectAppError(getRequest({ actor: a.manager, reference: a.filed.reference }), "NOT_FOUND");
  });
});
