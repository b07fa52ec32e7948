import crypto from "node:crypto";
import fs from "node:fs";
import { z } from "zod";
import type { Env } from "@/lib/env";

/**
 * OAuth 2 for IMAP mailboxes whose provider no longer takes passwords: Microsoft 365 (Exchange
 * Online) and Google Workspace. The mailbox URL names the provider instead of a password,
 * `imaps://desk%40example.com@outlook.office365.com:993/INBOX?auth=microsoft`, and the desk gets an
 * access token for that mailbox as an application (no person signs in, nothing to refresh by hand):
 * - Microsoft: the client-credentials grant of an app registration with the IMAP.AccessAsApp
 *   application permission, scope `https://outlook.office365.com/.default`;
 * - Google: a service account with domain-wide delegation, whose signed JWT (RS256) asks for
 *   `https://mail.google.com/` on behalf of the mailbox (`sub`).
 * ImapFlow then signs in with OAUTHBEARER or XOAUTH2, whichever the server offers. Tokens are kept
 * until five minutes before they expire; a refused one is dropped so the next poll asks again.
 */
export type ImapOAuthProvider = "microsoft" | "google";

export type ImapOAuthConfig = {
  microsoft?: { tenant: string; clientId: string; clientSecret: string; tokenUrl?: string };
  /** A service account's JSON key (client_email, private_key, token_uri), as Google downloads it. */
  google?: { keyFile: string };
};

export const imapOAuthProviders = ["microsoft", "google"] as const;

/** The `auth` query parameter of a mailbox URL, or undefined for a password login. */
export function imapAuthOf(url: URL): ImapOAuthProvider | undefined {
  const auth = url.searchParams.get("auth");
  return auth === "microsoft" || auth === "google" ? auth : undefined;
}

const tokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive().default(3600) });
const tokenError = z.object({ error: z.string().optional(), error_description: z.string().optional() });
const googleKey = z.object({
  client_email: z.email(),
  private_key: z.string().min(1),
  token_uri: z.url().default("https://oauth2.googleapis.com/token"),
});

const cache = new Map<string, { token: string; until: number }>();
const keepMarginMs = 5 * 60_000;

function base64url(value: Buffer | string): string {
  return Buffer.from(value).toString("base64url");
}

/** The signed JWT a Google service account exchanges for a token acting as `user`. */
export function googleAssertion(key: { client_email: string; private_key: string; token_uri: string }, user: string, nowSeconds: number): string {
  const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT" }));
  const claims = base64url(
    JSON.stringify({ iss: key.client_email, sub: user, scope: "https://mail.google.com/", aud: key.token_uri, iat: nowSeconds, exp: nowSeconds + 3600 }),
  );
  const signature = crypto.createSign("RSA-SHA256").update(`${header}.${claims}`).sign(key.private_key);
  return `${header}.${claims}.${base64url(signature)}`;
}

async function postForm(url: string, form: Record<string, string>, what: string): Promise<{ token: string; expiresInSeconds: number }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams(form),
    signal: AbortSignal.timeout(20_000),
  });
  const body: unknown = await response.json().catch(() => ({}));
  const ok = tokenAnswer.safeParse(body);
  if (response.ok && ok.success) return { token: ok.data.access_token, expiresInSeconds: ok.data.expires_in };
  const refused = tokenError.safeParse(body);
  const reason = refused.success ? [refused.data.error, refused.data.error_description].filter(Boolean).join(": ") : "";
  throw new Error(`${what} token request refused (HTTP ${response.status}${reason ? `, ${reason.slice(0, 300)}` : ""})`);
}

/** An access token for `user`'s mailbox at `provider`, from the cache while it is good. */
export async function imapAccessToken(provider: ImapOAuthProvider, user: string, config: ImapOAuthConfig | undefined, now = Date.now()): Promise<string> {
  const cacheKey = `${provider}\u0000${user}`;
  const kept = cache.get(cacheKey);
  if (kept && kept.until > now) return kept.token;
  let answer: { token: string; expiresInSeconds: number };
  if (provider === "microsoft") {
    const ms = config?.microsoft;
    if (!ms) throw new Error("the mailbox asks for auth=microsoft but INBOUND_IMAP_MICROSOFT_TENANT, _CLIENT_ID and _CLIENT_SECRET are not set");
    const tokenUrl = ms.tokenUrl ?? `https://login.microsoftonline.com/${encodeURIComponent(ms.tenant)}/oauth2/v2.0/token`;
    answer = await postForm(
      tokenUrl,
      { grant_type: "client_credentials", client_id: ms.clientId, client_secret: ms.clientSecret, scope: "https://outlook.office365.com/.default" },
      "Microsoft",
    );
  } else {
    const file = config?.google?.keyFile;
    if (!file) throw new Error("the mailbox asks for auth=google but INBOUND_IMAP_GOOGLE_KEY_FILE is not set");
    const parsed = googleKey.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
    if (!parsed.success) throw new Error(`INBOUND_IMAP_GOOGLE_KEY_FILE is not a service account key (client_email, private_key, token_uri)`);
    answer = await postForm(
      parsed.data.token_uri,
      { grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: googleAssertion(parsed.data, user, Math.floor(now / 1000)) },
      "Google",
    );
  }
  cache.set(cacheKey, { token: answer.token, until: now + Math.max(0, answer.expiresInSeconds * 1000 - keepMarginMs) });
  return answer.token;
}

/** After the server refused a token: the next connection asks for a new one. */
export function forgetImapAccessToken(provider: ImapOAuthProvider, user: string): void {
  cache.delete(`${provider}\u0000${user}`);
}

/** The token settings from the configuration (lib/env.ts checks that a mailbox's provider has them). */
export function imapOAuthConfig(e: Pick<Env, "INBOUND_IMAP_MICROSOFT_TENANT" | "INBOUND_IMAP_MICROSOFT_CLIENT_ID" | "INBOUND_IMAP_MICROSOFT_CLIENT_SECRET" | "INBOUND_IMAP_MICROSOFT_TOKEN_URL" | "INBOUND_IMAP_GOOGLE_KEY_FILE">): ImapOAuthConfig {
  const { INBOUND_IMAP_MICROSOFT_TENANT: tenant, INBOUND_IMAP_MICROSOFT_CLIENT_ID: clientId, INBOUND_IMAP_MICROSOFT_CLIENT_SECRET: clientSecret } = e;
  return {
    microsoft: tenant && clientId && clientSecret ? { tenant, clientId, clientSecret, tokenUrl: e.INBOUND_IMAP_MICROSOFT_TOKEN_URL } : undefined,
    google: e.INBOUND_IMAP_GOOGLE_KEY_FILE ? { keyFile: e.INBOUND_IMAP_GOOGLE_KEY_FILE } : undefined,
  };
}
