/** met / (met + breached) with the counts; percent with one decimal, null when nothing was counted. */
export type PairCompliance = { met: number; breached: number; total: number; percent: number | null };

/** How a compliance % counts, for every organisation view and the heat map in the browser alike. */
export function pairCompliance(met: number, breached: number): PairCompliance {
  const total = met + breached;
  return { met, breached, total, percent: total === 0 ? null : Math.round((met * 1000) / total) / 10 };
}
