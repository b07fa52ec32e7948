// HR's known-issue load per department (lib/reports/known-issue-load.ts) on the real database:
// issues in force in the period, hours in force, people following, requests linked to problems;
// only HR and admins may read it.
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { announceKnownIssue } from "@/lib/knowledge/announce-known-issue";
import { followKnownIssue } from "@/lib/knowledge/follow-known-issue";
import { linkToProblem } from "@/lib/problems/link-to-problem";
import { knownIssueLoad } from "@/lib/reports/known-issue-load";
import { monthOf } from "@/lib/satisfaction/figure-periods";
import { fileRequest } from "@/lib/requests/file-request";
import { expectAppError } from "../support/expect-app-error";
import { actorOf, seedDesk, seedPerson, uid } from "../support/factories";

let desk: Awaited<ReturnType<typeof seedDesk>>;
let hr: Actor;

beforeEach(async () => {
  desk = await seedDesk();
  hr = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "HR" }] })).id);
});

const file = (actor: Actor, title: string) => fileRequest({ actor, input: { typeId: desk.type.id, title, description: "x", submissionKey: `k-${uid()}` } });
const rowOf = async (period: string, now?: Date) => (await knownIssueLoad({ actor: hr, period, now })).rows.find((r) => r.key === desk.provider.key);

describe("known-issue load per department", () => {
  it("counts issues in force in the period, their hours, distinct followers and the period's requests linked to a problem", async () => {
    const month = monthOf(new Date());
    const a = await announceKnownIssue({ actor: desk.agent, input: { departmentId: desk.provider.id, title: "Printers on floor 3 are down", body: "", requestTypeIds: [] } });
    const b = await announceKnownIssue({ actor: desk.agent, input: { departmentId: desk.provider.id, title: "Lift B out of service", body: "", requestTypeIds: [] } });
    // One issue in force since the start of last month, so it counts in this month too but was not announced in it.
    const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1));
    await db().knownIssue.update({ where: { id: b.id }, data: { createdAt: lastMonth } });
    const colleague = await actorOf((await seedPerson({ departmentId: desk.other.id })).id);
    await followKnownIssue({ actor: desk.requester, input: { knownIssueId: a.id } });
    await followKnownIssue({ actor: desk.requester, input: { knownIssueId: b.id } });
    await followKnownIssue({ actor: colleague, input: { knownIssueId: b.id } });
    const problem = await file(desk.requester, "Printer queue stuck");
    const symptom = await file(colleague, "Cannot print");
    await linkToProblem({ actor: desk.agent, input: { requestId: symptom.id, problemReference: problem.reference } });

    const row = await rowOf(month);
    expect(row).toMatchObject({ issues: 2, announced: 1, followers: 2, linkedToProblems: 1 });
    // b has been in force since the start of this month (the month's share only), a for a moment.
    const sinceMonthStart = (Date.now() - Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)) / 3_600_000;
    expect(Math.abs(row!.issueHours - sinceMonthStart)).toBeLessThanOrEqual(1);

    // Last month: only b, announced then (its followers count: it was in force); this month's links do not.
    const before = await rowOf(monthOf(lastMonth));
    expect(before).toMatchObject({ issues: 1, announced: 1, linkedToProblems: 0 });
    // An issue ended before the period is not in force in it.
    await db().knownIssue.update({ where: { id: b.id }, data: { endedAt: new Date(lastMonth.getTime() + 3_600_000) } });
    expect(await rowOf(month)).toMatchObject({ issues: 1, announced: 1, followers: 1 });
    expect((await rowOf(monthOf(lastMonth)))?.issueHours).toBe(1);
  });

  it("is for HR and admins only: a head, an agent or an employee is refused, and a bad period is a message", async () => {
    for (const actor of [desk.head, desk.agent, desk.requester]) {
      await expectAppError(knownIssueLoad({ actor, period: monthOf(new Date()) }), "FORBIDDEN");
    }
    await expectAppError(knownIssueLoad({ actor: hr, period: "2026-13" }), "INVALID_INPUT");
    await expectAppError(knownIssueLoad({ actor: hr, period: "2999-01" }), "INVALID_INPUT");
  });
});
