import crypto from "node:crypto";
import { env } from "@/lib/env";

/** How long the emailed survey link works. */
export const ratingLinkDays = 28;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What a link is bound to: one requester, one request, one resolution cycle, until it expires. */
export type RatingLinkClaims = { requestId: string; cycle: number; personId: string; expiresAt: Date };

export type RatingLinkCheck =
  | { ok: true; claims: RatingLinkClaims }
  | { ok: false; reason: "invalid" }
  /** Genuine but too old: the page can say so and point to the request instead. */
  | { ok: false; reason: "expired"; claims: RatingLinkClaims };

/**
 * The signing key: derived from NEXTAUTH_SECRET for this one purpose, so a rating link's MAC can
 * never be replayed as anything else signed with the same secret (and vice versa). The running desk
 * always has the secret (scripts/serve.ts sets or demands it); undefined only for bare lib callers.
 */
export function ratingLinkKey(secret: string | undefined = env().NEXTAUTH_SECRET): Buffer | undefined {
  if (!secret) return undefined;
  return crypto.createHmac("sha256", secret).update("service-desk/rating-link/v1").digest();
}

const mac = (key: Buffer, payload: string) => crypto.createHmac("sha256", key).update(payload).digest();

/** `<payload>.<mac>`, both base64url; the payload is readable but any change breaks the MAC. */
export function signRatingLink(claims: Omit<RatingLinkClaims, "expiresAt"> & { issuedAt?: Date }, key: Buffer): string {
  const expiresAt = (claims.issuedAt ?? new Date()).getTime() + ratingLinkDays * DAY_MS;
  const payload = Buffer.from(JSON.stringify({ r: claims.requestId, c: claims.cycle, p: claims.personId, e: Math.floor(expiresAt / 1000) })).toString("base64url");
  return `${payload}.${mac(key, payload).toString("base64url")}`;
}

export function verifyRatingLink(token: string, key: Buffer | undefined, now = new Date()): RatingLinkCheck {
  if (!key || token.length > 1_000) return { ok: false, reason: "invalid" };
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: "invalid" };
  const given = Buffer.from(signature, "base64url");
  const expected = mac(key, payload);
  // timingSafeEqual throws on different lengths; the length of a MAC is no secret.
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "invalid" };
  }
  const p = parsed as { r?: unknown; c?: unknown; p?: unknown; e?: unknown };
  if (typeof p.r !== "string" || typeof p.p !== "string" || !Number.isInteger(p.c) || !Number.isInteger(p.e)) return { ok: false, reason: "invalid" };
  const claims: RatingLinkClaims = { requestId: p.r, cycle: p.c as number, personId: p.p, expiresAt: new Date((p.e as number) * 1000) };
  if (now.getTime() >= claims.expiresAt.getTime()) return { ok: false, reason: "expired", claims };
  return { ok: true, claims };
}
