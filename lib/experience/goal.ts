/**
 * A department's satisfaction goal: the share of its internal customers whose experience reached
 * "good" (a rating of 4 or 5) that it aims for. Default 85 %. The share is the published CSAT of the
 * period; whether it met the goal is decided here, for every view.
 */
export const defaultSatisfactionGoal = 85;
export const minGoal = 1;
export const maxGoal = 100;

export type GoalOutcome = "met" | "missed";

/** satisfied / ratings ≥ goal %, in integers (no rounding can flip it). */
export function goalOutcome(figure: { satisfied: number; ratings: number }, goalPercent: number): GoalOutcome {
  return figure.satisfied * 100 >= goalPercent * figure.ratings ? "met" : "missed";
}
