import { env } from "@/lib/env";
import { linkKey, signLink, verifyLink } from "@/lib/security/signed-link";

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
 * The signing key: derived from NEXTAUTH_SECRET for this one purpose (lib/security/signed-link.ts),
 * so a rating link's MAC can never be replayed as anything else signed with the same secret. The
 * purpose string and the payload's keys are those of the first links sent: old links still work.
 */
export function ratingLinkKey(secret: string | undefined = env().NEXTAUTH_SECRET): Buffer | undefined {
  return linkKey("service-desk/rating-link/v1", secret);
}

export function signRatingLink(claims: Omit<RatingLinkClaims, "expiresAt"> & { issuedAt?: Date }, key: Buffer): string {
  const expiresAt = (claims.issuedAt ?? new Date()).getTime() + ratingLinkDays * DAY_MS;
  return signLink({ r: claims.requestId, c: claims.cycle, p: claims.personId, e: Math.floor(expiresAt / 1000) }, key);
}

export function verifyRatingLink(token: string, key: Buffer | undefined, now = new Date()): RatingLinkCheck {
  const p = verifyLink(token, key);
  if (!p) return { ok: false, reason: "invalid" };
  if (typeof p.r !== "string" || typeof p.p !== "string" || !Number.isInteger(p.c) || !Number.isInteger(p.e)) return { ok: false, reason: "invalid" };
  const claims: RatingLinkClaims = { requestId: p.r, cycle: p.c as number, personId: p.p, expiresAt: new Date((p.e as number) * 1000) };
  if (now.getTime() >= claims.expiresAt.getTime()) return { ok: false, reason: "expired", claims };
  return { ok: true, claims };
}
