import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { Prisma, type SlaMetric } from "@/lib/generated/prisma/client";
import { dashboardPeriod, type DashboardPeriod } from "./dashboard-period";
import { insightsDepartment, type InsightsDepartment } from "./insights-department";
import { compliance, slaMetrics, type Compliance } from "./sla-compliance";

/** A met clock that had used at least this share of its target when it stopped is a near-breach. */
export const NEAR_BREACH_SHARE = 0.75;

export type TrendCompliance = Compliance & { nearBreach: number };
export type TrendPoint = { key: string; label: string; byMetric: Record<SlaMetric, TrendCompliance> };
export type ComplianceTrend = { department: InsightsDepartment; period: DashboardPeriod; points: TrendPoint[]; totals: Record<SlaMetric, TrendCompliance> };

const ts = (d: Date) => Prisma.sql`${d.toISOString()}::timestamp(3)`;

/**
 * SLA compliance per metric for each bucket of a dashboard period (and for the whole period), each
 * bucket counted exactly as slaCompliance counts a period of its own: met / (met + breached) over the
 * clocks that stopped or breached in it, a request's resolution with its last cycle there, a
 * transferred request with the department's own segments. A clock that breached in one month and
 * stopped in the next counts in both months (and once in the quarter), as the SLA report does.
 *
 * Near-breaches: met clocks whose elapsed business minutes at their stop were at least 75 % of their
 * target, the instant the 75 % warning is due. Read from the clock itself, not from warnings sent:
 * segments of transferred requests are never notified, and a clock can stop between two sweeps.
 */
export async function complianceTrend(options: { actor: Actor; departmentKey: string; period?: string; now?: Date }): Promise<ComplianceTrend> {
  const department = await insightsDepartment(options);
  const now = options.now ?? new Date();
  const period = dashboardPeriod(options.period, now);
  const { from, to } = period;
  const buckets = [{ from, to }, ...period.buckets];
  const values = Prisma.join(buckets.map((b, i) => Prisma.sql`(${i}, ${ts(b.from)}, ${ts(b.to)})`));

  // OFFSET 0 keeps the transfer check a probe of the (requestId, ...) index per clock of the period:
  // otherwise PostgreSQL hashes every transferred segment of the whole table first.
  const counted = Prisma.sql`(c."segment" > 0 OR NOT EXISTS (SELECT 1 FROM "SlaClock" s WHERE s."requestId" = c."requestId" AND s."segment" > 0 OFFSET 0))`;
  const columns = Prisma.sql`c."requestId", c."metric", c."segment", c."cycle", c."stoppedAt", c."breachedAt", c."dueAt", c."elapsedMinutes", c."targetMinutes"`;
  const rows = await db().$queryRaw<{ bucket: number; metric: SlaMetric; met: number; breached: number; nearBreach: number }[]>`
    WITH buckets("i", "from", "to") AS (VALUES ${values}),
    clocks AS (
      SELECT ${columns} FROM "SlaClock" c
      WHERE c."departmentId" = ${department.id} AND c."stoppedAt" >= ${ts(from)} AND c."stoppedAt" < ${ts(to)} AND ${counted}
      UNION ALL
      SELECT ${columns} FROM "SlaClock" c
      WHERE c."departmentId" = ${department.id} AND c."stoppedAt" IS NULL
        AND c."dueAt" >= ${ts(from)} AND c."dueAt" < ${ts(to)} AND c."dueAt" < ${ts(now)} AND ${counted}
      UNION ALL
      SELECT ${columns} FROM "SlaClock" c
      WHERE c."departmentId" = ${department.id} AND c."stoppedAt" >= ${ts(to)}
        AND c."breachedAt" >= ${ts(from)} AND c."breachedAt" < ${ts(to)}
        AND c."dueAt" >= ${ts(from)} AND c."dueAt" < ${ts(to)} AND ${counted}
    ),
    decided AS (
      SELECT b."i", k.*, (k."stoppedAt" IS NULL OR k."breachedAt" IS NOT NULL) AS "breached",
        row_number() OVER (PARTITION BY b."i", k."requestId", k."metric" ORDER BY k."segment" DESC, k."cycle" DESC) AS "rank"
      FROM clocks k JOIN buckets b ON
        (k."stoppedAt" >= b."from" AND k."stoppedAt" < b."to")
        OR (k."stoppedAt" IS NULL AND k."dueAt" >= b."from" AND k."dueAt" < b."to")
        OR (k."stoppedAt" >= b."to" AND k."breachedAt" >= b."from" AND k."breachedAt" < b."to")
    )
    SELECT d."i" AS "bucket", d."metric"::text AS "metric",
      (COUNT(*) FILTER (WHERE NOT d."breached"))::int AS "met",
      (COUNT(*) FILTER (WHERE d."breached"))::int AS "breached",
      (COUNT(*) FILTER (WHERE NOT d."breached" AND d."elapsedMinutes" >= d."targetMinutes" * ${NEAR_BREACH_SHARE}::float8))::int AS "nearBreach"
    FROM decided d
    WHERE d."metric" <> 'RESOLUTION' OR d."rank" = 1
    GROUP BY 1, 2`;

  const empty = () => Object.fromEntries(slaMetrics.map((m) => [m, { ...compliance(0, 0), nearBreach: 0 }])) as Record<SlaMetric, TrendCompliance>;
  const byBucket = buckets.map(() => empty());
  for (const r of rows) byBucket[r.bucket]![r.metric] = { ...compliance(r.met, r.breached), nearBreach: r.nearBreach };
  return {
    department,
    period,
    points: period.buckets.map((b, i) => ({ key: b.key, label: b.label, byMetric: byBucket[i + 1]! })),
    totals: byBucket[0]!,
  };
}
