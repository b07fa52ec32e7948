import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { Prisma, type SlaMetric } from "@/lib/generated/prisma/client";
import { agentPerformance } from "@/lib/reports/agent-performance";
import { complianceTrend } from "@/lib/reports/compliance-trend";
import { agentDays, complianceDays, dayKey, dayStart, startOfDay, volumeDays, type DayRange } from "@/lib/reports/dashboard-days";
import { refreshDashboardRollup } from "@/lib/reports/dashboard-rollup";
import { requestVolume } from "@/lib/reports/request-volume";
import { slaCompliance } from "@/lib/reports/sla-compliance";
import { reopenRequest } from "@/lib/requests/reopen-request";
import { updateRequest } from "@/lib/requests/update-request";
import { recomputeClocks, refreshClocks } from "@/lib/service-levels/refresh-clocks";
import { actorOf, seedDesk, seedPerson, seedPolicies, seedRequestType, uid } from "../support/factories";
import { resetDashboardRollup } from "../support/report-fixtures";

/**
 * The dashboard-rollup job against the live SQL it stores: a March of varied requests in two
 * departments (a transfer, a reopened and re-resolved request, a breach decided days before its stop,
 * near-breaches, a reassignment, a running clock past due), the job run at a pinned instant in April.
 */
type Desk = Awaited<ReturnType<typeof seedDesk>>;
let desk: Desk;
let second: Actor;
let otherHead: Actor;
let otherType: string;
let reopenLater: string;

const at = (iso: string) => new Date(`2025-${iso}Z`);
const jobNow = at("04-10T12:00:00");
const march: DayRange = { from: at("03-01T00:00:00"), to: at("04-01T00:00:00") };

type Step = [type: string, when: string, to?: Prisma.InputJsonValue, from?: Prisma.InputJsonValue];

/** A request with its history written at the test's instants, its clocks derived from it as the app does. */
async function history(options: { status: Prisma.RequestUncheckedCreateInput["status"]; assigneeId?: string; resolvedAt?: string; moved?: boolean }, steps: Step[]) {
  const department = await db().department.update({ where: { id: options.moved ? desk.other.id : desk.provider.id }, data: { requestSeq: { increment: 1 } }, select: { requestSeq: true } });
  const createdAt = at(steps[0]![1]);
  const request = await db().request.create({
    data: {
      departmentId: options.moved ? desk.other.id : desk.provider.id,
      number: department.requestSeq,
      typeId: options.moved ? otherType : desk.type.id,
      title: "Roll-up",
      description: "For the roll-up test",
      status: options.status,
      priority: "NORMAL",
      requesterId: desk.requester.id,
      requesterDepartmentId: desk.other.id,
      assigneeId: options.assigneeId ?? null,
      submissionKey: `k-${uid()}`,
      createdAt,
      resolvedAt: options.resolvedAt ? at(options.resolvedAt) : null,
    },
  });
  const actorOfStep = (type: string, to?: Prisma.InputJsonValue) =>
    type === "commented" && (to as { byAgent?: boolean }).byAgent === false ? desk.requester.id : desk.agent.id;
  await db().requestEvent.createMany({
    data: steps.map(([type, when, to, from]) => ({ requestId: request.id, actorId: actorOfStep(type, to), type, to, from, createdAt: at(when) })),
  });
  // Derived as of April 1st: computed before the job's last run, so only later changes count as changes.
  await db().$transaction((tx) => refreshClocks(tx, request.id, at("04-01T00:00:00")));
  return request;
}

const reply: Prisma.InputJsonValue = { visibility: "PUBLIC", byAgent: true };
const created = (): Prisma.InputJsonValue => ({ status: "NEW", priority: "NORMAL", typeId: desk.type.id });
const status = (s: string, reopened = false): Prisma.InputJsonValue => ({ status: s, ...(reopened ? { reopened: true } : {}) });

