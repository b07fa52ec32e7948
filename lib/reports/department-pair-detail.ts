import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { readSatisfaction } from "@/lib/satisfaction/satisfaction-figures";
import { monthsOf, type PeriodKey } from "@/lib/satisfaction/figure-periods";
import type { SatisfactionValue } from "@/lib/satisfaction/satisfaction-value";
import { departmentKeySchema } from "@/lib/validation/reports";
import { compliance, type Compliance } from "./compliance";
import { cellKey, pairSums, rollupAsOf, type OrgDepartment } from "./internal-customer-matrix";
import { organisationPeriod } from "./organisation-access";

export type PairFigures = { period: PeriodKey; filed: number; firstResponse: Compliance; resolution: Compliance; satisfaction: SatisfactionValue };

export type DepartmentPairDetail = {
  requester: OrgDepartment;
  provider: OrgDepartment;
  period: PeriodKey;
  /** The months of the period, in order, then the whole period. */
  months: PairFigures[];
  total: PairFigures;
  asOf: Date | null;
};

/** One cell of the heat map month by month: how a requesting department fared with a provider. */
export async function departmentPairDetail(options: { actor: Actor; period: unknown; now?: Date; requesterKey: string; providerKey: string }): Promise<DepartmentPairDetail> {
  const period = await organisationPeriod(options);
  const department = async (key: string) => {
    const parsed = departmentKeySchema.safeParse(key);
    const found = parsed.success ? await db().department.findUnique({ where: { key: parsed.data }, select: { id: true, key: true, name: true } }) : null;
    if (!found) throw notFound("This department");
    return found;
  };
  const [requester, provider] = await Promise.all([department(options.requesterKey), department(options.providerKey)]);
  const months = monthsOf(period);
  const where = { requesterDepartmentId: requester.id, providerId: provider.id };
  const periods = [...months, period];
  const [sums, asOf, satisfaction] = await Promise.all([
    Promise.all(periods.map((p) => pairSums(monthsOf(p), where))),
    rollupAsOf(months),
    readSatisfaction({ actor: options.actor, figures: periods.map((p) => ({ kind: "pair" as const, requesterDepartmentId: requester.id, providerId: provider.id, period: p })) }),
  ]);
  const figures = periods.map((p, i): PairFigures => {
    const s = sums[i]!.get(cellKey(requester.id, provider.id)) ?? { filed: 0, frMet: 0, frBreached: 0, resMet: 0, resBreached: 0 };
    return { period: p, filed: s.filed, firstResponse: compliance(s.frMet, s.frBreached), resolution: compliance(s.resMet, s.resBreached), satisfaction: satisfaction.values[i]! };
  });
  return { requester, provider, period, months: figures.slice(0, -1), total: figures[figures.length - 1]!, asOf };
}
