import crypto from "node:crypto";
import { env } from "@/lib/env";

/**
 * The signed tag of a reply address: `<token id>.<mac>`, all lower case (some mail systems fold
 * the case of local parts) and short enough for a 64-character local part. The token row
 * (EmailReplyToken) names one request and one person; the MAC keeps anyone from guessing another
 * person's address. Derived from NEXTAUTH_SECRET for this one purpose.
 */
export function replyTokenKey(secret: string | undefined = env().NEXTAUTH_SECRET): Buffer | undefined {
  if (!secret) return undefined;
  return crypto.createHmac("sha256", secret).update("service-desk/reply-address/v1").digest();
}

const mac = (key: Buffer, id: string) => crypto.createHmac("sha256", key).update(id).digest("hex").slice(0, 20);

export function signReplyTag(tokenId: string, key: Buffer): string {
  return `${tokenId}.${mac(key, tokenId)}`;
}

/** The token id a tag carries when its MAC is right; null otherwise. */
export function verifyReplyTag(tag: string, key: Buffer | undefined): string | null {
  if (!key || tag.length > 100) return null;
  const [id, signature, extra] = tag.toLowerCase().split(".");
  if (!id || !signature || extra !== undefined || !/^[a-z0-9]+$/.test(id)) return null;
  const expected = Buffer.from(mac(key, id));
  const given = Buffer.from(signature);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? id : null;
}