beforeEach(async () => {
  await resetRollup();
  desk = await seedDesk();
  await seedPolicies(desk.provider.id, [{ firstResponse: 60, resolution: 480 }]);
  await seedPolicies(desk.other.id, [{ firstResponse: 60, resolution: 480 }]);
  otherType = (await seedRequestType({ departmentId: desk.other.id })).id;
  second = await actorOf((await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "AGENT", departmentId: desk.provider.id }] })).id);
  otherHead = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "HEAD", departmentId: desk.other.id }] })).id);
  const agent = desk.agent.id;
  const assigned = (id: string): Prisma.InputJsonValue => ({ assigneeId: id });

  // Met early, and met at 50 of 60 and 420 of 480 minutes (near-breaches).
  await history({ status: "RESOLVED", assigneeId: agent, resolvedAt: "03-03T12:00:00" }, [
    ["created", "03-03T09:00:00", created()],
    ["assigned", "03-03T09:10:00", assigned(agent)],
    ["commented", "03-03T09:30:00", reply],
    ["status_changed", "03-03T12:00:00", status("RESOLVED")],
  ]);
  await history({ status: "RESOLVED", assigneeId: agent, resolvedAt: "03-04T15:00:00" }, [
    ["created", "03-04T08:00:00", created()],
    ["assigned", "03-04T08:05:00", assigned(agent)],
    ["commented", "03-04T08:50:00", reply],
    ["status_changed", "03-04T15:00:00", status("RESOLVED")],
  ]);
  // Both clocks breach on the 5th and stop a week later.
  await history({ status: "RESOLVED", assigneeId: agent, resolvedAt: "03-13T10:00:00" }, [
    ["created", "03-05T08:00:00", created()],
    ["assigned", "03-05T08:05:00", assigned(agent)],
    ["commented", "03-12T10:00:00", reply],
    ["status_changed", "03-13T10:00:00", status("RESOLVED")],
  ]);
  // Filed to the provider, answered there, transferred to the other department and resolved there.
  await history({ status: "RESOLVED", resolvedAt: "03-07T09:00:00", moved: true }, [
    ["created", "03-06T08:00:00", created()],
    ["commented", "03-06T08:20:00", reply],
    ["transferred", "03-06T10:00:00", { departmentId: desk.other.id, typeId: otherType, assigneeId: null }, { departmentId: desk.provider.id, typeId: desk.type.id }],
    ["commented", "03-06T10:30:00", reply],
    ["status_changed", "03-07T09:00:00", status("RESOLVED")],
  ]);
  // Resolved on the 10th, reopened on the 17th, resolved again (late) on the 18th.
  await history({ status: "RESOLVED", assigneeId: agent, resolvedAt: "03-18T09:00:00" }, [
    ["created", "03-10T08:00:00", created()],
    ["assigned", "03-10T08:01:00", assigned(agent)],
    ["commented", "03-10T08:10:00", reply],
    ["status_changed", "03-10T10:00:00", status("RESOLVED")],
    ["status_changed", "03-17T09:00:00", status("OPEN", true)],
    ["status_changed", "03-18T09:00:00", status("RESOLVED")],
  ]);
  // Assigned to the agent, then to the second agent, who resolves it.
  await history({ status: "RESOLVED", assigneeId: second.id, resolvedAt: "03-12T12:00:00" }, [
    ["created", "03-11T08:00:00", created()],
    ["assigned", "03-11T09:00:00", assigned(agent)],
    ["commented", "03-11T09:05:00", reply],
    ["assigned", "03-12T09:00:00", assigned(second.id)],
    ["status_changed", "03-12T12:00:00", status("RESOLVED")],
  ]);
  // Still open, never answered: both clocks breached on the 20th, as judged now.
  await history({ status: "OPEN", assigneeId: agent }, [
    ["created", "03-20T08:00:00", created()],
    ["assigned", "03-20T08:01:00", assigned(agent)],
  ]);
  // Resolved on the 24th; the tests reopen and resolve it again long after.
  reopenLater = (
    await history({ status: "RESOLVED", assigneeId: agent, resolvedAt: "03-24T10:00:00" }, [
      ["created", "03-24T08:00:00", created()],
      ["assigned", "03-24T08:01:00", assigned(agent)],
      ["commented", "03-24T08:15:00", reply],
      ["status_changed", "03-24T10:00:00", status("RESOLVED")],
    ])
  ).id;
});

