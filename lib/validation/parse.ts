import type { z } from "zod";
import { AppError } from "@/lib/errors";

/** Parses a use case's input; a failure becomes INVALID_INPUT with messages per field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const first = result.error.issues[0]?.message ?? "Check the form";
  throw new AppError("INVALID_INPUT", first, fieldErrors);
}
