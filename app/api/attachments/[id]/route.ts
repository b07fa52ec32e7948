import { downloadResponse } from "@/lib/attachments/download-response";
import { openAttachment } from "@/lib/attachments/open-attachment";
import { currentActor } from "@/lib/auth/session";
import { AppError, httpStatusOf } from "@/lib/errors";
import { logger } from "@/lib/log/logger";

export const dynamic = "force-dynamic";

/** Downloads an attachment; who may see it is decided by openAttachment, so anything else is a 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  if (!actor) return text(401, "Sign in to download this file.");
  try {
    return downloadResponse(await openAttachment({ actor, id: (await params).id }));
  } catch (error) {
    if (error instanceof AppError) return text(httpStatusOf[error.code], error.userMessage);
    logger.error({ err: error }, "attachment download failed");
    return text(500, "Something went wrong on our side. Try again in a moment.");
  }
}

const text = (status: number, message: string) =>
  new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store" } });
