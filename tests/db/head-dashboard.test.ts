import { parse } from "csv-parse/sync";
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { SlaMetric } from "@/lib/generated/prisma/client";
import { agentPerformance } from "@/lib/reports/agent-performance";
import { backlogByAge } from "@/lib/reports/backlog-by-age";
import { complianceTrend } from "@/lib/reports/compliance-trend";
import { dashboardPeriod } from "@/lib/reports/dashboard-period";
import { dashboardTable } from "@/lib/reports/dashboard-table";
import { agentsTable, backlogTable, complianceTable, satisfactionTable, tableCsv, volumeTable } from "@/lib/reports/dashboard-tables";
import { requestVolume } from "@/lib/reports/request-volume";
import { satisfactionTrend } from "@/lib/reports/satisfaction-trend";
import { slaCompliance } from "@/lib/reports/sla-compliance";
import { publishSatisfaction } from "@/lib/satisfaction/publish-satisfaction";
import { dashboardTables } from "@/lib/validation/dashboard";
import { actorOf, seedDesk, seedPerson, seedRequestType, uid } from "../support/factories";
import { resetDashboardRollup, seedReportDesk } from "../support/report-fixtures";
import { expectAppError } from "../support/expect-app-error";
import { isolatedYear, seedRatings } from "../support/ratings";

type ReportDesk = Awaited<ReturnType<typeof seedReportDesk>>;
let desk: ReportDesk["desk"];
let request: ReportDesk["request"];
let clocks: ReportDesk["clocks"];

beforeEach(async () => {
  await resetDashboardRollup();
  ({ desk, request, clocks } = await seedReportDesk({ startedAt: "2025-01-01T00:00:00Z" }));
});

const at = (iso: string) => new Date(iso);
const scope = (actor: Actor = desk.head) => ({ actor, departmentKey: desk.provider.key });

describe("dashboard period", () => {
  it("is the current quarter of the department's zone by default, months of a quarter, 7-day stretches of a month", () => {
    const now = at("2026-11-23T20:00:00Z");
    expect(dashboardPeriod(undefined, "UTC", now).key).toBe("2026-Q4");
    // 31 Dec 2026, 20:00 in New York is already 2027 in UTC and Berlin.
    expect(dashboardPeriod(undefined, "America/New_York", at("2027-01-01T01:00:00Z")).key).toBe("2026-Q4");
    expect(dashboardPeriod(undefined, "Europe/Berlin", at("2027-01-01T01:00:00Z")).key).toBe("2027-Q1");
    expect(dashboardPeriod("2026-Q4", "UTC", now).buckets.map((b) => b.key)).toEqual(["2026-10", "2026-11", "2026-12"]);
    const feb = dashboardPeriod("2026-02", "Europe/Berlin", now);
    // The period's instants are the zone's midnights: 1 Feb 00:00 CET is 31 Jan 23:00 UTC.
    expect([feb.start.toISOString(), feb.end.toISOString()]).toEqual(["2026-01-31T23:00:00.000Z", "2026-02-28T23:00:00.000Z"]);
    expect(feb.buckets.map((b) => [b.from.toISOString().slice(0, 10), b.to.toISOString().slice(0, 10)])).toEqual([
      ["2026-02-01", "2026-02-08"],
      ["2026-02-08", "2026-02-15"],
      ["2026-02-15", "2026-02-22"],
      ["2026-02-22", "2026-03-01"],
    ]);
    expect(dashboardPeriod("2026", "UTC", now).buckets).toHaveLength(12);
  });

  it("refuses anything but a month, quarter or year with a clear message", async () => {
    for (const bad of ["2026-13", "2026-Q5", "last 30 days", "2026-11-01", "1969"]) {
      const e = await expectAppError(complianceTrend({ ...scope(), period: bad }), "INVALID_INPUT");
      expect(e.userMessage).toMatch(/Choose a (month|year)/);
    }
    await expectAppError(requestVolume({ ...scope(), period: "2026-Q0" }), "INVALID_INPUT");
    await expectAppError(agentPerformance({ ...scope(), period: "x" }), "INVALID_INPUT");
    await expectAppError(satisfactionTrend({ ...scope(), period: "2026-00" }), "INVALID_INPUT");
    const e = await expectAppError(dashboardTable({ ...scope(), table: "people", period: "2026-Q4" }), "INVALID_INPUT");
    expect(e.userMessage).toBe("Choose one of the dashboard's tables");
    await expectAppError(dashboardTable({ ...scope(), table: "backlog", period: "2026-13" }), "INVALID_INPUT");
  });
});

