import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { complianceTrend } from "@/lib/reports/compliance-trend";
import { slaMetrics } from "@/lib/reports/sla-compliance";
import { readExperience, type ExperienceFigure } from "./read-experience";
import { experienceFlag, type ExperienceFlag } from "./watermelon";

export type ExperienceRow = {
  key: string;
  label: string;
  sla: { met: number; breached: number; percent: number | null };
  figure: ExperienceFigure;
  flag: ExperienceFlag;
};

/**
 * A department's service levels beside its internal customers' experience, per month of the period
 * and for the period itself (the head's "experience" view and its CSV): SLA compliance over every
 * metric, the published satisfaction figure with its goal and experience values, and the
 * watermelon / hidden-gem flag. Satisfaction comes only as published (read-experience.ts).
 */
export async function departmentExperience(options: { actor: Actor; departmentKey: string; period?: string; now?: Date }) {
  const trend = await complianceTrend(options);
  const department = trend.department;
  const months = trend.period.grain === "month" ? [] : trend.points;
  const slaOf = (byMetric: (typeof trend.points)[number]["byMetric"]) => {
    const met = slaMetrics.reduce((n, m) => n + byMetric[m].met, 0);
    const breached = slaMetrics.reduce((n, m) => n + byMetric[m].breached, 0);
    return { met, breached, percent: met + breached ? Math.round((met * 1000) / (met + breached)) / 10 : null };
  };
  const periods = [...months.map((p) => ({ key: p.key, label: p.label, sla: slaOf(p.byMetric) })), { key: trend.period.key, label: trend.period.label, sla: slaOf(trend.totals) }];
  const { slaGoal } = await db().department.findUniqueOrThrow({ where: { id: department.id }, select: { slaGoal: true } });
  const read = await readExperience({ actor: options.actor, figures: periods.map((p) => ({ kind: "provider" as const, departmentId: department.id, period: p.key })), now: options.now });
  const rows: ExperienceRow[] = periods.map((p, i) => {
    const figure = read.values[i]!;
    const satisfaction = figure.satisfaction.state === "shown" ? figure.satisfaction : null;
    return { ...p, figure, flag: experienceFlag({ sla: p.sla, satisfaction, goalPercent: figure.experience?.goalPercent ?? 0, slaGoal }) };
  });
  return { department, period: trend.period, rows, minRaters: read.minRaters, slaGoal };
}
