import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
import { Prisma, type SlaMetric } from "@/lib/generated/prisma/client";
import { compliance, type Compliance } from "./compliance";
import { bucketOfDay, complianceDays, dashboardCoverage, dashboardRows, NEAR_BREACH_SHARE } from "./dashboard-days";
import { readDays } from "./read-days";
import { dashboardPeriod, type DashboardPeriod } from "./dashboard-period";
import { insightsDepartment, type InsightsDepartment } from "./insights-department";
import { slaMetrics } from "./sla-compliance";

export { NEAR_BREACH_SHARE };

export type TrendCompliance = Compliance & { nearBreach: number };
export type TrendPoint = { key: string; label: string; byMetric: Record<SlaMetric, TrendCompliance> };
export type ComplianceTrend = { department: InsightsDepartment; period: DashboardPeriod; points: TrendPoint[]; totals: Record<SlaMetric, TrendCompliance> };

/**
 * SLA compliance per metric for each bucket of a dashboard period and for the whole period:
 * met / (met + breached) over the clocks decided in it, each clock once, on the day its outcome was
 * decided (its breach if it breached, else its stop; a running clock past its due time breached
 * then, as judged at `now`), so buckets add up to the period. A transferred request counts with the
 * department's own segments; a request's resolution counts once, with its last decided cycle (one
 * re-resolved later moves to that later day). The days and their rules: dashboard-days.ts. Unlike
 * the SLA report over a free range, a clock that breached in one bucket and stopped in a later one
 * counts in the first only.
 *
 * Near-breaches: met clocks whose elapsed business minutes at their stop were at least 75 % of their
 * target, the instant the 75 % warning is due. Read from the clock itself, not from warnings sent:
 * segments of transferred requests are never notified, and a clock can stop between two sweeps.
 *
 * Days the dashboard-rollup job has computed are read from DashboardComplianceDay, the others (today
 * always) live with the same SQL.
 */
export async function complianceTrend(options: { actor: Actor; departmentKey: string; period?: string; now?: Date }): Promise<ComplianceTrend> {
  const department = await insightsDepartment(options);
  const now = options.now ?? new Date();
  const period = dashboardPeriod(options.period, department.timeZone, now);
  const coverage = await dashboardCoverage(sql(), period, now);
  const rows = await readDays<{ day: string; metric: SlaMetric; met: number; breached: number; nearBreach: number }>(
    dashboardRows({
      table: "DashboardComplianceDay",
      columns: Prisma.sql`"day"::text AS "day", "metric"::text AS "metric", "met", "breached", "nearBreach"`,
      departmentId: department.id,
      coverage,
      definition: (range, ids) => complianceDays(range, ids, now),
    }),
  );

  const empty = () => Object.fromEntries(slaMetrics.map((m) => [m, { ...compliance(0, 0), nearBreach: 0 }])) as Record<SlaMetric, TrendCompliance>;
  // Index 0: the whole period; i + 1: bucket i. Days add up, so the period is the sum of its days.
  const byBucket = [period, ...period.buckets].map(() => empty());
  for (const r of rows) {
    const bucket = bucketOfDay(period.buckets, r.day);
    for (const i of bucket < 0 ? [0] : [0, bucket + 1]) {
      const t = byBucket[i]![r.metric];
      byBucket[i]![r.metric] = { ...compliance(t.met + r.met, t.breached + r.breached), nearBreach: t.nearBreach + r.nearBreach };
    }
  }
  return {
    department,
    period,
    points: period.buckets.map((b, i) => ({ key: b.key, label: b.label, byMetric: byBucket[i + 1]! })),
    totals: byBucket[0]!,
  };
}
