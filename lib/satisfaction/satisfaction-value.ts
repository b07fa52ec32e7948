/** What a viewer gets for one satisfaction figure. Pure, shared by the read use case and the tests. */
export type SatisfactionValue =
  /** percent: ratings of 4 or 5 / all ratings (CSAT), one decimal; mean: average score, one decimal. */
  | { state: "shown"; ratings: number; satisfied: number; percent: number; mean: number }
  /**
   * No figure and no count: too few raters, nobody at all, or a figure that would give a smaller
   * group away. The three look the same on purpose: "nobody rated" is itself a fact about a group.
   */
  | { state: "withheld" }
  /** Its period is still open (or closed moments ago): figures are published once, after it ends. */
  | { state: "pending"; publishesAt: Date; timeZone?: string };

export type StoredFigure = { shown: true; ratings: number; satisfied: number; scoreSum: number } | { shown: false };

/** The words every view shows for a withheld figure, whatever the reason. */
export const withheldLabel = "Not enough responses";

export function lookupFigure(figures: ReadonlyMap<string, StoredFigure>, key: string): SatisfactionValue {
  const figure = figures.get(key);
  if (!figure || !figure.shown || figure.ratings === 0) return { state: "withheld" };
  const round1 = (x: number) => Math.round(x * 10) / 10;
  return {
    state: "shown",
    ratings: figure.ratings,
    satisfied: figure.satisfied,
    percent: round1((figure.satisfied / figure.ratings) * 100),
    mean: round1(figure.scoreSum / figure.ratings),
  };
}

/** "Published on 1 Dec 2026": when an open period's figures will appear, a date of the organisation's zone (absent: UTC). */
export const pendingLabel = (value: { publishesAt: Date; timeZone?: string }) => `Published on ${publishedDate(value.timeZone ?? "UTC").format(value.publishesAt)}`;

// One formatter per zone: HR's heat map labels thousands of cells, and building one costs far more than using it.
const publishedDates = new Map<string, Intl.DateTimeFormat>();
function publishedDate(timeZone: string): Intl.DateTimeFormat {
  let format = publishedDates.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone });
    publishedDates.set(timeZone, format);
  }
  return format;
}

/** A pending value's zone, only when it is not UTC (the default every label assumes). */
export const zoneField = (timeZone: string): { timeZone?: string } => (timeZone === "UTC" ? {} : { timeZone });
