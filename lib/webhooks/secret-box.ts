import crypto from "node:crypto";
import { env } from "@/lib/env";

/**
 * Webhook secrets must be readable to sign with, so they cannot be hashed like tokens: they are
 * kept encrypted (AES-256-GCM) with a key derived from NEXTAUTH_SECRET for this one purpose, so a
 * copy of the database alone does not let anyone forge deliveries. Without NEXTAUTH_SECRET (a
 * local demo) they are kept as they are, marked so.
 */
function key(secret: string | undefined = env().NEXTAUTH_SECRET): Buffer | undefined {
  if (!secret) return undefined;
  return crypto.createHmac("sha256", secret).update("service-desk/webhook-secret/v1").digest();
}

export function sealSecret(plain: string, keySource?: string): string {
  const k = key(keySource);
  if (!k) return `plain:${plain}`;
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", k, iv);
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `v1:${iv.toString("base64url")}:${cipher.getAuthTag().toString("base64url")}:${sealed.toString("base64url")}`;
}

/** The secret again; throws when NEXTAUTH_SECRET changed since it was sealed (rotate the webhook's secret then). */
export function openSecret(stored: string, keySource?: string): string {
  if (stored.startsWith("plain:")) return stored.slice("plain:".length);
  const [version, iv, tag, sealed] = stored.split(":");
  const k = key(keySource);
  if (version !== "v1" || !iv || !tag || !sealed || !k) throw new Error("This webhook's secret cannot be read: NEXTAUTH_SECRET changed since it was made. Rotate the secret.");
  const decipher = crypto.createDecipheriv("aes-256-gcm", k, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString("utf8");
}
