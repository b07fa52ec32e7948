import { z } from "zod";
import { text } from "./text";
import { periodGrain, periodKeySchema } from "@/lib/satisfaction/figure-periods";
import { commentWhenLow, scoreAnswer } from "./ratings";

export const pulseCadences = ["ONCE", "MONTHLY", "QUARTERLY"] as const;
export const cadenceLabel: Record<(typeof pulseCadences)[number], string> = { ONCE: "Once", MONTHLY: "Every month", QUARTERLY: "Every quarter" };

const id = text().trim().min(1, "Required").max(64);

/**
 * A new pulse survey. `scope` is "organisation" (every department is rated) or the id of the one
 * department rated. `period` is the served period its first round asks about: a month, or a quarter
 * for a quarterly survey; later rounds ask about the periods after it.
 */
export const createPulseSurveySchema = z
  .object({
    scope: id,
    cadence: z.enum(pulseCadences, { error: "Choose how often the survey runs" }),
    period: periodKeySchema,
    openDays: z.coerce.number({ error: "Enter a number of days" }).int("Enter whole days").min(1, "At least 1 day").max(60, "At most 60 days").default(14),
  })
  .superRefine((value, ctx) => {
    // Zod runs this refinement even when the period itself was refused.
    if (!periodKeySchema.safeParse(value.period).success) return;
    const grain = periodGrain(value.period);
    const want = value.cadence === "QUARTERLY" ? ["quarter"] : value.cadence === "MONTHLY" ? ["month"] : ["month", "quarter"];
    if (!want.includes(grain)) {
      ctx.addIssue({ code: "custom", path: ["period"], message: value.cadence === "QUARTERLY" ? "Choose a quarter (2026-Q4)" : value.cadence === "MONTHLY" ? "Choose a month (2026-11)" : "Choose a month or a quarter" });
    }
  });
export type CreatePulseSurveyInput = z.input<typeof createPulseSurveySchema>;

/** One answer about one department in one round; no score is pre-selected, a comment is required at 1-2. */
export const answerPulseSchema = scoreAnswer.extend({ roundId: id, departmentId: id }).superRefine(commentWhenLow);
export type AnswerPulseInput = z.input<typeof answerPulseSchema>;

export const pulseRoundIdSchema = z.object({ roundId: id });
export const pulseSurveyIdSchema = z.object({ surveyId: id });
