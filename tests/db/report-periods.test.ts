import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { SlaMetric } from "@/lib/generated/prisma/client";
import { complianceTrend } from "@/lib/reports/compliance-trend";
import { complianceDays, dayKey, type DayRange } from "@/lib/reports/dashboard-days";
import { computeDashboardDays } from "@/lib/reports/dashboard-rollup";
import { requestVolume } from "@/lib/reports/request-volume";
import { slaCompliance } from "@/lib/reports/sla-compliance";
import { seedReportDesk } from "../support/report-fixtures";

type ReportDesk = Awaited<ReturnType<typeof seedReportDesk>>;

/**
 * Report periods follow the department's time zone, and the head dashboard and the SLA report count
 * compliance by one rule: for the same month a head reads the same %, whichever page they open.
 * The desk here is in Los Angeles (UTC-8 in winter, UTC-7 from 12 March 2023), where a month ends
 * 7 or 8 hours after UTC's.
 */
let desk: ReportDesk["desk"];
let request: ReportDesk["request"];
let clocks: ReportDesk["clocks"];
const at = (iso: string) => new Date(iso);
const metrics: SlaMetric[] = ["FIRST_RESPONSE", "RESOLUTION", "NEXT_REPLY"];

beforeEach(async () => {
  ({ desk, request, clocks } = await seedReportDesk({ timeZone: "America/Los_Angeles", startedAt: "2023-01-01T00:00:00Z", elapsed: 10 }));
});

const now = at("2023-05-15T12:00:00Z");
const scope = () => ({ actor: desk.head, departmentKey: desk.provider.key, now });

async function seedMarch() {
  // 31 March, 23:30 in Los Angeles is 1 April 06:30 UTC: March's, for a Los Angeles department.
  await clocks((await request({ createdAt: at("2023-04-01T06:30:00Z") })).id, { stoppedAt: "2023-04-01T06:30:00Z" });
  // 1 March, 00:30 UTC is still 28 February in Los Angeles: not March's.
  await clocks((await request({ createdAt: at("2023-03-01T00:30:00Z") })).id, { breachedAt: "2023-03-01T00:30:00Z", stoppedAt: "2023-03-01T01:00:00Z" });
  // Breached in February, stopped in March: counts once, in February, in every report.
  await clocks((await request()).id, { breachedAt: "2023-02-20T12:00:00Z", stoppedAt: "2023-03-10T12:00:00Z" });
  // Resolved (met) in March, reopened, resolved again (breached) in April: counts in April only.
  await clocks(
    (await request()).id,
    { metric: "RESOLUTION", cycle: 1, stoppedAt: "2023-03-12T12:00:00Z" },
    { metric: "RESOLUTION", cycle: 2, breachedAt: "2023-04-03T12:00:00Z", stoppedAt: "2023-04-04T12:00:00Z" },
  );
  // Plain March outcomes.
  await clocks((await request()).id, { stoppedAt: "2023-03-15T12:00:00Z" }, { metric: "RESOLUTION", breachedAt: "2023-03-16T12:00:00Z" });
}

describe("a department's report periods and compliance", () => {
  it("are months of the department's zone, and the dashboard and the SLA report count a month alike", async () => {
    await seedMarch();
    const trend = await complianceTrend({ ...scope(), period: "2023-03" });
    expect([trend.period.start.toISOString(), trend.period.end.toISOString()]).toEqual(["2023-03-01T08:00:00.000Z", "2023-04-01T07:00:00.000Z"]);
    expect(trend.totals.FIRST_RESPONSE).toMatchObject({ met: 2, breached: 0 });
    expect(trend.totals.RESOLUTION).toMatchObject({ met: 0, breached: 1 });

    // The SLA report over the same calendar days says the same.
    const report = await slaCompliance({ ...scope(), from: "2023-03-01", to: "2023-03-31" });
    expect(report.period).toEqual({ from: trend.period.start, to: trend.period.end });
    for (const m of metrics) {
      expect([report.totals.byMetric[m].met, report.totals.byMetric[m].breached, report.totals.byMetric[m].percent]).toEqual([
        trend.totals[m].met,
        trend.totals[m].breached,
        trend.totals[m].percent,
      ]);
    }

    // February and April of the zone take the rest, each clock once.
    const february = await complianceTrend({ ...scope(), period: "2023-02" });
    expect(february.totals.FIRST_RESPONSE).toMatchObject({ met: 0, breached: 2 });
    const april = await complianceTrend({ ...scope(), period: "2023-04" });
    expect(april.totals.FIRST_RESPONSE).toMatchObject({ met: 0, breached: 0 });
    expect(april.totals.RESOLUTION).toMatchObject({ met: 0, breached: 1 });
    const aprilReport = await slaCompliance({ ...scope(), from: "2023-04-01", to: "2023-04-30" });
    expect(aprilReport.totals.byMetric.RESOLUTION).toMatchObject({ met: 0, breached: 1 });
  });

  it("files requests on the department's day, and stored days add up to what is computed live", async () => {
    await seedMarch();
    const volume = await requestVolume({ ...scope(), period: "2023-03" });
    // Filed 1 April 06:30 UTC (31 March in LA) counts in March; 1 March 00:30 UTC (28 February in LA) does not.
    const filed = volume.byType.reduce((n, r) => n + r.created, 0);
    expect(filed).toBe(1);

    const march: DayRange = { from: at("2023-03-01T00:00:00Z"), to: at("2023-04-01T00:00:00Z") };
    const live = await db().$queryRaw<{ day: string; metric: string; met: number; breached: number }[]>`
      SELECT "day"::text AS "day", "metric"::text AS "metric", "met", "breached" FROM (${complianceDays(march, [desk.provider.id], now)}) x ORDER BY 1, 2`;
    expect(live.map((r) => [r.day, r.metric, r.met, r.breached])).toEqual([
      ["2023-03-15", "FIRST_RESPONSE", 1, 0],
      ["2023-03-16", "RESOLUTION", 0, 1],
      ["2023-03-31", "FIRST_RESPONSE", 1, 0],
    ]);
    const days: string[] = [];
    for (let t = march.from.getTime(); t < march.to.getTime(); t += 86_400_000) days.push(dayKey(new Date(t)));
    await computeDashboardDays(db(), { days, now, departmentIds: [desk.provider.id] });
    const stored = await db().dashboardComplianceDay.findMany({ where: { departmentId: desk.provider.id, day: { gte: march.from, lt: march.to } }, orderBy: [{ day: "asc" }, { metric: "asc" }] });
    expect(stored.map((r) => [dayKey(r.day), r.metric, r.met, r.breached])).toEqual(live.map((r) => [r.day, r.metric, r.met, r.breached]));
    const trend = await complianceTrend({ ...scope(), period: "2023-03" });
    expect(trend.totals.FIRST_RESPONSE).toMatchObject({ met: 2, breached: 0 });
  });
});
