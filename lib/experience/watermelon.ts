import { goalOutcome } from "./goal";

/**
 * Service levels beside experience, for a department or a department pair in one published period:
 * a "watermelon" meets its SLAs (green outside) while its internal customers' experience misses the
 * department's goal (red inside); a "hidden gem" misses its SLAs while experience meets the goal.
 * SLAs count as met at the department's SLA goal (default `defaultSlaGoal` %) or more: met / (met +
 * breached) over every metric.
 */
export const defaultSlaGoal = 90;

export type ExperienceFlag = "watermelon" | "hidden_gem" | "aligned" | "unknown";

/** Short, for table cells and CSV; the page explains them once above the table. */
export const flagLabel: Record<ExperienceFlag, string> = {
  watermelon: "Watermelon",
  hidden_gem: "Hidden gem",
  aligned: "Agree",
  unknown: "—",
};

export function experienceFlag(options: {
  sla: { met: number; breached: number } | null;
  /** The published figure (null when withheld or pending). */
  satisfaction: { satisfied: number; ratings: number } | null;
  goalPercent: number;
  slaGoal?: number;
}): ExperienceFlag {
  const { sla, satisfaction } = options;
  if (!sla || sla.met + sla.breached === 0 || !satisfaction || satisfaction.ratings === 0) return "unknown";
  const slaMet = sla.met * 100 >= (options.slaGoal ?? defaultSlaGoal) * (sla.met + sla.breached);
  const goalMet = goalOutcome(satisfaction, options.goalPercent) === "met";
  if (slaMet && !goalMet) return "watermelon";
  if (!slaMet && goalMet) return "hidden_gem";
  return "aligned";
}
