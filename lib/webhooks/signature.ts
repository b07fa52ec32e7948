import crypto from "node:crypto";

/** Recognisable in a receiver's configuration and by secret scanners; the rest is 256 random bits. */
export const webhookSecretPrefix = "whsec_";

export function generateWebhookSecret(): { secret: string; prefix: string } {
  const secret = webhookSecretPrefix + crypto.randomBytes(32).toString("base64url");
  return { secret, prefix: secret.slice(0, 12) };
}

/**
 * The `Desk-Signature` header of one attempt: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`
 * with the webhook's secret. The time is signed with the body, so a receiver that refuses old
 * times (5 minutes is usual) cannot be replayed to.
 */
export function signatureHeader(options: { secret: string; body: string; at: Date }): string {
  const t = Math.floor(options.at.getTime() / 1000);
  return `t=${t},v1=${hmac(options.secret, `${t}.${options.body}`)}`;
}

const hmac = (secret: string, payload: string) => crypto.createHmac("sha256", secret).update(payload, "utf8").digest("hex");

/**
 * What a receiver does (README "Verifying a delivery"): recompute the MAC over the raw body and
 * compare in constant time, refusing a time further than `toleranceSeconds` from now. Several v1
 * values are accepted (none are sent today) so that a secret can one day be rolled without a gap.
 */
export function verifySignature(options: { secret: string; body: string; header: string | null; now?: Date; toleranceSeconds?: number }): boolean {
  const parts = (options.header ?? "").split(",").map((p) => p.trim().split("="));
  const t = parts.find(([k]) => k === "t")?.[1];
  const signatures = parts.filter(([k, v]) => k === "v1" && v).map(([, v]) => v!);
  if (!t || !/^\d{1,12}$/.test(t) || signatures.length === 0) return false;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - Number(t)) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(hmac(options.secret, `${t}.${options.body}`));
  return signatures.some((s) => {
    const given = Buffer.from(s);
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  });
}
