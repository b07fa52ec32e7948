import { downloadResponse } from "@/lib/attachments/download-response";
import { currentActor } from "@/lib/auth/session";
import { AppError, httpStatusOf } from "@/lib/errors";
import { openArticleFile } from "@/lib/knowledge/open-article-file";
import { logger } from "@/lib/log/logger";

export const dynamic = "force-dynamic";

/** An article's image or file; who may open it is decided by the article policy, so anything else is a 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  if (!actor) return text(401, "Sign in to open this file.");
  try {
    return downloadResponse(await openArticleFile({ actor, id: (await params).id }));
  } catch (error) {
    if (error instanceof AppError) return text(httpStatusOf[error.code], error.userMessage);
    logger.error({ err: error }, "article file download failed");
    return text(500, "Something went wrong on our side. Try again in a moment.");
  }
}

const text = (status: number, message: string) =>
  new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store" } });
