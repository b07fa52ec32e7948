import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { csvDownload } from "./csv";

/** What an export's use case hands back: the file, or a plain-text answer of its own. */
export type CsvFile = { body: string; fileName: string };

const text = (body: string, status: number) => new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/**
 * The one prologue and epilogue of every report download route: signed out is 401 with `signIn` in
 * words; then the use case, whose errors answer in plain text: FORBIDDEN and NOT_FOUND alike as 404
 * (someone who may not see a report cannot tell it from one that does not exist), INVALID_INPUT as
 * 422 with its message, anything else logged as `failure` and 500. The route only reads its
 * parameters and names the use case.
 */
export async function reportResponse<A extends Actor>(options: { actor: A | null; signIn: string; failure: string; run: (actor: A) => Promise<Response> }): Promise<Response> {
  if (!options.actor) return text(options.signIn, 401);
  try {
    return await options.run(options.actor);
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === "FORBIDDEN" || error.code === "NOT_FOUND") return text("Not found.", 404);
      if (error.code === "INVALID_INPUT") return text(error.userMessage, 422);
    }
    logger.error({ err: error }, options.failure);
    return text("Something went wrong on our side. Try again in a moment.", 500);
  }
}

/** A CSV download route: reportResponse with the use case's file. */
export function csvExport<A extends Actor>(options: { actor: A | null; signIn: string; failure: string; run: (actor: A) => Promise<CsvFile> }): Promise<Response> {
  return reportResponse({ ...options, run: async (actor) => {
    const file = await options.run(actor);
    return csvDownload(file.body, file.fileName);
  } });
}
