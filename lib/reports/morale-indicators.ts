import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { monthsOf, type PeriodKey } from "@/lib/satisfaction/figure-periods";
import { currentAnonymityThresholds } from "@/lib/satisfaction/organisation-settings";
import { readSatisfaction } from "@/lib/satisfaction/satisfaction-figures";
import type { SatisfactionValue } from "@/lib/satisfaction/satisfaction-value";
import { compliance, type Compliance } from "./compliance";
import { organisationDepartments, rollupAsOf, type OrgDepartment } from "./internal-customer-matrix";
import { currentMonth, organisationPeriod } from "./organisation-access";

/** Agents' replies and notes, and how many of them were written outside opening hours. */
export type AfterHours = { replies: number; afterHours: number; percent: number | null };

export type MoraleFigures = {
  /** Satisfaction the department received as a provider, and gave as requesters. */
  received: SatisfactionValue;
  given: SatisfactionValue;
};

/** First-response and resolution clocks decided (breached of met + breached), and after-hours work. */
export type Pressure = { breaches: Compliance & { breachPercent: number | null }; afterHours: AfterHours };

/**
 * A department's workload and SLA pressure, or withheld where it has fewer agents than the minimum
 * (anonymity settings, default 3): with one agent they describe that person, and with two, an HR
 * person who is one of them would read the other's.
 */
export type Workload<T> = ({ state: "shown" } & T) | { state: "withheld" };

export const workloadOf = <T extends object>(agents: number, minAgents: number, figures: T): Workload<T> =>
  agents >= minAgents ? { state: "shown", ...figures } : { state: "withheld" };

export type MoraleRow = OrgDepartment &
  MoraleFigures & {
    /** Agents and heads of the department today. */
    agents: number;
    /** Open requests as of the roll-up's latest computation, and per agent (null without agents). */
    workload: Workload<Pressure & { openNow: number; openPerAgent: number | null }>;
  };

export type MoraleMonth = MoraleFigures & { month: PeriodKey; current: boolean; workload: Workload<Pressure & { open: number; openPerAgent: number | null }> };

const round1 = (x: number) => Math.round(x * 10) / 10;

export function breachesOf(met: number, breached: number): Pressure["breaches"] {
  const c = compliance(met, breached);
  return { ...c, breachPercent: c.total === 0 ? null : round1((breached * 100) / c.total) };
}

export const afterHoursOf = (replies: number, afterHours: number): AfterHours => ({ replies, afterHours, percent: replies === 0 ? null : round1((afterHours * 100) / replies) });
export const perAgent = (open: number, agents: number) => (agents === 0 ? null : round1(open / agents));

export async function agentCounts(departmentIds: string[]): Promise<Map<string, number>> {
  // Active people with an agent or head grant in each department, each counted once.
  const rows = await sql().$queryRaw<{ departmentId: string; agents: number }[]>`
    SELECT g."departmentId", count(DISTINCT g."personId")::int AS "agents"
    FROM "RoleGrant" g JOIN "Person" p ON p."id" = g."personId"
    WHERE g."departmentId" = ANY(${departmentIds}::text[]) AND g."role" IN ('AGENT', 'HEAD') AND p."active"
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.departmentId, r.agents]));
}

/** SLA outcomes per providing department over some months, from the roll-up's pair rows. */
export async function providerClocks(months: PeriodKey[], providerId?: string) {
  return sql().$queryRaw<{ providerId: string; month: PeriodKey; met: number; breached: number }[]>`
    SELECT "providerId", "month", sum("firstResponseMet" + "resolutionMet")::int AS "met", sum("firstResponseBreached" + "resolutionBreached")::int AS "breached"
    FROM "OrgPairMonth"
    WHERE "month" = ANY(${months}::text[]) ${providerId ? Prisma.sql`AND "providerId" = ${providerId}` : Prisma.empty}
    GROUP BY 1, 2`;
}

/**
 * HR's morale indicators per department for a period: satisfaction received and given (as the
 * satisfaction figures release them), open requests per agent now, the breach rate of first-response
 * and resolution clocks decided in the period, and the share of agents' replies and notes written
 * outside the department's opening hours; those workload figures only for departments with at least
 * the minimum number of agents.
 */
export async function moraleIndicators(options: { actor: Actor; period: unknown; now?: Date }): Promise<{ period: PeriodKey; rows: MoraleRow[]; asOf: Date | null; satisfactionAsOf: Date | null }> {
  // "Open now" is the roll-up's row for the current month of the organisation's zone (organisation-rollup.ts).
  const [period, current, all] = await Promise.all([organisationPeriod(options), currentMonth(options.now), organisationDepartments()]);
  const months = monthsOf(period);
  const departments = all.map(({ slaGoal: _, ...d }) => d);
  const ids = departments.map((d) => d.id);
  const [agents, clocks, work, now, asOf, satisfaction, { minAgents }] = await Promise.all([
    agentCounts(ids),
    providerClocks(months),
    sql().$queryRaw<{ departmentId: string; agentReplies: number; afterHoursReplies: number }[]>`
      SELECT "departmentId", sum("agentReplies")::int AS "agentReplies", sum("afterHoursReplies")::int AS "afterHoursReplies"
      FROM "OrgDepartmentMonth" WHERE "month" = ANY(${months}::text[]) GROUP BY 1`,
    sql().$queryRaw<{ departmentId: string; openAtEnd: number }[]>`SELECT "departmentId", "openAtEnd" FROM "OrgDepartmentMonth" WHERE "month" = ${current}`,
    rollupAsOf(months),
    readSatisfaction({
      actor: options.actor,
      figures: departments.flatMap((d) => [
        { kind: "provider" as const, departmentId: d.id, period },
        { kind: "given" as const, departmentId: d.id, period },
      ]),
    }),
    currentAnonymityThresholds(),
  ]);
  const rows = departments.map((d, i): MoraleRow => {
    const mine = clocks.filter((c) => c.providerId === d.id);
    const replies = work.find((w) => w.departmentId === d.id);
    const open = now.find((n) => n.departmentId === d.id)?.openAtEnd ?? 0;
    const agentCount = agents.get(d.id) ?? 0;
    return {
      ...d,
      received: satisfaction.values[2 * i]!,
      given: satisfaction.values[2 * i + 1]!,
      agents: agentCount,
      workload: workloadOf(agentCount, minAgents, {
        breaches: breachesOf(mine.reduce((s, c) => s + c.met, 0), mine.reduce((s, c) => s + c.breached, 0)),
        afterHours: afterHoursOf(replies?.agentReplies ?? 0, replies?.afterHoursReplies ?? 0),
        openNow: open,
        openPerAgent: perAgent(open, agentCount),
      }),
    };
  });
  return { period, rows, asOf, satisfactionAsOf: satisfaction.asOf };
}
