/**
 * How a compliance % is computed, the one definition (DESIGN.md, SLA): met / (met + breached) over
 * the clocks a report counted, shown with its counts; one decimal; null when nothing was counted,
 * so "—" never reads as 0 %. Which clocks every report counts, and when, is compliance-outcomes.ts
 * (days of the department's zone for a department's reports): this only turns the counts into the
 * figure. Pure, so the browser uses it too.
 */
export type Compliance = {
  met: number;
  breached: number;
  total: number;
  /** met / total as a percentage with one decimal; null when nothing was counted. */
  percent: number | null;
  /** Resolution only: how many of the counted requests breached in any of their resolution cycles. */
  everBreached?: number;
};

export function compliance(met: number, breached: number, everBreached?: number): Compliance {
  const total = met + breached;
  return { met, breached, total, percent: total === 0 ? null : Math.round((met * 1000) / total) / 10, ...(everBreached === undefined ? {} : { everBreached }) };
}
