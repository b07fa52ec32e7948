import { canShowAggregate, minRatersForAggregate } from "./anonymity";

export type Csat =
  /** satisfied: ratings of 4 or 5; percent: satisfied / ratings, one decimal. */
  | { shown: true; satisfied: number; ratings: number; percent: number }
  /** Fewer distinct raters than the threshold: no figure and no counts, not even "3 ratings". */
  | { shown: false; minRaters: number };

/** Suppression decided here, in lib/, so no page or export can show what it should not. */
export function csatFigure(counts: { satisfied: number; ratings: number; raters: number }): Csat {
  if (!canShowAggregate(counts.raters) || counts.ratings === 0) return { shown: false, minRaters: minRatersForAggregate };
  return { shown: true, satisfied: counts.satisfied, ratings: counts.ratings, percent: Math.round((counts.satisfied / counts.ratings) * 1000) / 10 };
}

