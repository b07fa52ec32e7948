import { z } from "zod";
import { timeLostKeys, type TimeLost } from "@/lib/experience/time-lost";
import { text } from "./text";

export { ratingScores, scoreLabel } from "./rating-values";

/** Below this score a comment is required: a low score alone tells the department nothing to fix. */
export const commentRequiredBelow = 3;

/** A 1-5 score and an optional comment: a rating's and a pulse answer's shape. */
export const scoreAnswer = z.object({
  score: z.coerce
    .number({ error: "Choose a score from 1 to 5" })
    .int("Choose a score from 1 to 5")
    .min(1, "Choose a score from 1 to 5")
    .max(5, "Choose a score from 1 to 5"),
  comment: text()
    .trim()
    .max(5_000, "Keep the comment under 5,000 characters")
    .nullish()
    .transform((c) => (c ? c : undefined)),
});

/**
 * The optional questions after the score (time lost, what mattered, consent to a follow-up of a
 * complaint). Never required: the score alone is a whole rating. Reason keys are checked against the
 * department's list for the score's band by the use case.
 */
export const experienceAnswer = z.object({
  timeLost: z
    .string()
    .nullish()
    .refine((v) => !v || (timeLostKeys as readonly string[]).includes(v), { message: "Choose one of the listed answers" })
    .transform((v) => (v ? (v as TimeLost) : undefined)),
  reasons: z.array(z.string().regex(/^[a-z0-9_]{1,40}$/, "Choose reasons from the list")).max(20, "Choose reasons from the list").default([]),
  /** A checkbox: "on" (a form), true (a client). */
  followUp: z.unknown().optional().transform((v) => v === true || v === "on" || v === "true"),
});

export function commentWhenLow(value: { score: number; comment?: string }, ctx: z.RefinementCtx) {
  if (value.score < commentRequiredBelow && !value.comment) {
    ctx.addIssue({ code: "custom", path: ["comment"], message: "Tell us what went wrong: a comment is required for a score of 1 or 2" });
  }
}

/**
 * What the requester answers, checked in the browser before sending. No score is pre-selected, so
 * a missing score is the requester's to choose, never a default.
 */
export const ratingAnswerSchema = scoreAnswer.extend(experienceAnswer.shape).superRefine(commentWhenLow);

/** One rating as the use case takes it: the answer, for a request and the cycle the form was shown for. */
export const rateRequestSchema = scoreAnswer
  .extend(experienceAnswer.shape)
  .extend({
    requestId: text().min(1).max(64),
    /** A form left open across a reopen rates nothing. */
    cycle: z.coerce.number().int().min(1),
  })
  .superRefine(commentWhenLow);
export type RateRequestInput = z.input<typeof rateRequestSchema>;