describe("SLA compliance trend", () => {
  const now = at("2025-03-25T00:00:00Z");
  beforeEach(async () => {
    // Week 1 (1-7 Mar): a met first response at 50 of 60 minutes (near-breach); a breach on the 5th
    // of a clock that stopped on the 16th (week 3); a resolution met twice, the last cycle near.
    await clocks((await request()).id, { stoppedAt: "2025-03-02T10:00:00Z", elapsed: 50 });
    await clocks((await request()).id, { breachedAt: "2025-03-05T00:00:00Z", stoppedAt: "2025-03-16T00:00:00Z", elapsed: 90 });
    await clocks(
      (await request()).id,
      { metric: "RESOLUTION", cycle: 1, stoppedAt: "2025-03-03T00:00:00Z", elapsed: 10, target: 480 },
      { metric: "RESOLUTION", cycle: 2, stoppedAt: "2025-03-04T00:00:00Z", elapsed: 400, target: 480 },
    );
    // Week 2: met early. Week 3: a running resolution clock past its due time (breached then).
    await clocks((await request()).id, { stoppedAt: "2025-03-09T00:00:00Z", elapsed: 10 });
    await clocks((await request()).id, { metric: "RESOLUTION", dueAt: "2025-03-20T00:00:00Z", elapsed: 300, target: 480 });
    // Outside: stopped in February; due after "now".
    await clocks((await request()).id, { stoppedAt: "2025-02-27T00:00:00Z", elapsed: 59 });
    await clocks((await request()).id, { metric: "RESOLUTION", dueAt: "2025-03-28T00:00:00Z", target: 480 });
  });

  it("counts each clock once, in the week its outcome was decided, with near-breaches; the weeks add up to the month", async () => {
    const trend = await complianceTrend({ ...scope(), period: "2025-03", now });
    const counts = (m: SlaMetric) => trend.points.map((p) => [p.byMetric[m].met, p.byMetric[m].breached, p.byMetric[m].nearBreach]);
    expect(trend.points.map((p) => p.label)).toEqual(["1 Mar–7 Mar", "8 Mar–14 Mar", "15 Mar–21 Mar", "22 Mar–28 Mar", "29 Mar–31 Mar"]);
    // The clock that breached on the 5th and stopped on the 16th counts in week 1 only.
    expect(counts("FIRST_RESPONSE")).toEqual([[1, 1, 1], [1, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]]);
    expect(counts("RESOLUTION")).toEqual([[1, 0, 1], [0, 0, 0], [0, 1, 0], [0, 0, 0], [0, 0, 0]]);
    expect(trend.points[0]!.byMetric.FIRST_RESPONSE.percent).toBe(50);
    expect(trend.totals.FIRST_RESPONSE).toEqual({ met: 2, breached: 1, total: 3, percent: 66.7, nearBreach: 1 });
    expect(trend.totals.RESOLUTION).toEqual({ met: 1, breached: 1, total: 2, percent: 50, nearBreach: 1 });
    expect(trend.totals.NEXT_REPLY).toEqual({ met: 0, breached: 0, total: 0, percent: null, nearBreach: 0 });

    for (const m of ["FIRST_RESPONSE", "RESOLUTION", "NEXT_REPLY"] as const) {
      const sum = trend.points.reduce((t, p) => [t[0]! + p.byMetric[m].met, t[1]! + p.byMetric[m].breached, t[2]! + p.byMetric[m].nearBreach], [0, 0, 0]);
      expect(sum).toEqual([trend.totals[m].met, trend.totals[m].breached, trend.totals[m].nearBreach]);
    }
    // The month is what the SLA report says of it: one counting rule (compliance-outcomes.ts), so a
    // clock that breached in week 1 and stopped in week 3 counts in week 1 in both.
    const month = await slaCompliance({ ...scope(), from: trend.period.start, to: trend.period.end, now });
    for (const m of ["FIRST_RESPONSE", "RESOLUTION", "NEXT_REPLY"] as const) {
      expect([trend.totals[m].met, trend.totals[m].breached]).toEqual([month.totals.byMetric[m].met, month.totals.byMetric[m].breached]);
    }
    const week3 = trend.period.buckets[2]!;
    expect((await slaCompliance({ ...scope(), from: week3.from.toISOString().slice(0, 10), to: new Date(week3.to.getTime() - 86_400_000).toISOString().slice(0, 10), now })).totals.byMetric.FIRST_RESPONSE).toMatchObject({ met: 0, breached: 0 });
  });

  it("counts a resolution once, in the week of its last decided cycle, however far apart its cycles were decided", async () => {
    // April: resolved in week 1 (met), reopened, resolved again in week 2 (breached).
    await clocks(
      (await request()).id,
      { metric: "RESOLUTION", cycle: 1, stoppedAt: "2025-04-02T00:00:00Z", elapsed: 100, target: 480 },
      { metric: "RESOLUTION", cycle: 2, breachedAt: "2025-04-09T00:00:00Z", stoppedAt: "2025-04-10T00:00:00Z", elapsed: 500, target: 480 },
    );
    const trend = await complianceTrend({ ...scope(), period: "2025-04", now: at("2025-05-01T00:00:00Z") });
    expect(trend.points.map((p) => [p.byMetric.RESOLUTION.met, p.byMetric.RESOLUTION.breached])).toEqual([[0, 0], [0, 1], [0, 0], [0, 0], [0, 0]]);
    expect(trend.totals.RESOLUTION).toMatchObject({ met: 0, breached: 1 });
    // The SLA report over week 1 alone agrees: the first cycle is not the request's last decided one.
    const week1 = trend.period.buckets[0]!;
    const days = (d: Date) => d.toISOString().slice(0, 10);
    const w1 = await slaCompliance({ ...scope(), from: days(week1.from), to: days(new Date(week1.to.getTime() - 86_400_000)), now: at("2025-05-01T00:00:00Z") });
    expect(w1.totals.byMetric.RESOLUTION).toMatchObject({ met: 0, breached: 0 });
  });

  it("is per month over a quarter", async () => {
    const trend = await complianceTrend({ ...scope(), period: "2025-Q1", now });
    expect(trend.points.map((p) => [p.key, p.byMetric.FIRST_RESPONSE.met, p.byMetric.FIRST_RESPONSE.breached, p.byMetric.FIRST_RESPONSE.nearBreach])).toEqual([
      ["2025-01", 0, 0, 0],
      ["2025-02", 1, 0, 1],
      ["2025-03", 2, 1, 1],
    ]);
    expect(trend.totals.FIRST_RESPONSE).toMatchObject({ met: 3, breached: 1, nearBreach: 2 });
  });
});

