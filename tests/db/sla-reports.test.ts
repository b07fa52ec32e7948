import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Prisma, SlaMetric } from "@/lib/generated/prisma/client";
import { complianceCsv } from "@/lib/reports/compliance-csv";
import { flaggedPauses } from "@/lib/reports/flagged-pauses";
import { pauseLog } from "@/lib/reports/pause-log";
import { slaCompliance } from "@/lib/reports/sla-compliance";
import { addComment } from "@/lib/requests/add-comment";
import { fileRequest } from "@/lib/requests/file-request";
import { reopenRequest } from "@/lib/requests/reopen-request";
import { updateRequest } from "@/lib/requests/update-request";
import { actorOf, seedDesk, seedPerson, seedPolicies, seedRequestType, uid } from "../support/factories";

type Desk = Awaited<ReturnType<typeof seedDesk>>;
let desk: Desk;
let policyId: string;

beforeEach(async () => {
  desk = await seedDesk();
  await seedPolicies(desk.provider.id, [{ firstResponse: 60, resolution: 480, nextReply: 120 }]);
  policyId = (await db().slaPolicy.findFirstOrThrow({ where: { departmentId: desk.provider.id } })).id;
});

const at = (iso: string) => new Date(iso);
const file = (title = "Broken chair") =>
  fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title, description: "It wobbles", submissionKey: `k-${uid()}` } });
const version = async (id: string) => (await db().request.findUniqueOrThrow({ where: { id } })).version;
const report = (options: { from: Date | string; to: Date | string; groupBy?: string; now?: Date }) =>
  slaCompliance({ actor: desk.head, departmentKey: desk.provider.key, ...options });

type ClockSpec = {
  metric?: SlaMetric;
  cycle?: number;
  state: "RUNNING" | "PAUSED" | "MET" | "BREACHED";
  stoppedAt?: string;
  dueAt?: string;
  breachedAt?: string;
};

/** A filed request whose clocks are replaced by exactly these, for period edges to the millisecond. */
async function withClocks(...clocks: ClockSpec[]): Promise<string> {
  const { id } = await file();
  await db().slaClock.deleteMany({ where: { requestId: id } });
  await db().slaClock.createMany({
    data: clocks.map(
      (c): Prisma.SlaClockCreateManyInput => ({
        requestId: id,
        departmentId: desk.provider.id,
        metric: c.metric ?? "FIRST_RESPONSE",
        cycle: c.cycle ?? 1,
        policyId,
        targetMinutes: 60,
        state: c.state,
        paused: c.state === "PAUSED",
        startedAt: at("2025-01-01T00:00:00Z"),
        stoppedAt: c.stoppedAt ? at(c.stoppedAt) : null,
        // A breached clock's due time is its breach time.
        dueAt: c.dueAt ? at(c.dueAt) : c.breachedAt ? at(c.breachedAt) : null,
        breachedAt: c.breachedAt ? at(c.breachedAt) : null,
        elapsedMinutes: 0,
        computedAt: at("2025-01-01T00:00:00Z"),
      }),
    ),
  });
  return id;
}

const event = (requestId: string, actorId: string, type: string, createdAt: string, change: { from?: object; to?: object }) =>
  db().requestEvent.create({ data: { requestId, actorId, type, createdAt: at(createdAt), from: change.from, to: change.to } });

// The period of the synthetic clocks, and the instant "still running" is judged at.
const P = { from: at("2025-03-03T00:00:00Z"), to: at("2025-03-10T00:00:00Z"), now: at("2025-03-08T00:00:00Z") };

