import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { readSatisfaction } from "@/lib/satisfaction/satisfaction-figures";
import { monthsOf, type PeriodKey } from "@/lib/satisfaction/figure-periods";
import type { SatisfactionValue } from "@/lib/satisfaction/satisfaction-value";
import { organisationPeriod } from "./organisation-access";

export type OrgDepartment = { id: string; key: string; name: string };

/** met / (met + breached) with the counts; percent with one decimal, null when nothing was counted. */
export type PairCompliance = { met: number; breached: number; total: number; percent: number | null };

export type MatrixCell = {
  requesterDepartmentId: string;
  providerId: string;
  /** Requests filed in the period by the requesting department's people to the provider. */
  filed: number;
  firstResponse: PairCompliance;
  resolution: PairCompliance;
  satisfaction: SatisfactionValue;
};

export type InternalCustomerMatrix = {
  period: PeriodKey;
  /** Every department, by name: the rows (requesting) and the columns (providing). */
  departments: OrgDepartment[];
  /** Keyed by `${requesterDepartmentId}|${providerId}`; every pair is present. */
  cells: Map<string, MatrixCell>;
  /** When the SLA and volume roll-up was computed (null: not yet), and the satisfaction roll-up. */
  asOf: Date | null;
  satisfactionAsOf: Date | null;
  minRaters: number;
};

export const cellKey = (requesterDepartmentId: string, providerId: string) => `${requesterDepartmentId}|${providerId}`;

export function pairCompliance(met: number, breached: number): PairCompliance {
  const total = met + breached;
  return { met, breached, total, percent: total === 0 ? null : Math.round((met * 1000) / total) / 10 };
}

type Sums = { filed: number; frMet: number; frBreached: number; resMet: number; resBreached: number };

/** The roll-up's pair rows of some months, summed per pair (or per pair and month). */
export async function pairSums(months: PeriodKey[], where: { requesterDepartmentId?: string; providerId?: string } = {}) {
  const rows = await db().orgPairMonth.groupBy({
    by: ["requesterDepartmentId", "providerId"],
    where: { month: { in: months }, ...where },
    _sum: { filed: true, firstResponseMet: true, firstResponseBreached: true, resolutionMet: true, resolutionBreached: true },
  });
  const out = new Map<string, Sums>();
  for (const r of rows) {
    out.set(cellKey(r.requesterDepartmentId, r.providerId), {
      filed: r._sum.filed ?? 0,
      frMet: r._sum.firstResponseMet ?? 0,
      frBreached: r._sum.firstResponseBreached ?? 0,
      resMet: r._sum.resolutionMet ?? 0,
      resBreached: r._sum.resolutionBreached ?? 0,
    });
  }
  return out;
}

/** When the roll-up computed the months (the oldest of them); null when it has computed none yet. */
export async function rollupAsOf(months: PeriodKey[]): Promise<Date | null> {
  const computed = await db().orgRollupMonth.aggregate({ where: { month: { in: months } }, _min: { computedAt: true } });
  return computed._min.computedAt;
}

/**
 * The organisation's internal customer relationships for HR: for every requesting × providing
 * department, the requests filed in the period, first-response and resolution SLA compliance (clocks
 * decided in the period) and the requesting department's satisfaction with the provider, as the
 * satisfaction figures release it (suppressed under the anonymity threshold, with no count).
 */
export async function internalCustomerMatrix(options: { actor: Actor; period: unknown }): Promise<InternalCustomerMatrix> {
  const period = organisationPeriod(options);
  const months = monthsOf(period);
  const [departments, sums, asOf] = await Promise.all([
    db().department.findMany({ select: { id: true, key: true, name: true }, orderBy: { name: "asc" } }),
    pairSums(months),
    rollupAsOf(months),
  ]);
  const pairs = departments.flatMap((r) => departments.map((p) => ({ requesterDepartmentId: r.id, providerId: p.id })));
  const satisfaction = await readSatisfaction({
    actor: options.actor,
    figures: pairs.map((p) => ({ kind: "pair" as const, requesterDepartmentId: p.requesterDepartmentId, providerId: p.providerId, period })),
  });
  const cells = new Map<string, MatrixCell>();
  pairs.forEach((p, i) => {
    const key = cellKey(p.requesterDepartmentId, p.providerId);
    const s = sums.get(key) ?? { filed: 0, frMet: 0, frBreached: 0, resMet: 0, resBreached: 0 };
    cells.set(key, {
      ...p,
      filed: s.filed,
      firstResponse: pairCompliance(s.frMet, s.frBreached),
      resolution: pairCompliance(s.resMet, s.resBreached),
      satisfaction: satisfaction.values[i]!,
    });
  });
  return { period, departments, cells, asOf, satisfactionAsOf: satisfaction.asOf, minRaters: satisfaction.minRaters };
}
