import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
import { notFound } from "@/lib/errors";
import { departmentCommentThemes, type DepartmentThemes } from "@/lib/satisfaction/department-comment-themes";
import { monthOf, monthsOf, type PeriodKey } from "@/lib/satisfaction/figure-periods";
import { readSatisfaction } from "@/lib/satisfaction/satisfaction-figures";
import { departmentKeySchema } from "@/lib/validation/reports";
import type { OrgDepartment } from "./internal-customer-matrix";
import { currentAnonymityThresholds } from "@/lib/satisfaction/organisation-settings";
import { afterHoursOf, agentCounts, breachesOf, perAgent, providerClocks, workloadOf, type MoraleMonth } from "./morale-indicators";
import { currentMonth, organisationPeriod } from "./organisation-access";

/**
 * The twelve months ending with the period's last month, or the current month if that is earlier:
 * `current` is the organisation's current month (currentMonth: its zone's, as the roll-up keeps months).
 */
export function trendMonths(period: PeriodKey, current: PeriodKey): PeriodKey[] {
  const months = monthsOf(period);
  const last = [months[months.length - 1]!, current].sort()[0]!;
  const [y, m] = last.split("-").map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, i) => monthOf(new Date(Date.UTC(y, m - 1 - 11 + i, 1))));
}

/**
 * One department's indicators month by month over the twelve months up to the period's end, with the
 * comment themes of the period as published. Open requests per month are those open at the month's
 * end (the current month: as of the roll-up), divided by today's agents; workload figures only where
 * the department has at least the minimum number of agents today.
 */
export async function moraleTrend(options: { actor: Actor; period: unknown; departmentKey: string; now?: Date }): Promise<{
  period: PeriodKey;
  department: OrgDepartment;
  months: MoraleMonth[];
  themes: DepartmentThemes;
}> {
  const period = await organisationPeriod(options);
  const now = options.now ?? new Date();
  const key = departmentKeySchema.safeParse(options.departmentKey);
  const [[department], current] = await Promise.all([
    key.success ? sql().$queryRaw<OrgDepartment[]>`SELECT "id", "key", "name" FROM "Department" WHERE "key" = ${key.data}` : [],
    currentMonth(now),
  ]);
  if (!department) throw notFound("This department");
  const months = trendMonths(period, current);
  const [agents, clocks, work, satisfaction, themes, { minAgents }] = await Promise.all([
    agentCounts([department.id]),
    providerClocks(months, department.id),
    sql().$queryRaw<{ month: string; openAtEnd: number; agentReplies: number; afterHoursReplies: number }[]>`
      SELECT "month", "openAtEnd", "agentReplies", "afterHoursReplies" FROM "OrgDepartmentMonth" WHERE "month" = ANY(${months}::text[]) AND "departmentId" = ${department.id}`,
    readSatisfaction({
      actor: options.actor,
      figures: months.flatMap((month) => [
        { kind: "provider" as const, departmentId: department.id, period: month },
        { kind: "given" as const, departmentId: department.id, period: month },
      ]),
    }),
    departmentCommentThemes({ actor: options.actor, departmentId: department.id, period, now }),
    currentAnonymityThresholds(),
  ]);
  const agentCount = agents.get(department.id) ?? 0;
  return {
    period,
    department,
    themes,
    months: months.map((month, i): MoraleMonth => {
      const c = clocks.find((x) => x.month === month);
      const w = work.find((x) => x.month === month);
      const open = w?.openAtEnd ?? 0;
      return {
        month,
        current: month === current,
        received: satisfaction.values[2 * i]!,
        given: satisfaction.values[2 * i + 1]!,
        workload: workloadOf(agentCount, minAgents, {
          breaches: breachesOf(c?.met ?? 0, c?.breached ?? 0),
          afterHours: afterHoursOf(w?.agentReplies ?? 0, w?.afterHoursReplies ?? 0),
          open,
          openPerAgent: perAgent(open, agentCount),
        }),
      };
    }),
  };
}
