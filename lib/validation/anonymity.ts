import { z } from "zod";

/** The floor below which no one can set the thresholds (issue 5): a figure from 1 or 2 raters is one person's rating. */
export const thresholdFloor = 3;

const threshold = (what: string) =>
  z.coerce
    .number({ error: `The minimum number of ${what} must be a whole number` })
    .int(`The minimum number of ${what} must be a whole number`)
    .min(thresholdFloor, `The minimum number of ${what} cannot be below ${thresholdFloor}`)
    .max(1000, `The minimum number of ${what} is at most 1,000`);

export const anonymityThresholdsSchema = z.object({ minRaters: threshold("raters"), minComments: threshold("comments") });

export type AnonymityThresholds = z.infer<typeof anonymityThresholdsSchema>;
export type AnonymityThresholdsInput = z.input<typeof anonymityThresholdsSchema>;

export const defaultAnonymityThresholds: AnonymityThresholds = { minRaters: 5, minComments: 10 };