describe("backlog by age", () => {
  it("counts open requests now by age band and priority", async () => {
    const now = at("2025-06-30T12:00:00Z");
    const ago = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
    await request({ createdAt: ago(2), status: "NEW" });
    await request({ createdAt: ago(23), priority: "URGENT" });
    await request({ createdAt: ago(25), priority: "HIGH", status: "WAITING_ON_REQUESTER" });
    await request({ createdAt: ago(24 * 5) });
    await request({ createdAt: ago(24 * 10), priority: "LOW" });
    await request({ createdAt: ago(24 * 40) });
    await request({ createdAt: ago(24 * 40), status: "RESOLVED", resolvedAt: ago(1) });
    await request({ createdAt: ago(24 * 2), status: "CLOSED" });
    const backlog = await backlogByAge({ ...scope(), now });
    expect(backlog.rows.map((r) => [r.band, r.byPriority.LOW, r.byPriority.NORMAL, r.byPriority.HIGH, r.byPriority.URGENT, r.total])).toEqual([
      ["lt1", 0, 1, 0, 1, 2],
      ["1to3", 0, 0, 1, 0, 1],
      ["3to7", 0, 1, 0, 0, 1],
      ["7to30", 1, 0, 0, 0, 1],
      ["gt30", 0, 1, 0, 0, 1],
    ]);
    expect(backlog.totals).toEqual({ LOW: 1, NORMAL: 3, HIGH: 1, URGENT: 1, all: 6 });
  });
});

