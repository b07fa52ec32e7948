/** What a viewer gets for one satisfaction figure. Pure, shared by the read use case and the tests. */
export type SatisfactionValue =
  /** percent: ratings of 4 or 5 / all ratings (CSAT), one decimal; mean: average score, one decimal. */
  | { state: "shown"; ratings: number; satisfied: number; percent: number; mean: number }
  /** Too few raters behind it, or its complement would give them away: no figure and no count. */
  | { state: "suppressed" }
  /** Nobody rated in that group and period. */
  | { state: "none" };

export type StoredFigure = { shown: true; ratings: number; satisfied: number; scoreSum: number } | { shown: false };

export function lookupFigure(figures: ReadonlyMap<string, StoredFigure>, key: string): SatisfactionValue {
  const figure = figures.get(key);
  if (!figure) return { state: "none" };
  if (!figure.shown || figure.ratings === 0) return { state: "suppressed" };
  const round1 = (x: number) => Math.round(x * 10) / 10;
  return {
    state: "shown",
    ratings: figure.ratings,
    satisfied: figure.satisfied,
    percent: round1((figure.satisfied / figure.ratings) * 100),
    mean: round1(figure.scoreSum / figure.ratings),
  };
}
