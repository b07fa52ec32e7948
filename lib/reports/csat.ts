import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { csatFigure, type Csat } from "@/lib/satisfaction/csat-figure";
import { insightsDepartment, type InsightsDepartment } from "./insights-department";
import { resolvePeriod, type Period, type PeriodBounds } from "./period";

export type CsatReport = { department: InsightsDepartment; period: Period; csat: Csat };

/**
 * The head's CSAT for their department over a period: ratings given in the period to resolutions by
 * the department. Only counts leave the database; no rater, request or comment does.
 */
export async function departmentCsat(options: { actor: Actor; departmentKey: string } & PeriodBounds): Promise<CsatReport> {
  const department = await insightsDepartment(options);
  const period = resolvePeriod(options, department.timeZone);
  const [row] = await db().$queryRaw<{ ratings: bigint; satisfied: bigint; raters: bigint }[]>`
    SELECT count(*) AS ratings, count(*) FILTER (WHERE "score" >= 4) AS satisfied, count(DISTINCT "requesterId") AS raters
    FROM "Rating"
    WHERE "departmentId" = ${department.id} AND "createdAt" >= ${period.from} AND "createdAt" < ${period.to}`;
  const counts = { ratings: Number(row?.ratings ?? 0), satisfied: Number(row?.satisfied ?? 0), raters: Number(row?.raters ?? 0) };
  return { department, period, csat: csatFigure(counts) };
}
