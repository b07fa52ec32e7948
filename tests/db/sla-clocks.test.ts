import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { addComment } from "@/lib/requests/add-comment";
import { fileRequest } from "@/lib/requests/file-request";
import { reopenRequest } from "@/lib/requests/reopen-request";
import { updateRequest } from "@/lib/requests/update-request";
import { loadPolicies } from "@/lib/service-levels/policies";
import { clockEvents, departmentsOf, metricColumn, recomputeClocks } from "@/lib/service-levels/refresh-clocks";
import { transferRequest } from "@/lib/requests/transfer-request";
import { deriveClocks, type PolicyResolver } from "@/lib/sla/clock";
import { seedDesk, seedPolicies, seedRequestType, uid } from "../support/factories";

type Desk = Awaited<ReturnType<typeof seedDesk>>;
let desk: Desk;

beforeEach(async () => {
  desk = await seedDesk();
  await seedPolicies(desk.provider.id, [
    { priorities: ["URGENT"], firstResponse: 15, resolution: 120 },
    { firstResponse: 60, resolution: 480, nextReply: 120 },
  ]);
});

const file = () =>
  fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title: "Broken chair", description: "It wobbles", submissionKey: `k-${uid()}` } });

const clocksOf = (requestId: string) => db().slaClock.findMany({ where: { requestId }, orderBy: [{ metric: "asc" }, { cycle: "asc" }] });
const version = async (id: string) => (await db().request.findUniqueOrThrow({ where: { id } })).version;

/** What the event log says the clocks are at the instant they were stored. */
async function recomputed(requestId: string, at: Date) {
  const request = await db().request.findUniqueOrThrow({ where: { id: requestId } });
  const events = await db().requestEvent.findMany({ where: { requestId }, orderBy: { id: "asc" } });
  // A transferred request ran under the policies of every department it passed through.
  const departments = departmentsOf(request.departmentId, events);
  const grants = await db().roleGrant.findMany({ where: { departmentId: { in: departments } } });
  const resolvers = new Map(await Promise.all(departments.map(async (d) => [d, (await loadPolicies(db(), d)).resolver] as const)));
  const policyFor: PolicyResolver = (typeId, priority, departmentId) => resolvers.get(departmentId ?? request.departmentId)!(typeId, priority);
  return deriveClocks({ events: clockEvents(events, new Set(grants.map((g) => g.personId))), policyFor, now: at });
}

async function expectStoredEqualsRecomputed(requestId: string) {
  const stored = await clocksOf(requestId);
  expect(stored.length).toBeGreaterThan(0);
  const derived = await recomputed(requestId, stored[0]!.computedAt);
  const departmentId = (await db().request.findUniqueOrThrow({ where: { id: requestId } })).departmentId;
  expect(
    stored
      .map((c) => [c.segment, c.departmentId, c.metric, c.cycle, c.state, c.paused, c.elapsedMinutes, c.dueAt?.toISOString() ?? null, c.breachedAt?.toISOString() ?? null, c.stoppedAt?.toISOString() ?? null])
      .sort(),
  ).toEqual(
    derived
      .map((c) => [
        c.segment,
        c.departmentId ?? departmentId,
        metricColumn[c.metric],
        c.cycle,
        c.state.toUpperCase(),
        c.paused,
        c.elapsedMinutes,
        c.dueAt?.toISOString() ?? null,
        c.breachedAt?.toISOString() ?? null,
        c.stoppedAt?.toISOString() ?? null,
      ])
      .sort(),
  );
}

