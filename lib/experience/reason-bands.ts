// The "what mattered" reasons and their bands, with no zod: the rating form imports these in the
// browser; ./reasons.ts holds the schema of a department's own list.
/**
 * "What mattered": reasons the requester may tick, by score band (4-5 positive, 1-3 negative; a 3
 * is not the goal, so it asks what fell short). Each department may edit its list; the default set
 * is stable, and a reason keeps its key for good (published counts are per key), so renaming a
 * reason keeps its counts and removing one only stops offering it.
 */
export type ReasonBand = "positive" | "negative";
export type Reason = { key: string; label: string; band: ReasonBand };

export const defaultReasons: readonly Reason[] = [
  { key: "fast", label: "Fast", band: "positive" },
  { key: "kept_informed", label: "Kept me informed", band: "positive" },
  { key: "solved_first_time", label: "Solved first time", band: "positive" },
  { key: "friendly", label: "Friendly", band: "positive" },
  { key: "slow", label: "Slow", band: "negative" },
  { key: "had_to_chase", label: "Had to chase", band: "negative" },
  { key: "not_solved", label: "Not solved", band: "negative" },
  { key: "passed_around", label: "Passed around", band: "negative" },
  { key: "unclear_what_was_needed", label: "Unclear what was needed", band: "negative" },
];

export const bandOf = (score: number): ReasonBand => (score >= 4 ? "positive" : "negative");