/** No roll-up state: neither this file's nor that of a job an earlier test file ran at the real time. */
const resetRollup = resetDashboardRollup;
afterEach(resetRollup);

/** Everything the dashboard shows of March and Q1 for both departments, as of `now`. */
async function figures(now = jobNow) {
  const out = [];
  for (const [actor, departmentKey] of [
    [desk.head, desk.provider.key],
    [otherHead, desk.other.key],
  ] as const) {
    for (const period of ["2025-03", "2025-Q1"]) {
      const options = { actor, departmentKey, period, now };
      const [trend, volume, agents] = await Promise.all([complianceTrend(options), requestVolume(options), agentPerformance(options)]);
      out.push({ departmentKey, period, points: trend.points, totals: trend.totals, volume: [volume.byType, volume.byRequesterDepartment, volume.totals], agents: agents.rows });
    }
  }
  return out;
}

/** The stored rows of both departments for March, and what the definitions compute live now. */
async function storedAndLive(now = jobNow) {
  const ids = [desk.provider.id, desk.other.id];
  const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  const stored = await Promise.all([
    db().$queryRaw<object[]>`SELECT "departmentId", "day"::text AS "day", "metric"::text AS "metric", "met", "breached", "nearBreach", "everBreached" FROM "DashboardComplianceDay" WHERE "departmentId" = ANY(${ids}) AND "day" >= '2025-03-01' AND "day" < '2025-04-01'`,
    db().$queryRaw<object[]>`SELECT "departmentId", "day"::text AS "day", "typeId", "requesterDepartmentId", "created", "resolved" FROM "DashboardVolumeDay" WHERE "departmentId" = ANY(${ids}) AND "day" >= '2025-03-01' AND "day" < '2025-04-01'`,
    db().$queryRaw<object[]>`SELECT "departmentId", "day"::text AS "day", "agentId", "assigned", "resolved", "resolutionMet", "resolutionBreached" FROM "DashboardAgentDay" WHERE "departmentId" = ANY(${ids}) AND "day" >= '2025-03-01' AND "day" < '2025-04-01'`,
  ]);
  const live = await Promise.all([
    db().$queryRaw<object[]>`SELECT "departmentId", "day"::text AS "day", "metric"::text AS "metric", "met", "breached", "nearBreach", "everBreached" FROM (${complianceDays(march, ids, now)}) x`,
    db().$queryRaw<object[]>`SELECT "departmentId", "day"::text AS "day", "typeId", "requesterDepartmentId", "created", "resolved" FROM (${volumeDays(march, ids)}) x`,
    db().$queryRaw<object[]>`SELECT "departmentId", "day"::text AS "day", "agentId", "assigned", "resolved", "resolutionMet", "resolutionBreached" FROM (${agentDays(march, ids)}) x`,
  ]);
  return { stored: stored.map(sorted), live: live.map(sorted) };
}

const markers = async () => new Map((await db().dashboardRollupDay.findMany()).map((m) => [dayKey(m.day), m.computedAt.toISOString()]));
const forgetAll = () => db().$executeRaw`DELETE FROM "DashboardRollupDay"`;

