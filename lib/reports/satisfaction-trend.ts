import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { monthsOf, periodLabel } from "@/lib/satisfaction/figure-periods";
import { organisationTimeZone } from "@/lib/satisfaction/organisation-settings";
import { readSatisfaction, type FigureRef } from "@/lib/satisfaction/satisfaction-figures";
import { dashboardPeriod } from "./dashboard-period";
import type { SatisfactionTrend } from "./dashboard-tables";
import { insightsDepartment, type InsightsDepartment } from "./insights-department";

/**
 * The department's CSAT per month of the period and for the whole period, as the satisfaction
 * roll-up released them (shown, suppressed or none), months of the organisation's zone. Months are the finest unit of rating figures,
 * so a month's dashboard has one point, not weeks.
 */
export async function satisfactionTrend(options: { actor: Actor; departmentKey: string; period?: string; now?: Date }): Promise<SatisfactionTrend & { department: InsightsDepartment; timeZone: string }> {
  const department = await insightsDepartment(options);
  const period = dashboardPeriod(options.period, department.timeZone, options.now);
  const months = monthsOf(period.key);
  const figures: FigureRef[] = [...months, period.key].map((p) => ({ kind: "provider", departmentId: department.id, period: p }));
  const [{ values, asOf, minRaters }, timeZone] = await Promise.all([readSatisfaction({ actor: options.actor, figures }), organisationTimeZone()]);
  return {
    department,
    points: months.map((m, i) => ({ key: m, label: periodLabel(m), value: values[i]! })),
    total: values[months.length]!,
    minRaters,
    asOf,
    periodKey: period.key,
    periodLabel: period.label,
    /** The organisation's zone, whose calendar months satisfaction is published for. */
    timeZone,
  };
}
