import { z } from "zod";
import { text } from "./text";

const id = text().trim().min(1, "Choose one").max(64);
const title = text().trim().min(1, "Give the response a title").max(120, "Keep the title under 120 characters");
const body = text()
  .trim()
  .min(1, "Write the text of the response")
  .max(10_000, "Keep the text under 10,000 characters");

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** Macro: what sending a canned response also changes on the request (each optional; empty: leave it). */
export const macroChangesSchema = z.object({
  setStatus: z.preprocess(blank, z.enum(["OPEN", "WAITING_ON_REQUESTER", "RESOLVED", "CLOSED"]).optional()),
  setPriority: z.preprocess(blank, z.enum(["LOW", "NORMAL", "HIGH", "URGENT"]).optional()),
  setAssigneeId: z.preprocess(blank, text().trim().max(64, "Choose an agent from the list").optional()),
  setTeamId: z.preprocess(blank, text().trim().max(64, "Choose a team from the list").optional()),
});
export type MacroChanges = z.output<typeof macroChangesSchema>;

export const createCannedResponseSchema = z.object({ departmentId: id, title, body, changes: macroChangesSchema.default({}) });
export type CreateCannedResponseInput = z.input<typeof createCannedResponseSchema>;

export const updateCannedResponseSchema = z.object({ cannedResponseId: id, title, body, changes: macroChangesSchema.default({}) });
export type UpdateCannedResponseInput = z.input<typeof updateCannedResponseSchema>;

export const cannedResponseRefSchema = z.object({ cannedResponseId: id });
export type CannedResponseRefInput = z.input<typeof cannedResponseRefSchema>;

/** The placeholders a canned response may use, filled in when an agent inserts it. */
export const cannedPlaceholders = ["{{requester.name}}", "{{requester.firstName}}", "{{request.reference}}", "{{agent.name}}"] as const;

/** Sending a canned response on a request: its text as the agent edited it (default: as written), then its changes. */
export const applyMacroSchema = z.object({
  requestId: id,
  cannedResponseId: id,
  body: z.preprocess(blank, text().trim().max(20_000, "The message is too long (20,000 characters at most)").optional()),
  visibility: z.enum(["PUBLIC", "INTERNAL"]).default("PUBLIC"),
});
export type ApplyMacroInput = z.input<typeof applyMacroSchema>;
