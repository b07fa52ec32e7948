import { env } from "@/lib/env";
import { linkKey, signLink, verifyLink } from "@/lib/security/signed-link";

/** How long an emailed approval link works. */
export const approvalLinkDays = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What a link is bound to: one approver row (one person on one step), until it expires. */
export type ApprovalLinkClaims = { approverId: string; stepId: string; personId: string; expiresAt: Date };

export type ApprovalLinkCheck = { ok: true; claims: ApprovalLinkClaims } | { ok: false; reason: "invalid" } | { ok: false; reason: "expired"; claims: ApprovalLinkClaims };

export const approvalLinkKey = (secret: string | undefined = env().NEXTAUTH_SECRET) => linkKey("service-desk/approval-link/v1", secret);

export function signApprovalLink(claims: Omit<ApprovalLinkClaims, "expiresAt"> & { issuedAt?: Date }, key: Buffer): string {
  const expiresAt = (claims.issuedAt ?? new Date()).getTime() + approvalLinkDays * DAY_MS;
  return signLink({ a: claims.approverId, s: claims.stepId, p: claims.personId, e: Math.floor(expiresAt / 1000) }, key);
}

export function verifyApprovalLink(token: string, key: Buffer | undefined, now = new Date()): ApprovalLinkCheck {
  const p = verifyLink(token, key);
  if (!p || typeof p.a !== "string" || typeof p.s !== "string" || typeof p.p !== "string" || !Number.isInteger(p.e)) return { ok: false, reason: "invalid" };
  const claims: ApprovalLinkClaims = { approverId: p.a, stepId: p.s, personId: p.p, expiresAt: new Date((p.e as number) * 1000) };
  if (now.getTime() >= claims.expiresAt.getTime()) return { ok: false, reason: "expired", claims };
  return { ok: true, claims };
}
