import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { storeInboundEmail } from "./store-inbound-email";

/** The bearer secret, compared in constant time; a desk without INBOUND_WEBHOOK_SECRET has no webhook. */
export function webhookEnabled(): boolean {
  return Boolean(env().INBOUND_WEBHOOK_SECRET);
}

function authorized(header: string | null): boolean {
  const secret = env().INBOUND_WEBHOOK_SECRET;
  if (!secret || !header?.startsWith("Bearer ")) return false;
  const given = crypto.createHash("sha256").update(header.slice(7).trim()).digest();
  const expected = crypto.createHash("sha256").update(secret).digest();
  return crypto.timingSafeEqual(given, expected);
}

/**
 * A provider posts one raw message (RFC 822 MIME, as Mailgun's `body-mime`, SendGrid's "POST the raw,
 * full MIME message" or an SMTP relay's pipe would): it is stored, unique by Message-ID, for the inbound
 * job. Answers before processing, so the provider's retry of a slow answer is a duplicate, absorbed.
 */
export async function receiveWebhookEmail(options: { authorization: string | null; body: Uint8Array }): Promise<{ id: string; duplicate: boolean }> {
  if (!authorized(options.authorization)) throw new AppError("UNAUTHENTICATED", "A valid bearer secret is required.");
  const maxBytes = Math.floor(env().INBOUND_MAX_MB * 1024 * 1024);
  if (options.body.length === 0) throw new AppError("INVALID_INPUT", "The body must be one raw MIME message.");
  return storeInboundEmail(db(), { raw: Buffer.from(options.body), source: "webhook", maxBytes });
}