describe("SLA clocks on the life of a request", () => {
  it("starts first response and resolution when a request is filed, due by the matching policy", async () => {
    const { id } = await file();
    const request = await db().request.findUniqueOrThrow({ where: { id } });
    const clocks = await clocksOf(id);
    expect(clocks.map((c) => [c.metric, c.state, c.targetMinutes])).toEqual([
      ["FIRST_RESPONSE", "RUNNING", 60],
      ["RESOLUTION", "RUNNING", 480],
    ]);
    expect(clocks[0]!.dueAt!.getTime() - request.createdAt.getTime()).toBe(60 * 60_000);
  });

  it("meets first response at the agent's first public reply, not at an internal note", async () => {
    const { id } = await file();
    await addComment({ actor: desk.agent, input: { requestId: id, body: "note", visibility: "INTERNAL" } });
    expect((await clocksOf(id))[0]!.state).toBe("RUNNING");
    await addComment({ actor: desk.agent, input: { requestId: id, body: "On it" } });
    expect((await clocksOf(id))[0]).toMatchObject({ metric: "FIRST_RESPONSE", state: "MET" });
    await expectStoredEqualsRecomputed(id);
  });

  it("pauses resolution while waiting on the requester, runs next reply from their answer, and re-targets on priority", async () => {
    const { id } = await file();
    await addComment({ actor: desk.agent, input: { requestId: id, body: "Which chair?" } });
    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: await version(id), status: "WAITING_ON_REQUESTER" } });
    expect((await clocksOf(id)).find((c) => c.metric === "RESOLUTION")).toMatchObject({ state: "PAUSED", paused: true, dueAt: null });
    await expectStoredEqualsRecomputed(id);

    await addComment({ actor: desk.requester, input: { requestId: id, body: "The blue one" } });
    const clocks = await clocksOf(id);
    expect(clocks.find((c) => c.metric === "RESOLUTION")).toMatchObject({ state: "RUNNING", paused: false });
    expect(clocks.find((c) => c.metric === "NEXT_REPLY")).toMatchObject({ state: "RUNNING", targetMinutes: 120 });
    await expectStoredEqualsRecomputed(id);

    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: await version(id), priority: "URGENT" } });
    expect((await clocksOf(id)).find((c) => c.metric === "RESOLUTION")).toMatchObject({ targetMinutes: 120 });
    await expectStoredEqualsRecomputed(id);
  });

  it("stops at resolution and starts a new cycle on reopen", async () => {
    const { id } = await file();
    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: 1, status: "RESOLVED" } });
    expect((await clocksOf(id)).map((c) => [c.metric, c.state])).toEqual([
      ["FIRST_RESPONSE", "MET"],
      ["RESOLUTION", "MET"],
    ]);
    await reopenRequest({ actor: desk.requester, input: { requestId: id, expectedVersion: 2, reason: "Still wobbly" } });
    const resolution = (await clocksOf(id)).filter((c) => c.metric === "RESOLUTION");
    expect(resolution.map((c) => [c.cycle, c.state])).toEqual([
      [1, "MET"],
      [2, "RUNNING"],
    ]);
    await expectStoredEqualsRecomputed(id);
  });

  it("gives a department without policies no clocks, and a bulk recompute matches the per-request state", async () => {
    const bare = await seedDesk();
    const { id } = await fileRequest({ actor: bare.requester, input: { typeId: bare.type.id, title: "No SLA", description: "x", submissionKey: `k-${uid()}` } });
    expect(await clocksOf(id)).toEqual([]);

    const { id: other } = await file();
    await addComment({ actor: desk.agent, input: { requestId: other, body: "Looking" } });
    const before = (await clocksOf(other)).map((c) => [c.metric, c.cycle, c.state, c.dueAt?.getTime()]);
    await recomputeClocks(db(), { departmentId: desk.provider.id });
    expect((await clocksOf(other)).map((c) => [c.metric, c.cycle, c.state, c.dueAt?.getTime()])).toEqual(before);
  });

  it("keeps the stored clocks equal to the event log when replies, a status change and a bulk recompute race", async () => {
    const { id } = await file();
    const results = await Promise.allSettled([
      addComment({ actor: desk.agent, input: { requestId: id, body: "On it", visibility: "PUBLIC" } }),
      addComment({ actor: desk.requester, input: { requestId: id, body: "Thanks, it is urgent" } }),
      updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: 1, status: "WAITING_ON_REQUESTER" } }),
      recomputeClocks(db(), { departmentId: desk.provider.id, batchSize: 2 }),
      addComment({ actor: desk.agent, input: { requestId: id, body: "Can you send a photo?", visibility: "PUBLIC" } }),
    ]);
    // Only the version check may refuse something, and only the status change, which read version 1.
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "STALE_VERSION" });
    await expectStoredEqualsRecomputed(id);
  });
  it("keeps the stored clocks, segments included, equal to the event log across a transfer and back", async () => {
    const { id } = await file();
    const receivingType = await seedRequestType({ departmentId: desk.other.id });
    await seedPolicies(desk.other.id, [{ firstResponse: 30, resolution: 240, nextReply: 60 }]);
    await addComment({ actor: desk.agent, input: { requestId: id, body: "Not ours, passing it on" } });
    await transferRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: await version(id), toDepartmentId: desk.other.id, typeId: receivingType.id, reason: "Theirs" } });
    await expectStoredEqualsRecomputed(id);

    await addComment({ actor: desk.outsiderAgent, input: { requestId: id, body: "Which room?" } });
    await updateRequest({ actor: desk.outsiderAgent, input: { requestId: id, expectedVersion: await version(id), status: "WAITING_ON_REQUESTER" } });
    await addComment({ actor: desk.requester, input: { requestId: id, body: "Room 2" } });
    await expectStoredEqualsRecomputed(id);
    expect(new Set((await clocksOf(id)).map((c) => c.segment))).toEqual(new Set([0, 1, 2]));

    await transferRequest({ actor: desk.outsiderAgent, input: { requestId: id, expectedVersion: await version(id), toDepartmentId: desk.provider.id, reason: "Back to you" } });
    await expectStoredEqualsRecomputed(id);
    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: await version(id), status: "RESOLVED" } });
    await expectStoredEqualsRecomputed(id);
    expect((await clocksOf(id)).filter((c) => c.stoppedAt === null)).toEqual([]);
  });
});

