import { expect } from "vitest";
import { AppError } from "@/lib/errors";

/** Awaits a use case that must fail with this AppError code, and returns the error for more checks. */
export async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}
