import "server-only";
import { databaseTrouble } from "@/lib/db/unavailable";
import { AppError, httpStatusOf } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import type { ApiErrorCode } from "@/lib/validation/api";

/** An HTTP-level failure of the API (the body, a header, the rate limit), beside the domain's AppError. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    readonly userMessage: string,
    readonly fields?: Record<string, string[]>,
    readonly headers?: Record<string, string>,
  ) {
    super(`${code}: ${userMessage}`);
    this.name = "ApiError";
  }
}

const MAX_BODY_BYTES = 1_000_000;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** `{ error: { code, message, fields? } }` for every failure; anything unexpected is logged and a 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ApiError) {
    return json(error.status, { error: { code: error.code, message: error.userMessage, ...(error.fields ? { fields: error.fields } : {}) } }, error.headers);
  }
  if (error instanceof AppError) {
    const fields = error.fieldErrors && Object.keys(error.fieldErrors).length ? { fields: error.fieldErrors } : {};
    return json(httpStatusOf[error.code], { error: { code: error.code, message: error.userMessage, ...fields } });
  }
  const trouble = databaseTrouble(error);
  if (trouble) {
    // The database is restarting or saturated: an answer the client can act on, not a bug.
    logger.warn({ err: error, trouble }, "api call refused: the database is unavailable");
    const message =
      trouble === "busy"
        ? "The desk is busy right now. Try again in a moment: nothing was changed."
        : "The desk cannot reach its database right now. Try again in a moment.";
    return json(503, { error: { code: "SERVICE_UNAVAILABLE", message } }, { "Retry-After": trouble === "busy" ? "2" : "5" });
  }
  logger.error({ err: error }, "api call failed");
  return json(500, { error: { code: "INTERNAL_ERROR", message: "Something went wrong on our side. Try again in a moment." } });
}

/** The JSON body: malformed or missing JSON is 400 INVALID_JSON; its shape is the schema's business (422). */
export async function readJson(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
  if (!text.trim()) throw new ApiError(400, "INVALID_JSON", "The request body is empty: send a JSON object.");
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof SyntaxError ? ` (${error.message})` : "";
    throw new ApiError(400, "INVALID_JSON", `The request body is not valid JSON${detail}.`);
  }
}

const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * The other methods of a route, answered in the API's error shape (Next.js's own 405 has no body).
 * A route file exports them: `export const { POST, PUT, PATCH, DELETE } = otherMethods("GET")`.
 */
export function otherMethods(...allowed: (typeof methods)[number][]) {
  const refuse = () => json(405, { error: { code: "METHOD_NOT_ALLOWED", message: `Use ${allowed.join(" or ")} here.` } }, { Allow: allowed.join(", ") });
  return Object.fromEntries(methods.filter((m) => !allowed.includes(m)).map((m) => [m, refuse])) as Record<(typeof methods)[number], () => Response>;
}

const tooLarge = () => new ApiError(413, "PAYLOAD_TOO_LARGE", "The request body is larger than 1 MB.");
