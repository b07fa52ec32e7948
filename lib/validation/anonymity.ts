import { z } from "zod";

/** The floor below which no one can set the thresholds (issue 5): a figure from 1 or 2 raters is one person's rating. */
export const thresholdFloor = 3;

const threshold = (what: string) =>
  z.coerce
    .number({ error: `The minimum number of ${what} must be a whole number` })
    .int(`The minimum number of ${what} must be a whole number`)
    .min(thresholdFloor, `The minimum number of ${what} cannot be below ${thresholdFloor}`)
    .max(1000, `The minimum number of ${what} is at most 1,000`);

/** Workload figures of a department with one agent describe that person: the minimum is never below 2. */
export const agentsFloor = 2;

export const minAgentsSchema = z.coerce
  .number({ error: "The minimum number of agents must be a whole number" })
  .int("The minimum number of agents must be a whole number")
  .min(agentsFloor, `The minimum number of agents cannot be below ${agentsFloor}`)
  .max(1000, "The minimum number of agents is at most 1,000");

export const anonymityThresholdsSchema = z.object({
  minRaters: threshold("raters"),
  minComments: threshold("comments"),
  /** The fewest agents a department needs for HR to see its workload figures (stored settings from before it default to 3). */
  minAgents: minAgentsSchema.default(3),
});

export type AnonymityThresholds = z.infer<typeof anonymityThresholdsSchema>;
export type AnonymityThresholdsInput = z.input<typeof anonymityThresholdsSchema>;

export const defaultAnonymityThresholds: AnonymityThresholds = { minRaters: 5, minComments: 10, minAgents: 3 };
