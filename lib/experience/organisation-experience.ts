import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { compliance, type Compliance } from "@/lib/reports/compliance";
import { cellKey, pairSums, rollupAsOf, type OrgDepartment } from "@/lib/reports/internal-customer-matrix";
import { trendMonths } from "@/lib/reports/morale-trend";
import { currentMonth, organisationPeriod } from "@/lib/reports/organisation-access";
import { monthsOf, type PeriodKey } from "@/lib/satisfaction/figure-periods";
import type { FigureRef } from "@/lib/satisfaction/satisfaction-figures";
import { readExperience, type ExperienceFigure } from "./read-experience";
import { reasonsOf, type Reason } from "./reasons";
import { experienceFlag, type ExperienceFlag } from "./watermelon";

export type OrgExperienceRow = {
  provider: OrgDepartment;
  /** Set for a department pair: the requesting department. */
  requester: OrgDepartment | null;
  /** First-response and resolution clocks decided in the period, together. */
  sla: Compliance;
  slaGoal: number;
  figure: ExperienceFigure;
  flag: ExperienceFlag;
  /** The providing department's "what mattered" labels. */
  reasons: readonly Reason[];
};

export type HoursLostTrend = {
  months: PeriodKey[];
  /** The organisation's SLA compliance per month (first-response and resolution clocks decided in it). */
  sla: Compliance[];
  /** The organisation's row first, then each department that received ratings, by name. */
  rows: { department: OrgDepartment | null; values: ExperienceFigure[] }[];
};

const chunk = 5_000;

/** readExperience takes at most 5,000 figures a call: a large organisation asks in several. */
async function readAll(actor: Actor, figures: FigureRef[], now?: Date) {
  if (figures.length === 0) return { values: [] as ExperienceFigure[], asOf: null as Date | null, minRaters: 0 };
  const parts = await Promise.all(
    Array.from({ length: Math.ceil(figures.length / chunk) }, (_, i) => readExperience({ actor, figures: figures.slice(i * chunk, (i + 1) * chunk), now })),
  );
  const times = parts.map((p) => p.asOf?.getTime() ?? 0);
  return { values: parts.flatMap((p) => p.values), asOf: Math.max(...times) > 0 ? new Date(Math.max(...times)) : null, minRaters: parts[0]!.minRaters };
}

/**
 * HR's experience view: for every providing department and every department pair, SLA compliance
 * (first-response and resolution clocks decided in the period, from the organisation roll-up) beside
 * the published satisfaction, the goal it was published with, hours lost, complaints, follow-ups in
 * time, reasons and the watermelon / hidden-gem flag; and hours lost month by month. Every
 * experience number comes from the satisfaction release as published (readExperience): a withheld
 * figure brings no value of any kind, and nothing is computed from ratings here.
 */
