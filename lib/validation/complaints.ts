import { z } from "zod";
import { text } from "./text";
import { complaintOutcomes } from "./complaint-values";
export { complaintOutcomes, outcomeLabel, type ComplaintOutcome } from "./complaint-values";

const id = text().min(1).max(64);

/** "This is not OK" on an open request: always with consent, since it asks for someone to act. */
export const raiseComplaintSchema = z.object({
  requestId: id,
  summary: text().trim().min(1, "Say what is not OK").max(2_000, "Keep it under 2,000 characters"),
});
export type RaiseComplaintInput = z.input<typeof raiseComplaintSchema>;

export const assignComplaintSchema = z.object({ complaintId: id, assigneeId: id.nullish().transform((v) => v || null), version: z.coerce.number().int().min(1) });

export const complaintNoteSchema = z.object({
  complaintId: id,
  body: text().trim().min(1, "Write a note").max(5_000, "Keep the note under 5,000 characters"),
  /** This note records contacting the person: the follow-up target is judged by the first such. */
  contacted: z.union([z.boolean(), z.enum(["on", "true", "false", ""])]).nullish().transform((v) => v === true || v === "on" || v === "true"),
});

export const closeComplaintSchema = z.object({
  complaintId: id,
  outcome: z.enum(complaintOutcomes, { error: "Choose an outcome" }),
  message: text().trim().min(1, "Tell the person what was done").max(5_000, "Keep the message under 5,000 characters"),
  version: z.coerce.number().int().min(1),
});

export const feelHeardSchema = z.object({
  complaintId: id,
  feelsHeard: z.enum(["yes", "no"], { error: "Choose yes or no" }).transform((v) => v === "yes"),
});

export const complaintDelegateSchema = z.object({ departmentId: id, delegateId: id.nullish().transform((v) => v || null) });
