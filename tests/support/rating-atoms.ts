// Generated ratings for the anonymity property tests, grouped into atoms exactly as
// lib/satisfaction/publish-satisfaction.ts groups them (independently of lib/).
import type { RatingAtomRow } from "@/lib/satisfaction/satisfaction-universe";

/**
 * One rating. Agent ids are people's ids in the desk: one person may be an agent of several
 * providers, so the same id appears under each; every agent figure is per provider.
 */
export type Rating = { provider: string; requesterDept: string; agent: string | null; month: string; rater: string; score: number; type?: string };

/** With a request type, atoms are split by it, as the publication does (it always knows the type). */
export const atomOf = (r: Rating) => `${r.provider}|${r.requesterDept}|${r.agent ?? "-"}|${r.type ?? "-"}|${r.month}`;

export function atomRows(ratings: Rating[]): RatingAtomRow[] {
  const rows = new Map<string, RatingAtomRow & { raterSet: Set<string> }>();
  for (const r of ratings) {
    const key = atomOf(r);
    let row = rows.get(key);
    if (!row) {
      row = { providerId: r.provider, requesterDepartmentId: r.requesterDept, agentId: r.agent, requestTypeId: r.type ?? null, month: r.month, raters: [], raterSet: new Set(), ratings: 0, satisfied: 0, scoreSum: 0 };
      rows.set(key, row);
    }
    row.raterSet.add(r.rater);
    row.ratings += 1;
    row.satisfied += r.score >= 4 ? 1 : 0;
    row.scoreSum += r.score;
  }
  return [...rows.values()].map(({ raterSet, ...row }) => ({ ...row, raters: [...raterSet] }));
}