describe("the dashboard roll-up", () => {
  it("stores what the live SQL computes, and the dashboard reads the same figures from it", async () => {
    const live = await figures();
    const provider = live.find((f) => f.departmentKey === desk.provider.key && f.period === "2025-03")!;
    // The figures are not trivially equal: the March of the provider as the rules count it.
    // First response: met on the 3rd, 4th (near), 6th (before the transfer), 10th and 24th; breached
    // on the 5th (stopped on the 12th, not counted again), the 11th and the 20th (still running).
    expect(provider.totals.FIRST_RESPONSE).toMatchObject({ met: 5, breached: 3, nearBreach: 1 });
    expect(provider.points.map((p) => [p.byMetric.FIRST_RESPONSE.met, p.byMetric.FIRST_RESPONSE.breached])).toEqual([[3, 1], [1, 1], [0, 1], [1, 0], [0, 0]]);
    // Resolution: the reopened request counts once, breached on the 17th, not met on the 10th.
    expect(provider.totals.RESOLUTION).toMatchObject({ met: 4, breached: 4, nearBreach: 1 });
    expect(provider.points.map((p) => [p.byMetric.RESOLUTION.met, p.byMetric.RESOLUTION.breached])).toEqual([[3, 1], [0, 1], [0, 2], [1, 0], [0, 0]]);
    expect(provider.agents.find((r) => r.agent.id === desk.agent.id)).toMatchObject({ assigned: 7, resolved: 5 });
    expect(provider.agents.find((r) => r.agent.id === second.id)).toMatchObject({ assigned: 1, resolved: 1 });
    const other = live.find((f) => f.departmentKey === desk.other.key && f.period === "2025-03")!;
    expect(other.totals.RESOLUTION).toMatchObject({ met: 0, breached: 1 }); // its own segment, from the transfer
    expect(other.volume[2]).toEqual({ created: 1, resolved: 1 });

    const run = await refreshDashboardRollup(db(), { now: jobNow, batches: 2 });
    expect(run.changed).toBe(0);
    const marked = await markers();
    // Days are dates of each department's zone: yesterday (UTC) may still be under way somewhere, so
    // the days before it are stored, never yesterday or today.
    const yesterday = startOfDay(jobNow).getTime() - 86_400_000;
    for (let t = at("03-03T00:00:00").getTime(); t < yesterday; t += 86_400_000) expect(marked.has(dayKey(new Date(t)))).toBe(true);
    expect(marked.has(dayKey(new Date(yesterday)))).toBe(false);
    expect(marked.has(dayKey(jobNow))).toBe(false);

    const { stored, live: computed } = await storedAndLive();
    expect(stored).toEqual(computed);
    expect(stored.every((rows) => rows.length > 0)).toBe(true);
    expect(await figures()).toEqual(live);

    // A reader's live days (agentPerformance) read each listed agent's assignments by their own index
    // range: the same rows as the job's, those of the listed agents.
    const agents = [desk.agent.id, second.id];
    const columns = Prisma.sql`"departmentId", "day"::text AS "day", "agentId", "assigned", "resolved", "resolutionMet", "resolutionBreached"`;
    const perAgent = await db().$queryRaw<object[]>`SELECT ${columns} FROM (${agentDays(march, [desk.provider.id], agents)}) x`;
    const storedOfAgents = await db().$queryRaw<object[]>`SELECT ${columns} FROM "DashboardAgentDay"
      WHERE "departmentId" = ${desk.provider.id} AND "agentId" = ANY(${agents}) AND "day" >= '2025-03-01' AND "day" < '2025-04-01'`;
    const sorted = (rows: object[]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(sorted(perAgent)).toEqual(sorted(storedOfAgents));
    expect(perAgent.length).toBeGreaterThan(1);
  });

  it("moves a figure when an old request is reopened and resolved again, once the job has run", async () => {
    await refreshDashboardRollup(db(), { now: jobNow, batches: 2 });
    const before = await figures();
    const march24 = (await markers()).get("2025-03-24");
    expect(march24).toBe(jobNow.toISOString());

    // Today (long after March): the requester reopens it, the agent resolves it again.
    const { version } = await reopenRequest({ actor: desk.requester, input: { requestId: reopenLater, expectedVersion: 1, reason: "Still broken" }, windowDays: 100_000 });
    await updateRequest({ actor: desk.agent, input: { requestId: reopenLater, expectedVersion: version, status: "RESOLVED" } });
    // Until the job runs, the stored day still counts the first resolution: the live SQL no longer does.
    expect(await figures()).toEqual(before);
    const stale = await storedAndLive();
    expect(stale.stored).not.toEqual(stale.live);

    const later = new Date(jobNow.getTime() + 60_000);
    const run = await refreshDashboardRollup(db(), { now: later, batches: 2 });
    expect(run.changed).toBeGreaterThan(0);
    expect((await markers()).get("2025-03-24")).toBe(later.toISOString());
    const { stored, live } = await storedAndLive(later);
    expect(stored).toEqual(live);

    const after = await figures(later);
    const march = (f: typeof after) => f.find((x) => x.departmentKey === desk.provider.key && x.period === "2025-03")!;
    // Its resolution, its resolved count and the agent's resolution moved out of March.
    expect(march(after).totals.RESOLUTION.met).toBe(march(before).totals.RESOLUTION.met - 1);
    expect(march(after).volume[2]).toEqual({ created: (march(before).volume[2] as { created: number }).created, resolved: (march(before).volume[2] as { resolved: number }).resolved - 1 });
    const agentRow = (f: typeof after) => march(f).agents.find((r) => r.agent.id === desk.agent.id)!;
    expect(agentRow(after).resolved).toBe(agentRow(before).resolved - 1);
    // And the dashboard with every day live says the same.
    await forgetAll();
    expect(await figures(later)).toEqual(after);
  });

  it("backfills from the first request's day to yesterday, newest month first, a bounded number of months a run", async () => {
    const first = await refreshDashboardRollup(db(), { now: jobNow, batches: 1 });
    expect(first.computed).toBe(8); // April 1st to 8th: the 9th (yesterday) may still be under way in some zone
    expect([...(await markers()).keys()].sort()).toEqual(Array.from({ length: 8 }, (_, i) => `2025-04-0${i + 1}`));
    let { remaining } = first;
    for (let i = 1; remaining > 0; i++) {
      const run = await refreshDashboardRollup(db(), { now: new Date(jobNow.getTime() + i * 60_000), batches: 12 });
      expect(run.remaining).toBeLessThan(remaining);
      remaining = run.remaining;
    }
    // Every day from the first request's (of any test, in the zone furthest behind UTC) to the day before yesterday.
    const [oldest] = await db().$queryRaw<{ day: string }[]>`SELECT (min("createdAt") - interval '15 hours')::date::text AS "day" FROM "Request"`;
    const marked = await markers();
    expect(marked.size).toBe((startOfDay(jobNow).getTime() - 86_400_000 - dayStart(oldest!.day).getTime()) / 86_400_000);
    expect(marked.has(dayKey(jobNow))).toBe(false);
    const { stored, live } = await storedAndLive();
    expect(stored).toEqual(live);
  });

  it("forgets the days recomputeClocks changes (a policy's target), so they are read live until the job runs again", async () => {
    await refreshDashboardRollup(db(), { now: jobNow, batches: 2 });
    const before = await figures();
    // The first response target goes from 60 to 40 minutes: the 50-minute reply of the 4th breaches now.
    await db().slaPolicy.updateMany({ where: { departmentId: desk.provider.id }, data: { firstResponseMinutes: 40 } });
    await recomputeClocks(db(), { departmentId: desk.provider.id, now: jobNow });
    const marked = await markers();
    expect(marked.has("2025-03-04")).toBe(false);
    expect(marked.has("2025-04-05")).toBe(true); // no clock of the department was decided then

    const after = await figures();
    const march = (f: typeof after) => f.find((x) => x.departmentKey === desk.provider.key && x.period === "2025-03")!;
    expect(march(after).totals.FIRST_RESPONSE.breached).toBe(march(before).totals.FIRST_RESPONSE.breached + 1);

    await refreshDashboardRollup(db(), { now: new Date(jobNow.getTime() + 60_000), batches: 2 });
    expect((await markers()).has("2025-03-04")).toBe(true);
    expect(await figures()).toEqual(after);
    const { stored, live } = await storedAndLive();
    expect(stored).toEqual(live);
  });
});

describe("the SLA report's per-metric view over the roll-up", () => {
  it("reads the whole days the job has stored, computes the others and the period's partial edges live, and gives the clocks' figures", async () => {
    const agent = desk.agent.id;
    // Breached its resolution on the 26th, reopened and resolved again in time on the 27th: ever breached, counted met.
    await history({ status: "RESOLVED", assigneeId: agent, resolvedAt: "03-27T10:00:00" }, [
      ["created", "03-25T08:00:00", created()],
      ["assigned", "03-25T08:01:00", { assigneeId: agent }],
      ["commented", "03-25T08:20:00", reply],
      ["status_changed", "03-26T12:00:00", status("RESOLVED")],
      ["status_changed", "03-27T09:00:00", status("OPEN", true)],
      ["status_changed", "03-27T10:00:00", status("RESOLVED")],
    ]);
    // Today (the day of jobNow, never stored): answered this morning.
    const today = await history({ status: "OPEN", assigneeId: agent }, [
      ["created", "04-10T08:00:00", created()],
      ["commented", "04-10T08:30:00", reply],
    ]);
    await db().$transaction((tx) => refreshClocks(tx, today.id, jobNow));

    // From mid-morning of March 3rd (a partial day of the department's zone, Berlin) to now.
    const options = { actor: desk.head, departmentKey: desk.provider.key, from: at("03-03T10:00:00"), to: jobNow, now: jobNow };
    // Grouped by priority the report is computed from the clocks over the whole period: the reference.
    const fromClocks = (await slaCompliance({ ...options, groupBy: "priority" })).totals;
    const perMetric = async () => {
      const report = await slaCompliance({ ...options, groupBy: "metric" });
      // The rows of the per-metric view are its totals per metric.
      expect(Object.fromEntries(report.rows.map((r) => [r.key, r.byMetric[r.key as SlaMetric]]))).toEqual(report.totals.byMetric);
      return report.totals;
    };
    // The fixture is not trivial: the partial first day, today and an "ever breached" resolution all count.
    expect(fromClocks.byMetric.FIRST_RESPONSE.met).toBeGreaterThan(0);
    expect(fromClocks.byMetric.RESOLUTION.everBreached).toBeGreaterThan(fromClocks.byMetric.RESOLUTION.breached);
    expect(await perMetric()).toEqual(fromClocks); // nothing stored yet: every day live

    await refreshDashboardRollup(db(), { now: jobNow, batches: 2 });
    expect((await markers()).has("2025-03-04")).toBe(true);
    expect(await perMetric()).toEqual(fromClocks);

    // The stored days are what it reads: a stored row changed under a marker changes the figure...
    await db().$executeRaw`UPDATE "DashboardComplianceDay" SET "met" = "met" + 100 WHERE "departmentId" = ${desk.provider.id} AND "day" = '2025-03-04' AND "metric" = 'FIRST_RESPONSE'`;
    expect((await perMetric()).byMetric.FIRST_RESPONSE.met).toBe(fromClocks.byMetric.FIRST_RESPONSE.met + 100);
    // ...and a day without a marker (forgotten, stale rows left behind, or never computed) is read live.
    await db().$executeRaw`DELETE FROM "DashboardRollupDay" WHERE "day" IN ('2025-03-04', '2025-03-20')`;
    await db().$executeRaw`UPDATE "DashboardComplianceDay" SET "breached" = "breached" + 7, "everBreached" = "everBreached" + 7 WHERE "departmentId" = ${desk.provider.id} AND "day" = '2025-03-20'`;
    expect(await perMetric()).toEqual(fromClocks);
    // A period of whole days only, and one within a single day, agree too.
    const days = { ...options, from: "2025-03-10", to: "2025-03-27" };
    expect((await slaCompliance({ ...days, groupBy: "metric" })).totals).toEqual((await slaCompliance({ ...days, groupBy: "priority" })).totals);
    const hours = { ...options, from: at("03-26T06:00:00"), to: at("03-26T18:00:00") };
    expect((await slaCompliance({ ...hours, groupBy: "metric" })).totals).toEqual((await slaCompliance({ ...hours, groupBy: "priority" })).totals);
  });
});
