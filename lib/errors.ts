/** The closed set of failures a use case reports; the message is safe to show to the user. */
export type AppErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "INVALID_INPUT"
  | "CONFLICT"
  | "STALE_VERSION"
  | "RATE_LIMITED";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly userMessage: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(`${code}: ${userMessage}`);
    this.name = "AppError";
  }
}

export const notFound = (what = "This request") => new AppError("NOT_FOUND", `${what} does not exist or you cannot see it.`);
export const forbidden = (message = "You are not allowed to do that.") => new AppError("FORBIDDEN", message);

export const httpStatusOf: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 422,
  CONFLICT: 409,
  STALE_VERSION: 409,
  RATE_LIMITED: 429,
};
