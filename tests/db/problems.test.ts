import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { announceKnownIssue } from "@/lib/knowledge/announce-known-issue";
import { endKnownIssue } from "@/lib/knowledge/end-known-issue";
import { followKnownIssue } from "@/lib/knowledge/follow-known-issue";
import { listKnownIssues } from "@/lib/knowledge/list-known-issues";
import { linkToProblem, unlinkFromProblem } from "@/lib/problems/link-to-problem";
import { listProblems } from "@/lib/problems/list-problems";
import { resolveProblem } from "@/lib/problems/resolve-problem";
import { addWatcher } from "@/lib/requests/add-watcher";
import { requestRelations } from "@/lib/requests/request-relations";
import { fileRequest } from "@/lib/requests/file-request";
import { formatReference } from "@/lib/requests/reference";
import { updateRequest } from "@/lib/requests/update-request";
import { actorOf, seedDesk, seedPerson, seedPolicies, seedRequestType, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";

type Desk = Awaited<ReturnType<typeof seedDesk>>;
let desk: Desk;
beforeEach(async () => {
  desk = await seedDesk();
  await seedPolicies(desk.provider.id, [{ firstResponse: 60, resolution: 480 }]);
});

const file = (actor: Actor, title = "Printer down") =>
  fileRequest({ actor, input: { typeId: desk.type.id, title, description: "Nothing prints", submissionKey: `k-${uid()}` } });
const ref = async (id: string) => {
  const r = await db().request.findUniqueOrThrow({ where: { id }, include: { department: true } });
  return formatReference(r.department.key, r.number);
};
const row = (id: string) => db().request.findUniqueOrThrow({ where: { id } });

/** Three requesters each with a request linked to one problem; one requester's colleague follows. */
async function problemWithThree() {
  const requesters = await Promise.all([0, 1, 2].map(async () => actorOf((await seedPerson({ departmentId: desk.other.id })).id)));
  const problem = await file(desk.agent, "Printers on floor 3 are down");
  const linked = [];
  for (const r of requesters) linked.push(await file(r));
  const follower = await actorOf((await seedPerson({ departmentId: desk.other.id })).id);
  await addWatcher({ actor: requesters[0]!, input: { requestId: linked[0]!.id, personId: follower.id } });
  const problemReference = await ref(problem.id);
  for (const l of linked) await linkToProblem({ actor: desk.agent, input: { requestId: l.id, problemReference } });
  return { requesters, problem, linked, follower, problemReference };
}

describe("linking requests to a problem", () => {
  it("links open requests of the department and records it; refuses others and bad references", async () => {
    const { problem, linked, problemReference } = await problemWithThree();
    expect((await row(linked[0]!.id)).problemId).toBe(problem.id);
    expect(await db().requestEvent.count({ where: { requestId: linked[0]!.id, type: "problem_linked" } })).toBe(1);
    await expectAppError(linkToProblem({ actor: desk.requester, input: { requestId: linked[0]!.id, problemReference } }), "NOT_FOUND");
    const mine = await file(desk.requester);
    await expectAppError(linkToProblem({ actor: desk.requester, input: { requestId: mine.id, problemReference } }), "FORBIDDEN");
    await expectAppError(linkToProblem({ actor: desk.outsiderAgent, input: { requestId: mine.id, problemReference } }), "NOT_FOUND");
    const e = await expectAppError(linkToProblem({ actor: desk.agent, input: { requestId: mine.id, problemReference: "NOPE-1" } }), "NOT_FOUND");
    expect(e.fieldErrors).toHaveProperty("problemReference");
    await expectAppError(linkToProblem({ actor: desk.agent, input: { requestId: mine.id, problemReference: await ref(mine.id) } }), "INVALID_INPUT");
    // A problem with linked requests cannot become a symptom, and a symptom is no problem.
    await expectAppError(linkToProblem({ actor: desk.agent, input: { requestId: problem.id, problemReference: await ref(mine.id) } }), "CONFLICT");
    await expectAppError(linkToProblem({ actor: desk.agent, input: { requestId: mine.id, problemReference: await ref(linked[1]!.id) } }), "INVALID_INPUT");
    await unlinkFromProblem({ actor: desk.agent, input: { requestId: linked[2]!.id } });
    expect((await row(linked[2]!.id)).problemId).toBeNull();
  });
});

describe("a problem on the request page", () => {
  it("names the problem and its linked requests to those who see them, in filing order, and nothing to others", async () => {
    const { requesters, problem, linked, problemReference } = await problemWithThree();
    const onProblem = await requestRelations({ actor: desk.agent, requestId: problem.id });
    expect(onProblem.problem).toBeNull();
    expect(onProblem.linkedToProblem.map((l) => l.id)).toEqual(linked.map((l) => l.id));
    expect(onProblem.linkedToProblem[0]).toMatchObject({ reference: await ref(linked[0]!.id), title: "Printer down", status: "NEW" });
    const onLinked = await requestRelations({ actor: desk.agent, requestId: linked[1]!.id });
    expect(onLinked.problem).toMatchObject({ id: problem.id, reference: problemReference, title: "Printers on floor 3 are down" });
    expect(onLinked.linkedToProblem).toEqual([]);
    // A requester sees their own request but not the agent's problem: it is not named to them.
    expect((await requestRelations({ actor: requesters[1]!, requestId: linked[1]!.id })).problem).toBeNull();
    // Someone who does not see the request learns nothing of it.
    const stranger = await requestRelations({ actor: requesters[0]!, requestId: linked[2]!.id });
    expect(stranger).toEqual({ links: [], mergedInto: null, mergedFrom: [], formerReferences: [], problem: null, linkedToProblem: [] });
  });
});

describe("resolving a problem", () => {
  it("resolves every linked request with the fix, tells each requester and follower once, asks each to rate, and closes the clocks", async () => {
    const { requesters, problem, linked, follower } = await problemWithThree();
    await expectAppError(resolveProblem({ actor: desk.requester, input: { problemId: problem.id, fix: "x" } }), "NOT_FOUND");
    await expectAppError(resolveProblem({ actor: desk.agent, input: { problemId: problem.id, fix: " " } }), "INVALID_INPUT");
    const before = await db().notification.count({ where: { personId: { in: requesters.map((r) => r.id) } } });
    expect(before).toBe(0);

    const result = await resolveProblem({ actor: desk.agent, input: { problemId: problem.id, fix: "Replaced the fuser unit.", linked: "resolve" } });
    expect(result).toEqual({ resolved: 3, returned: 0 });
    for (const [i, l] of linked.entries()) {
      const r = await row(l.id);
      expect(r.status).toBe("RESOLVED");
      expect(r.resolvedAt).not.toBeNull();
      const comments = await db().comment.findMany({ where: { requestId: l.id, visibility: "PUBLIC" } });
      expect(comments.map((c) => c.body).join()).toContain("Replaced the fuser unit.");
      const notices = await db().notification.findMany({ where: { personId: requesters[i]!.id, requestId: l.id } });
      expect(notices.filter((n) => n.kind === "problem_resolved")).toHaveLength(1);
      expect(notices.find((n) => n.kind === "problem_resolved")!.body).toContain("Replaced the fuser unit.");
      expect(notices.filter((n) => n.kind === "rating_request")).toHaveLength(1);
      expect(notices.filter((n) => n.kind === "reply" || n.kind === "status_changed")).toHaveLength(0);
      const clocks = await db().slaClock.findMany({ where: { requestId: l.id, metric: "RESOLUTION" } });
      expect(clocks.every((c) => c.state === "MET")).toBe(true);
    }
    const followerNotices = await db().notification.findMany({ where: { personId: follower.id, requestId: linked[0]!.id } });
    expect(followerNotices.map((n) => n.kind)).toEqual(["problem_resolved"]);
    expect(await db().emailDelivery.count({ where: { personId: requesters[0]!.id, kind: "problem_resolved" } })).toBe(1);
    expect((await row(problem.id)).status).toBe("RESOLVED");
    await expectAppError(resolveProblem({ actor: desk.agent, input: { problemId: problem.id, fix: "again" } }), "CONFLICT");
  });

  it("returns the linked requests to their agent when the agent chooses so, still telling each requester once", async () => {
    const { requesters, problem, linked } = await problemWithThree();
    const { version } = await row(linked[0]!.id);
    await updateRequest({ actor: desk.agent, input: { requestId: linked[0]!.id, expectedVersion: version, assigneeId: desk.head.id } });
    const result = await resolveProblem({ actor: desk.agent, input: { problemId: problem.id, fix: "Driver rolled back.", linked: "return" } });
    expect(result).toEqual({ resolved: 0, returned: 3 });
    for (const [i, l] of linked.entries()) {
      expect((await row(l.id)).status).toBe("OPEN");
      expect(await db().notification.count({ where: { personId: requesters[i]!.id, requestId: l.id, kind: "problem_resolved" } })).toBe(1);
      expect(await db().notification.count({ where: { personId: requesters[i]!.id, requestId: l.id, kind: "rating_request" } })).toBe(0);
    }
    expect(await db().notification.count({ where: { personId: desk.head.id, requestId: linked[0]!.id, kind: "problem_resolved" } })).toBe(1);
    expect((await row(problem.id)).status).toBe("RESOLVED");
  });

  it("shows heads their problems with counts of linked requests and people affected", async () => {
    const { problem } = await problemWithThree();
    await expectAppError(listProblems({ actor: desk.agent, departmentId: desk.provider.id }), "FORBIDDEN");
    const rows = await listProblems({ actor: desk.head, departmentId: desk.provider.id });
    expect(rows.find((p) => p.id === problem.id)).toMatchObject({ linked: 3, openLinked: 3, peopleAffected: 5 });
  });
});

describe("known issues", () => {
  it("shows on the type's form and the catalogue, people follow instead of filing, and hear once when it ends", async () => {
    const otherType = await seedRequestType({ departmentId: desk.provider.id });
    await expectAppError(announceKnownIssue({ actor: desk.requester, input: { departmentId: desk.provider.id, title: "Printers down" } }), "FORBIDDEN");
    await expectAppError(announceKnownIssue({ actor: desk.agent, input: { departmentId: desk.provider.id, title: "P" } }), "INVALID_INPUT");
    const { id } = await announceKnownIssue({ actor: desk.agent, input: { departmentId: desk.provider.id, title: "Printers on floor 3 are down", requestTypeIds: [desk.type.id] } });
    expect((await listKnownIssues({ actor: desk.requester, departmentId: desk.provider.id, typeId: desk.type.id })).map((k) => k.id)).toEqual([id]);
    expect(await listKnownIssues({ actor: desk.requester, departmentId: desk.provider.id, typeId: otherType.id })).toEqual([]);
    expect((await listKnownIssues({ actor: desk.requester, departmentId: desk.provider.id })).map((k) => k.id)).toEqual([id]);
    const requests = await db().request.count({ where: { requesterId: desk.requester.id } });
    await followKnownIssue({ actor: desk.requester, input: { knownIssueId: id } });
    await followKnownIssue({ actor: desk.requester, input: { knownIssueId: id } });
    expect(await db().request.count({ where: { requesterId: desk.requester.id } })).toBe(requests);
    expect((await listKnownIssues({ actor: desk.requester, departmentId: desk.provider.id }))[0]).toMatchObject({ following: true, followerCount: 1 });
    await expectAppError(endKnownIssue({ actor: desk.outsiderAgent, input: { knownIssueId: id } }), "FORBIDDEN");
    await endKnownIssue({ actor: desk.agent, input: { knownIssueId: id, note: "New toner" } });
    await expectAppError(endKnownIssue({ actor: desk.agent, input: { knownIssueId: id } }), "CONFLICT");
    expect(await db().notification.count({ where: { personId: desk.requester.id, kind: "known_issue_ended" } })).toBe(1);
    expect(await listKnownIssues({ actor: desk.requester, departmentId: desk.provider.id })).toEqual([]);
    await expectAppError(followKnownIssue({ actor: desk.requester, input: { knownIssueId: id } }), "CONFLICT");
  });
});
