import { z } from "zod";
import { text } from "./text";

const id = text().min(1).max(64);
const blankAsUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const reference = text()
  .trim()
  .min(1, "Enter the number of the other request, e.g. FAC-1042")
  .max(30, "Enter a request number such as FAC-1042")
  .regex(/^[A-Za-z][A-Za-z0-9]{0,9}-\d{1,9}$/, "Enter a request number such as FAC-1042");

export const transferSchema = z.object({
  requestId: id,
  expectedVersion: z.coerce.number().int().min(1),
  toDepartmentId: text().trim().min(1, "Choose the department to transfer to").max(64, "Choose a department from the list"),
  /** A request type of the receiving department; left out, the one with the same name (else its first) is used. */
  typeId: z.preprocess(blankAsUndefined, text().trim().max(64, "Choose a request type from the list").optional()),
  reason: text().trim().min(1, "Say why it belongs with the other department").max(5_000, "Keep the reason under 5,000 characters"),
});
export type TransferInput = z.input<typeof transferSchema>;

export const mergeSchema = z.object({
  requestId: id,
  expectedVersion: z.coerce.number().int().min(1),
  targetReference: reference,
});
export type MergeInput = z.input<typeof mergeSchema>;

export const linkSchema = z.object({
  requestId: id,
  otherReference: reference,
});
export type LinkInput = z.input<typeof linkSchema>;

export const unlinkSchema = z.object({ requestId: id, linkId: id });
export type UnlinkInput = z.input<typeof unlinkSchema>;
