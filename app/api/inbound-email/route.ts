import { receiveWebhookEmail, webhookEnabled } from "@/lib/email/receive-webhook-email";
import { env } from "@/lib/env";
import { AppError, httpStatusOf } from "@/lib/errors";

export const dynamic = "force-dynamic";

const json = (status: number, body: unknown) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/** Inbound mail from a provider's webhook: `POST` one raw MIME message with `Authorization: Bearer <INBOUND_WEBHOOK_SECRET>`. */
export async function POST(request: Request): Promise<Response> {
  if (!webhookEnabled()) return json(404, { error: { code: "NOT_FOUND", message: "This desk has no inbound webhook." } });
  const maxBytes = Math.floor(env().INBOUND_MAX_MB * 1024 * 1024);
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) return json(413, { error: { code: "INVALID_INPUT", message: `A message may have at most ${env().INBOUND_MAX_MB} MB.` } });
  try {
    const body = new Uint8Array(await request.arrayBuffer());
    if (body.length > maxBytes) return json(413, { error: { code: "INVALID_INPUT", message: `A message may have at most ${env().INBOUND_MAX_MB} MB.` } });
    const stored = await receiveWebhookEmail({ authorization: request.headers.get("authorization"), body });
    return json(stored.duplicate ? 200 : 202, { id: stored.id, duplicate: stored.duplicate });
  } catch (error) {
    if (error instanceof AppError) return json(httpStatusOf[error.code], { error: { code: error.code, message: error.userMessage } });
    throw error;
  }
}