export async function organisationExperience(options: { actor: Actor; period: unknown; now?: Date }) {
  const period = await organisationPeriod(options);
  const now = options.now ?? new Date();
  const trendOf = trendMonths(period, await currentMonth(now));
  const months = monthsOf(period);
  const [departments, sums, asOf, shownPairs, slaByMonth] = await Promise.all([
    db().department.findMany({ select: { id: true, key: true, name: true, slaGoal: true, ratingReasons: true }, orderBy: { name: "asc" } }),
    pairSums(months),
    rollupAsOf(months),
    // Pairs whose figure the release showed, even with no clock decided in the period (rated late).
    db().satisfactionFigure.findMany({ where: { kind: "pair", period, shown: true }, select: { providerId: true, requesterDepartmentId: true } }),
    db().$queryRaw<{ month: string; met: number; breached: number }[]>`
      SELECT "month", sum("firstResponseMet" + "resolutionMet")::int AS "met", sum("firstResponseBreached" + "resolutionBreached")::int AS "breached"
      FROM "OrgPairMonth" WHERE "month" = ANY(${trendOf}::text[]) GROUP BY 1`,
  ]);
  const byId = new Map(departments.map((d) => [d.id, d]));
  const dept = (id: string): OrgDepartment => {
    const d = byId.get(id)!;
    return { id: d.id, key: d.key, name: d.name };
  };
  const pairKeys = new Set([...sums.keys(), ...shownPairs.flatMap((p) => (p.providerId && p.requesterDepartmentId ? [cellKey(p.requesterDepartmentId, p.providerId)] : []))]);
  const pairs = [...pairKeys]
    .map((key) => key.split("|") as [string, string])
    .filter(([r, p]) => byId.has(r) && byId.has(p))
    .sort(([r1, p1], [r2, p2]) => byId.get(p1)!.name.localeCompare(byId.get(p2)!.name) || byId.get(r1)!.name.localeCompare(byId.get(r2)!.name));

  const slaOfProvider = new Map<string, { met: number; breached: number }>();
  for (const s of sums.values()) {
    const acc = slaOfProvider.get(s.providerId) ?? { met: 0, breached: 0 };
    acc.met += s.frMet + s.resMet;
    acc.breached += s.frBreached + s.resBreached;
    slaOfProvider.set(s.providerId, acc);
  }

  const refs: FigureRef[] = [
    ...departments.map((d) => ({ kind: "provider" as const, departmentId: d.id, period })),
    ...pairs.map(([requesterDepartmentId, providerId]) => ({ kind: "pair" as const, requesterDepartmentId, providerId, period })),
    { kind: "org" as const, period },
    ...trendOf.map((month) => ({ kind: "org" as const, period: month })),
    ...departments.flatMap((d) => trendOf.map((month) => ({ kind: "provider" as const, departmentId: d.id, period: month }))),
  ];
  const read = await readAll(options.actor, refs, now);
  let i = 0;
  const next = () => read.values[i++]!;

  const row = (providerId: string, requesterId: string | null, sla: { met: number; breached: number }, figure: ExperienceFigure): OrgExperienceRow => {
    const provider = byId.get(providerId)!;
    const satisfaction = figure.satisfaction.state === "shown" ? figure.satisfaction : null;
    return {
      provider: dept(providerId),
      requester: requesterId ? dept(requesterId) : null,
      sla: compliance(sla.met, sla.breached),
      slaGoal: provider.slaGoal,
      figure,
      flag: experienceFlag({ sla, satisfaction, goalPercent: figure.experience?.goalPercent ?? 0, slaGoal: provider.slaGoal }),
      reasons: reasonsOf(provider.ratingReasons),
    };
  };
  const allProviders = departments.map((d) => row(d.id, null, slaOfProvider.get(d.id) ?? { met: 0, breached: 0 }, next()));
  const pairRows = pairs.map(([r, p]) => {
    const s = sums.get(cellKey(r, p));
    return row(p, r, { met: (s?.frMet ?? 0) + (s?.resMet ?? 0), breached: (s?.frBreached ?? 0) + (s?.resBreached ?? 0) }, next());
  });
  const organisation = next();
  const orgMonths = trendOf.map(() => next());
  const deptMonths = departments.map(() => trendOf.map(() => next()));

  // A department with no clock decided and no figure shown in the period is a row of blanks: left out.
  const providers = allProviders.filter((r) => r.sla.total > 0 || r.figure.satisfaction.state === "shown");
  const slaOfMonth = new Map(slaByMonth.map((r) => [r.month, compliance(r.met, r.breached)]));
  const trend: HoursLostTrend = {
    months: trendOf,
    sla: trendOf.map((m) => slaOfMonth.get(m) ?? compliance(0, 0)),
    rows: [
      { department: null, values: orgMonths },
      ...departments.flatMap((d, k) => (deptMonths[k]!.some((v) => v.experience) ? [{ department: dept(d.id), values: deptMonths[k]! }] : [])),
    ],
  };
  const total = allProviders.reduce((acc, r) => ({ met: acc.met + r.sla.met, breached: acc.breached + r.sla.breached }), { met: 0, breached: 0 });
  const whole = {
    sla: compliance(total.met, total.breached),
    figure: organisation,
    flag: experienceFlag({ sla: total, satisfaction: organisation.satisfaction.state === "shown" ? organisation.satisfaction : null, goalPercent: organisation.experience?.goalPercent ?? 0 }),
  };
  return { period, providers, pairs: pairRows, whole, trend, asOf, satisfactionAsOf: read.asOf, minRaters: read.minRaters };
}

export type OrganisationExperience = Awaited<ReturnType<typeof organisationExperience>>;
