import crypto from "node:crypto";

/** Recognisable in logs and by secret scanners; the rest is 256 random bits. */
export const tokenPrefix = "sd_";
const shape = /^sd_[A-Za-z0-9_-]{43}$/;

export function generateTokenSecret(): { secret: string; prefix: string; hash: string } {
  const secret = tokenPrefix + crypto.randomBytes(32).toString("base64url");
  return { secret, prefix: secret.slice(0, 10), hash: hashTokenSecret(secret) };
}

/** A plain SHA-256 is enough for a high-entropy secret: there is nothing to guess a word list from. */
export function hashTokenSecret(secret: string): string {
  return crypto.createHash("sha256").update(secret).digest("hex");
}

export const looksLikeToken = (value: string) => shape.test(value);