describe("volume by type and requesting department", () => {
  it("counts requests filed and resolved in the period", async () => {
    const move = await seedRequestType({ departmentId: desk.provider.id });
    await db().requestType.update({ where: { id: move.id }, data: { name: "Move" } });
    const third = await seedPerson({ departmentId: desk.provider.id });
    await request({ createdAt: at("2025-04-02T00:00:00Z") });
    await request({ createdAt: at("2025-04-03T00:00:00Z"), status: "RESOLVED", resolvedAt: at("2025-04-04T00:00:00Z") });
    await request({ createdAt: at("2025-03-20T00:00:00Z"), status: "RESOLVED", resolvedAt: at("2025-04-01T00:00:00Z"), typeId: move.id });
    await request({ createdAt: at("2025-05-20T00:00:00Z"), typeId: move.id, requesterId: third.id, requesterDepartmentId: desk.provider.id });
    await request({ createdAt: at("2025-06-30T23:59:59Z"), status: "RESOLVED", resolvedAt: at("2025-07-01T00:00:00Z") });
    await request({ createdAt: at("2025-03-31T23:59:59Z") });
    const volume = await requestVolume({ ...scope(), period: "2025-Q2" });
    expect(volume.byType.map((r) => [r.label, r.created, r.resolved])).toEqual([
      ["Repair", 3, 1],
      ["Move", 1, 1],
    ]);
    expect(volume.byRequesterDepartment.map((r) => [r.id, r.created, r.resolved])).toEqual([
      [desk.other.id, 3, 2],
      [desk.provider.id, 1, 0],
    ]);
    expect(volume.totals).toEqual({ created: 4, resolved: 2 });
  });
});

