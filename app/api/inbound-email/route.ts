import { receiveWebhookEmail, requireWebhookSecret, webhookEnabled } from "@/lib/email/receive-webhook-email";
import { env } from "@/lib/env";
import { AppError, httpStatusOf } from "@/lib/errors";

export const dynamic = "force-dynamic";

const json = (status: number, body: unknown) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
const tooLarge = () => json(413, { error: { code: "INVALID_INPUT", message: `A message may have at most ${env().INBOUND_MAX_MB} MB.` } });

/** Reads the body up to maxBytes; null as soon as it is longer (a chunked body has no Content-Length to trust). */
async function readAtMost(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Inbound mail from a provider's webhook: `POST` one raw MIME message with `Authorization: Bearer <INBOUND_WEBHOOK_SECRET>`. */
export async function POST(request: Request): Promise<Response> {
  if (!webhookEnabled()) return json(404, { error: { code: "NOT_FOUND", message: "This desk has no inbound webhook." } });
  const maxBytes = Math.floor(env().INBOUND_MAX_MB * 1024 * 1024);
  try {
    const authorization = request.headers.get("authorization");
    requireWebhookSecret(authorization);
    if (Number(request.headers.get("content-length") ?? 0) > maxBytes) return tooLarge();
    const body = await readAtMost(request, maxBytes);
    if (!body) return tooLarge();
    const stored = await receiveWebhookEmail({ authorization, body });
    return json(stored.duplicate ? 200 : 202, { id: stored.id, duplicate: stored.duplicate });
  } catch (error) {
    if (error instanceof AppError) return json(httpStatusOf[error.code], { error: { code: error.code, message: error.userMessage, ...(error.fieldErrors ? { fields: error.fieldErrors } : {}) } });
    throw error;
  }
}
