import { formatTime } from "@/lib/time/format-time";

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

/** The short words for a figure whose period is not published yet, where there is no room for its date. */
export const unpublishedLabel = "Not published yet";

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
export const pendingLabel = (value: { publishesAt: Date; timeZone?: string }) =>
  `Published on ${formatTime(value.publishesAt, { timeZone: value.timeZone ?? "UTC", style: "date" })}`;

/** A pending value's zone, only when it is not UTC (the default every label assumes). */
export const zoneField = (timeZone: string): { timeZone?: string } => (timeZone === "UTC" ? {} : { timeZone });