describe("agents and satisfaction", () => {
  let year: string;
  let second: Actor;
  beforeEach(async () => {
    year = await isolatedYear();
    second = await actorOf((await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "AGENT", departmentId: desk.provider.id }] })).id);
    const inQ1 = (d: string) => at(`${year}-${d}`);
    const assign = (requestId: string, agentId: string, when: string) =>
      db().requestEvent.create({ data: { requestId, actorId: desk.head.id, type: "assigned", from: { assigneeId: null }, to: { assigneeId: agentId }, createdAt: inQ1(when) } });
    // The agent: assigned three requests in Q1 (one twice), one in April; resolved two in Q1 (one met, one breached); one open now.
    const a1 = await request({ assigneeId: desk.agent.id, status: "RESOLVED", createdAt: inQ1("01-05T00:00:00Z"), resolvedAt: inQ1("01-06T00:00:00Z") });
    const a2 = await request({ assigneeId: desk.agent.id, status: "RESOLVED", createdAt: inQ1("02-05T00:00:00Z"), resolvedAt: inQ1("02-08T00:00:00Z") });
    const a3 = await request({ assigneeId: desk.agent.id, createdAt: inQ1("03-05T00:00:00Z") });
    const a4 = await request({ assigneeId: second.id, createdAt: inQ1("04-05T00:00:00Z") });
    await assign(a1.id, desk.agent.id, "01-05T01:00:00Z");
    await assign(a2.id, desk.agent.id, "02-05T01:00:00Z");
    await assign(a2.id, desk.agent.id, "02-06T01:00:00Z");
    await assign(a3.id, desk.agent.id, "03-05T01:00:00Z");
    await assign(a4.id, desk.agent.id, "04-05T01:00:00Z");
    await assign(a4.id, second.id, "04-06T01:00:00Z");
    await clocks(a1.id, { metric: "RESOLUTION", stoppedAt: `${year}-01-06T00:00:00Z`, elapsed: 100, target: 480 });
    await clocks(a2.id, { metric: "RESOLUTION", breachedAt: `${year}-02-07T00:00:00Z`, stoppedAt: `${year}-02-08T00:00:00Z`, elapsed: 600, target: 480 });
    // An assignment in another department's request does not count here.
    const elsewhere = await db().request.create({
      data: { departmentId: desk.other.id, number: 1, typeId: (await seedRequestType({ departmentId: desk.other.id })).id, title: "x", description: "x", priority: "LOW", requesterId: desk.requester.id, requesterDepartmentId: desk.other.id, submissionKey: `k-${uid()}` },
    });
    await assign(elsewhere.id, desk.agent.id, "01-10T00:00:00Z");
    // Ratings: five people rate the agent's requests in March.
    const raters = await Promise.all(Array.from({ length: 5 }, () => seedPerson({ departmentId: desk.other.id })));
    await seedRatings(
      raters.map((p, i) => ({ providerId: desk.provider.id, typeId: desk.type.id, requesterId: p.id, requesterDepartmentId: desk.other.id, agentId: desk.agent.id, score: [5, 4, 4, 2, 5][i]!, at: inQ1("03-10T12:00:00Z") })),
    );
    // Q1 is over and published; the rest of the year is not.
    await publishSatisfaction(db(), { now: at(`${year}-04-02T00:00:00Z`), years: [year] });
  });

  it("per agent: assigned, resolved with their resolution compliance, CSAT from the roll-up, open load now", async () => {
    const perf = await agentPerformance({ ...scope(), period: `${year}-Q1` });
    const row = (id: string) => perf.rows.find((r) => r.agent.id === id)!;
    expect(perf.rows.map((r) => r.agent.id).sort()).toEqual([desk.agent.id, desk.head.id, second.id].sort());
    // a1, a2, a3 in Q1 (a2 on two days, so twice: each request counts once a day), a4 in April; the
    // rated requests have no assignment events but were resolved in March while assigned to the agent.
    expect(row(desk.agent.id)).toMatchObject({
      assigned: 4,
      resolved: 2 + 5,
      resolution: { met: 1, breached: 1, total: 2, percent: 50 },
      csat: { state: "shown", ratings: 5, satisfied: 4, percent: 80, mean: 4 },
      openNow: 1,
    });
    expect(row(second.id)).toMatchObject({ assigned: 0, resolved: 0, resolution: { total: 0, percent: null }, csat: { state: "withheld" }, openNow: 1 });
    expect(row(desk.head.id)).toMatchObject({ assigned: 0, resolved: 0, csat: { state: "withheld" }, openNow: 0 });
    const q2 = await agentPerformance({ ...scope(), period: `${year}-Q2` });
    expect(q2.rows.find((r) => r.agent.id === desk.agent.id)).toMatchObject({ assigned: 1, resolved: 0, openNow: 1 });
    expect(q2.rows.find((r) => r.agent.id === second.id)).toMatchObject({ assigned: 1 });

    const trend = await satisfactionTrend({ ...scope(), period: `${year}-Q1` });
    expect(trend.points.map((p) => p.value.state)).toEqual(["withheld", "withheld", "shown"]);
    expect(trend.total).toEqual({ state: "shown", ratings: 5, satisfied: 4, percent: 80, mean: 4 });
  });

  it("each CSV has the cells the page shows, with 'Not enough responses' where satisfaction is suppressed", async () => {
    const period = `${year}-Q1`;
    const now = at(`${year}-03-25T00:00:00Z`);
    const options = { ...scope(), period, now };
    const page = {
      compliance: complianceTable(await complianceTrend(options)),
      backlog: backlogTable(await backlogByAge(options)),
      "volume-type": volumeTable(await requestVolume(options), "type"),
      "volume-department": volumeTable(await requestVolume(options), "department"),
      satisfaction: satisfactionTable(await satisfactionTrend(options)),
      agents: agentsTable(await agentPerformance(options)),
    };
    for (const table of dashboardTables) {
      const { data } = await dashboardTable({ ...options, table });
      expect(tableCsv(data)).toBe(tableCsv(page[table]));
    }
    const agents = parse<Record<string, string>>(tableCsv((await dashboardTable({ ...options, table: "agents" })).data), { columns: true });
    const agentName = (await db().person.findUniqueOrThrow({ where: { id: desk.agent.id } })).name;
    expect(agents.find((r) => r.Agent === agentName)).toEqual({
      Agent: agentName,
      Assigned: "4",
      Resolved: "7",
      "Resolution met": "1",
      "Resolution breached": "1",
      "Resolution compliance %": "50",
      "CSAT %": "80",
      "CSAT ratings": "5",
      "Open now": "1",
    });

    // Q2 is not over: no satisfaction number at all, only when it will be published.
    const q2 = { ...scope(), period: `${year}-Q2`, now: at(`${year}-05-20T00:00:00Z`) };
    const pending = parse<Record<string, string>>(tableCsv((await dashboardTable({ ...q2, table: "satisfaction" })).data), { columns: true });
    expect(pending.at(-1)).toEqual({ Period: `All of ${year} Q2`, "CSAT %": `Published on 1 Jul ${year}`, "Rated 4 or 5": `Published on 1 Jul ${year}`, Ratings: `Published on 1 Jul ${year}`, "Mean score": `Published on 1 Jul ${year}` });

    // In May five people rate the agent and one the second agent: both agents' figures would give
    // the other away, so both are withheld when Q2 is published.
    const mayRaters = await Promise.all(Array.from({ length: 6 }, () => seedPerson({ departmentId: desk.other.id })));
    await seedRatings(
      mayRaters.map((p, i) => ({ providerId: desk.provider.id, typeId: desk.type.id, requesterId: p.id, requesterDepartmentId: desk.other.id, agentId: i < 5 ? desk.agent.id : second.id, score: [5, 4, 4, 2, 5, 1][i]!, at: at(`${year}-05-11T12:00:00Z`) })),
    );
    await publishSatisfaction(db(), { now: at(`${year}-07-02T00:00:00Z`), years: [year] });
    const after = parse<Record<string, string>>(tableCsv((await dashboardTable({ ...q2, table: "agents" })).data), { columns: true });
    expect(after.find((r) => r.Agent === agentName)).toMatchObject({ "CSAT %": "Not enough responses", "CSAT ratings": "Not enough responses" });
    const satisfaction = parse<Record<string, string>>(tableCsv((await dashboardTable({ ...q2, table: "satisfaction" })).data), { columns: true });
    expect(satisfaction.at(-1)).toEqual({ Period: `All of ${year} Q2`, "CSAT %": "66.7", "Rated 4 or 5": "4", Ratings: "6", "Mean score": "3.5" });
  });

  it("is the department head's alone: agents and requesters are refused, HR and admins never see per-agent figures", async () => {
    const hr = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "HR" }] })).id);
    const admin = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "ADMIN" }] })).id);
    const otherHead = (await seedDesk()).head;
    for (const actor of [desk.agent, desk.requester, hr, admin, otherHead]) {
      await expectAppError(agentPerformance({ ...scope(actor), period: `${year}-Q1` }), "FORBIDDEN");
      await expectAppError(dashboardTable({ ...scope(actor), table: "agents", period: `${year}-Q1` }), "FORBIDDEN");
    }
    for (const use of [complianceTrend, backlogByAge, requestVolume, satisfactionTrend]) {
      await expectAppError(use({ ...scope(desk.agent), period: `${year}-Q1` }), "FORBIDDEN");
      await expectAppError(use({ ...scope(otherHead), period: `${year}-Q1` }), "FORBIDDEN");
      await expectAppError(use({ actor: desk.head, departmentKey: "NOPE", period: `${year}-Q1` }), "NOT_FOUND");
    }
  });
});