describe("SLA compliance for a period", () => {
  let ids: Record<string, string>;

  beforeEach(async () => {
    ids = {
      metOnFrom: await withClocks({ state: "MET", stoppedAt: "2025-03-03T00:00:00Z" }),
      met: await withClocks({ state: "MET", stoppedAt: "2025-03-05T00:00:00Z" }),
      breachedStopped: await withClocks({ state: "BREACHED", breachedAt: "2025-03-05T00:00:00Z", stoppedAt: "2025-03-06T00:00:00Z" }),
      runningNotDue: await withClocks({ state: "RUNNING", dueAt: "2025-03-09T00:00:00Z" }),
      runningPastDue: await withClocks({ state: "RUNNING", dueAt: "2025-03-07T00:00:00Z" }),
      openBreached: await withClocks({ state: "BREACHED", breachedAt: "2025-03-04T00:00:00Z" }),
      breachedThenStoppedLater: await withClocks({ state: "BREACHED", breachedAt: "2025-03-04T00:00:00Z", stoppedAt: "2025-03-20T00:00:00Z" }),
      stoppedBefore: await withClocks({ state: "MET", stoppedAt: "2025-03-01T00:00:00Z" }),
      stoppedOnTo: await withClocks({ state: "MET", stoppedAt: "2025-03-10T00:00:00Z" }),
      paused: await withClocks({ state: "PAUSED" }),
      breachedBeforeStillOpen: await withClocks({ state: "BREACHED", breachedAt: "2025-02-20T00:00:00Z" }),
      // Resolution: the last cycle in the period counts; "ever breached" looks at every cycle up to it.
      breachedThenMet: await withClocks(
        { metric: "RESOLUTION", cycle: 1, state: "BREACHED", breachedAt: "2025-03-03T12:00:00Z", stoppedAt: "2025-03-04T00:00:00Z" },
        { metric: "RESOLUTION", cycle: 2, state: "MET", stoppedAt: "2025-03-06T00:00:00Z" },
      ),
      metThenBreached: await withClocks(
        { metric: "RESOLUTION", cycle: 1, state: "MET", stoppedAt: "2025-03-04T00:00:00Z" },
        { metric: "RESOLUTION", cycle: 2, state: "BREACHED", breachedAt: "2025-03-05T00:00:00Z", stoppedAt: "2025-03-06T00:00:00Z" },
      ),
      metOnce: await withClocks({ metric: "RESOLUTION", state: "MET", stoppedAt: "2025-03-05T00:00:00Z" }),
      breachedBeforePeriodThenMet: await withClocks(
        { metric: "RESOLUTION", cycle: 1, state: "BREACHED", breachedAt: "2025-02-09T00:00:00Z", stoppedAt: "2025-02-10T00:00:00Z" },
        { metric: "RESOLUTION", cycle: 2, state: "MET", stoppedAt: "2025-03-05T00:00:00Z" },
      ),
      reopenedStillRunning: await withClocks(
        { metric: "RESOLUTION", cycle: 1, state: "MET", stoppedAt: "2025-03-04T00:00:00Z" },
        { metric: "RESOLUTION", cycle: 2, state: "RUNNING", dueAt: "2025-03-09T00:00:00Z" },
      ),
    };
  });

  it("counts clocks that stopped or breached in the period, each once, and leaves running ones out", async () => {
    const r = await report({ ...P, groupBy: "metric" });
    const row = (m: SlaMetric) => r.rows.find((x) => x.key === m)!.byMetric[m];
    // met: on `from` and inside; breached: stopped in, stale running past due, open breached, breached in but stopped after.
    expect(row("FIRST_RESPONSE")).toEqual({ met: 2, breached: 4, total: 6, percent: 33.3 });
    expect(row("RESOLUTION")).toEqual({ met: 4, breached: 1, total: 5, percent: 80, everBreached: 3 });
    expect(row("NEXT_REPLY")).toEqual({ met: 0, breached: 0, total: 0, percent: null });
    expect(r.totals.all).toEqual({ met: 6, breached: 5, total: 11, percent: 54.5 });
    expect(r.rows.map((x) => x.label)).toEqual(["First response", "Resolution", "Next reply"]);
  });

  it("counts a clock that breached in one period and stopped in a later one once, as breached, in the period it breached (as the dashboard does)", async () => {
    const later = await report({ from: at("2025-03-15T00:00:00Z"), to: at("2025-03-22T00:00:00Z"), now: P.now });
    expect(later.totals.byMetric.FIRST_RESPONSE).toEqual({ met: 0, breached: 0, total: 0, percent: null });
  });

  it("judges a stored running clock at `now`: not yet due is not counted", async () => {
    const early = await report({ ...P, now: at("2025-03-06T00:00:00Z") });
    // The stale running clock (due 03-07) is not breached yet at 03-06.
    expect(early.totals.byMetric.FIRST_RESPONSE).toMatchObject({ met: 2, breached: 3 });
  });

  it("groups by priority, request type and the agent who held the request when it was decided", async () => {
    await db().request.update({ where: { id: ids.met! }, data: { priority: "HIGH" } });
    const otherType = await seedRequestType({ departmentId: desk.provider.id });
    await db().requestType.update({ where: { id: otherType.id }, data: { name: "Move" } });
    await db().request.update({ where: { id: ids.breachedStopped! }, data: { typeId: otherType.id } });
    await event(ids.met!, desk.head.id, "assigned", "2025-03-01T00:00:00Z", { from: { assigneeId: null }, to: { assigneeId: desk.agent.id } });
    await event(ids.breachedStopped!, desk.head.id, "assigned", "2025-03-01T00:00:00Z", { from: { assigneeId: null }, to: { assigneeId: desk.agent.id } });
    // Reassigned after the breach: the breach stays with the agent who had it.
    await event(ids.breachedStopped!, desk.head.id, "assigned", "2025-03-05T12:00:00Z", { from: { assigneeId: desk.agent.id }, to: { assigneeId: desk.head.id } });

    const byPriority = await report({ ...P, groupBy: "priority" });
    expect(byPriority.rows.map((x) => x.key)).toEqual(["LOW", "NORMAL", "HIGH", "URGENT"]);
    expect(byPriority.rows.find((x) => x.key === "HIGH")!.byMetric.FIRST_RESPONSE).toEqual({ met: 1, breached: 0, total: 1, percent: 100 });
    expect(byPriority.rows.find((x) => x.key === "LOW")!.all).toEqual({ met: 0, breached: 0, total: 0, percent: null });
    expect(byPriority.totals.byMetric.FIRST_RESPONSE).toMatchObject({ met: 2, breached: 4 });

    const byType = await report({ ...P, groupBy: "type" });
    expect(byType.rows.find((x) => x.label === "Move")!.byMetric.FIRST_RESPONSE).toEqual({ met: 0, breached: 1, total: 1, percent: 0 });

    const byAgent = await report({ ...P, groupBy: "agent" });
    const agentRow = byAgent.rows.find((x) => x.key === desk.agent.id)!;
    expect(agentRow.label).toBe(desk.agent.name);
    expect(agentRow.byMetric.FIRST_RESPONSE).toEqual({ met: 1, breached: 1, total: 2, percent: 50 });
    expect(byAgent.rows.find((x) => x.key === desk.head.id)).toBeUndefined();
    expect(byAgent.rows.at(-1)).toMatchObject({ key: null, label: "Unassigned" });
    expect(byAgent.rows.at(-1)!.byMetric.FIRST_RESPONSE).toMatchObject({ met: 1, breached: 3 });
  });

  it("exports the same numbers as CSV, with counts beside every percentage", async () => {
    const csv = complianceCsv(await report({ ...P, groupBy: "metric" })).split("\r\n");
    expect(csv[0]).toBe("Metric,Metric,Met,Breached,Total,Compliance %,Ever breached (resolution)");
    expect(csv).toContain("First response,First response,2,4,6,33.3,");
    expect(csv).toContain("Resolution,Resolution,4,1,5,80,3");
    expect(csv).toContain("Next reply,Next reply,0,0,0,,");
    expect(csv).toContain("All,All metrics,6,5,11,54.5,");
  });

  it("reads calendar days in the department's time zone, the end day included", async () => {
    // Europe/Berlin: 2025-03-05 is [03-04T23:00Z, 03-05T23:00Z): one clock met in it, one breached in it and stopped later.
    const r = await report({ from: "2025-03-05", to: "2025-03-05", now: P.now });
    expect(r.period).toEqual({ from: at("2025-03-04T23:00:00Z"), to: at("2025-03-05T23:00:00Z") });
    expect(r.totals.byMetric.FIRST_RESPONSE).toEqual({ met: 1, breached: 1, total: 2, percent: 50 });
  });
});

