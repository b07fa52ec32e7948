import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { webhookEmailSchema } from "@/lib/validation/email";
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

/** Called before the body is read, so an unauthenticated caller cannot make the desk read megabytes. */
export function requireWebhookSecret(authorization: string | null): void {
  if (!authorized(authorization)) throw new AppError("UNAUTHENTICATED", "A valid bearer secret is required.");
}

/**
 * A provider posts one raw message (RFC 5322 MIME, as Mailgun's `body-mime`, SendGrid's "POST the raw,
 * full MIME message" or an SMTP relay's pipe would): it is stored, unique by Message-ID, for the inbound
 * job. A body that is not one message with a From header is refused before anything is stored.
 * Answers before processing, so the provider's retry of a slow answer is a duplicate, absorbed.
 */
export async function receiveWebhookEmail(options: { authorization: string | null; body: Uint8Array }): Promise<{ id: string; duplicate: boolean }> {
  requireWebhookSecret(options.authorization);
  const { body } = parseInput(webhookEmailSchema, { body: options.body });
  const maxBytes = Math.floor(env().INBOUND_MAX_MB * 1024 * 1024);
  return storeInboundEmail(db(), { raw: Buffer.from(body), source: "webhook", maxBytes });
}
