import { z } from "zod";
import { text } from "./text";

const id = text().trim().min(1, "Choose one").max(64);
const title = text().trim().min(1, "Give the response a title").max(120, "Keep the title under 120 characters");
const body = text()
  .trim()
  .min(1, "Write the text of the response")
  .max(10_000, "Keep the text under 10,000 characters");

export const createCannedResponseSchema = z.object({ departmentId: id, title, body });
export type CreateCannedResponseInput = z.input<typeof createCannedResponseSchema>;

export const updateCannedResponseSchema = z.object({ cannedResponseId: id, title, body });
export type UpdateCannedResponseInput = z.input<typeof updateCannedResponseSchema>;

export const cannedResponseRefSchema = z.object({ cannedResponseId: id });
export type CannedResponseRefInput = z.input<typeof cannedResponseRefSchema>;

/** The placeholders a canned response may use, filled in when an agent inserts it. */
export const cannedPlaceholders = ["{{requester.name}}", "{{requester.firstName}}", "{{request.reference}}", "{{agent.name}}"] as const;