describe("SLA compliance from a request's real life", () => {
  it("counts the first response and the last resolution cycle once the request is resolved again", async () => {
    const from = new Date(Date.now() - 60_000);
    const { id } = await file();
    await file("Still running");
    await addComment({ actor: desk.agent, input: { requestId: id, body: "On it" } });
    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: await version(id), status: "RESOLVED" } });
    await reopenRequest({ actor: desk.requester, input: { requestId: id, expectedVersion: await version(id), reason: "Still wobbles" } });
    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: await version(id), status: "RESOLVED" } });

    const r = await report({ from, to: new Date(Date.now() + 60_000) });
    expect(r.totals.byMetric.FIRST_RESPONSE).toEqual({ met: 1, breached: 0, total: 1, percent: 100 });
    expect(r.totals.byMetric.RESOLUTION).toEqual({ met: 1, breached: 0, total: 1, percent: 100, everBreached: 0 });
  });
});

describe("who may see SLA reports", () => {
  it("refuses agents, heads of another department and employees", async () => {
    const otherHead = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "HEAD", departmentId: desk.other.id }] })).id);
    const period = { departmentKey: desk.provider.key, from: P.from, to: P.to };
    for (const actor of [desk.agent, otherHead, desk.requester, desk.outsiderAgent]) {
      await expect(slaCompliance({ actor, ...period })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(flaggedPauses({ actor, ...period })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(slaCompliance({ actor: desk.head, ...period, departmentKey: "NOPE" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a bad period or grouping with INVALID_INPUT", async () => {
    const bad = [
      { from: P.to, to: P.from },
      { from: P.from, to: P.from },
      { from: "2025-03-10", to: "2025-03-01" },
      { from: "2025-02-30", to: "2025-03-01" },
      { from: "yesterday", to: "2025-03-01" },
      { from: new Date("nope"), to: P.to },
      { from: "0000-01-01", to: P.to },
      { from: P.from, to: "9999-12-31T23:00:00-05:00" },
      { from: new Date(-8.64e15), to: P.to },
      { from: undefined, to: P.to },
      { from: P.from, to: P.to, groupBy: "mood" },
    ];
    for (const input of bad) {
      await expect(slaCompliance({ actor: desk.head, departmentKey: desk.provider.key, ...input })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    }
    await expect(flaggedPauses({ actor: desk.head, departmentKey: desk.provider.key, from: P.to, to: P.from })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});

describe("pause log and flagged pauses", () => {
  it("flags a pause set right after the requester answered, and logs who resumed it", async () => {
    const filed = await file();
    const id = filed.id;
    await addComment({ actor: desk.agent, input: { requestId: id, body: "Which chair?" } });
    await addComment({ actor: desk.requester, input: { requestId: id, body: "The blue one" } });
    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: await version(id), status: "WAITING_ON_REQUESTER" } });
    await addComment({ actor: desk.requester, input: { requestId: id, body: "Any news?" } });

    const log = await pauseLog({ actor: desk.agent, reference: filed.reference });
    expect(log.pauses).toHaveLength(1);
    expect(log.pauses[0]).toMatchObject({
      status: "WAITING_ON_REQUESTER",
      pausedBy: { id: desk.agent.id },
      resumedBy: { id: desk.requester.id },
      resumedTo: "OPEN",
    });
    expect(log.pauses[0]!.flag).not.toBeNull();
    expect(log.flagged).toBe(1);
  });

  it("flags within 5 minutes of the reply but not 30 minutes after, per agent over a period", async () => {
    const filed = await file();
    const id = filed.id;
    const reply = { to: { visibility: "PUBLIC", byAgent: false } };
    const pause = { from: { status: "OPEN" }, to: { status: "WAITING_ON_REQUESTER" } };
    const resume = { from: { status: "WAITING_ON_REQUESTER" }, to: { status: "OPEN" } };
    await event(id, desk.requester.id, "commented", "2025-05-05T10:00:00Z", reply);
    await event(id, desk.agent.id, "status_changed", "2025-05-05T10:03:00Z", pause);
    await event(id, desk.requester.id, "status_changed", "2025-05-05T11:00:00Z", resume);
    await event(id, desk.requester.id, "commented", "2025-05-05T12:00:00Z", reply);
    await event(id, desk.agent.id, "status_changed", "2025-05-05T12:30:00Z", pause);
    // An agent's public reply right before a pause is not the requester answering.
    await event(id, desk.head.id, "status_changed", "2025-05-05T13:00:00Z", resume);
    await event(id, desk.head.id, "commented", "2025-05-05T13:10:00Z", { to: { visibility: "PUBLIC", byAgent: true } });
    await event(id, desk.head.id, "status_changed", "2025-05-05T13:11:00Z", pause);

    const log = await pauseLog({ actor: desk.head, reference: filed.reference, now: at("2025-05-05T14:00:00Z") });
    expect(log.pauses.map((p) => [p.pausedAt.toISOString(), p.pausedBy?.id, p.flag?.minutesBefore ?? null, p.minutes])).toEqual([
      ["2025-05-05T10:03:00.000Z", desk.agent.id, 3, 57],
      ["2025-05-05T12:30:00.000Z", desk.agent.id, null, 30],
      ["2025-05-05T13:11:00.000Z", desk.head.id, null, 49],
    ]);

    const flagged = await flaggedPauses({ actor: desk.head, departmentKey: desk.provider.key, from: "2025-05-01", to: "2025-05-31" });
    expect(flagged.agents).toEqual([
      { agent: { id: desk.agent.id, name: desk.agent.name }, pauses: 2, flagged: 1 },
      { agent: { id: desk.head.id, name: desk.head.name }, pauses: 1, flagged: 0 },
    ]);
    expect(flagged.recent).toEqual([
      { reference: filed.reference, title: "Broken chair", pausedAt: at("2025-05-05T10:03:00Z"), agentId: desk.agent.id, repliedAt: at("2025-05-05T10:00:00Z") },
    ]);
    const outside = await flaggedPauses({ actor: desk.head, departmentKey: desk.provider.key, from: "2025-06-01", to: "2025-06-30" });
    expect(outside.totals).toEqual({ pauses: 0, flagged: 0 });
  });

  it("lists the latest flagged pauses newest first, beside the per-agent counts, from one statement", async () => {
    const [older, newer] = [await file(), await file()];
    const reply = { to: { visibility: "PUBLIC", byAgent: false } };
    const pause = { from: { status: "OPEN" }, to: { status: "WAITING_ON_REQUESTER" } };
    await event(older.id, desk.requester.id, "commented", "2025-05-06T09:00:00Z", reply);
    await event(older.id, desk.agent.id, "status_changed", "2025-05-06T09:02:00Z", pause);
    await event(newer.id, desk.requester.id, "commented", "2025-05-07T09:00:00Z", reply);
    await event(newer.id, desk.head.id, "status_changed", "2025-05-07T09:04:00Z", pause);
    const flagged = await flaggedPauses({ actor: desk.head, departmentKey: desk.provider.key, from: "2025-05-01", to: "2025-05-31" });
    expect(flagged.recent.map((r) => [r.reference, r.pausedAt.toISOString(), r.agentId, r.repliedAt.toISOString()])).toEqual([
      [newer.reference, "2025-05-07T09:04:00.000Z", desk.head.id, "2025-05-07T09:00:00.000Z"],
      [older.reference, "2025-05-06T09:02:00.000Z", desk.agent.id, "2025-05-06T09:00:00.000Z"],
    ]);
    expect(flagged.totals).toEqual({ pauses: 2, flagged: 2 });
    // One flagged pause each: in the order of their names.
    const byName = [desk.agent, desk.head].sort((a, b) => a.name.localeCompare(b.name));
    expect(flagged.agents.map((a) => [a.agent?.id, a.pauses, a.flagged])).toEqual(byName.map((p) => [p.id, 1, 1]));
  });

  it("shows the pause log to agents of the department only", async () => {
    const filed = await file();
    await expect(pauseLog({ actor: desk.outsiderAgent, reference: filed.reference })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(pauseLog({ actor: desk.requester, reference: filed.reference })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(pauseLog({ actor: desk.agent, reference: "not a reference" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(pauseLog({ actor: desk.agent, reference: filed.reference })).resolves.toMatchObject({ pauses: [], flagged: 0 });
  });
});
