import crypto from "node:crypto";
import { env } from "@/lib/env";

/**
 * Links emailed to one person for one purpose (rating a resolution, deciding an approval step):
 * `<payload>.<mac>`, both base64url; the payload is readable JSON but any change breaks the MAC.
 * Each purpose has its own key derived from NEXTAUTH_SECRET, so a link of one kind can never be
 * replayed as another. What a link may do once verified (once only, who must be signed in) is its
 * use case's to decide; this module only says whether the bytes are genuine.
 */

/** The key of one purpose ("service-desk/rating-link/v1"); undefined without a secret (bare lib callers). */
export function linkKey(purpose: string, secret: string | undefined = env().NEXTAUTH_SECRET): Buffer | undefined {
  if (!secret) return undefined;
  return crypto.createHmac("sha256", secret).update(purpose).digest();
}

const mac = (key: Buffer, payload: string) => crypto.createHmac("sha256", key).update(payload).digest();

export function signLink(payload: Record<string, unknown>, key: Buffer): string {
  const encoded = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${encoded}.${mac(key, encoded).toString("base64url")}`;
}

/** The signed payload, or null when the token is malformed or its MAC does not match. */
export function verifyLink(token: string, key: Buffer | undefined): Record<string, unknown> | null {
  if (!key || token.length > 1_000) return null;
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const given = Buffer.from(signature, "base64url");
  const expected = mac(key, payload);
  // timingSafeEqual throws on different lengths; the length of a MAC is no secret.
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
