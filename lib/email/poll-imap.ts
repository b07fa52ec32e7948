import { ImapFlow } from "imapflow";
import type { Db } from "@/lib/db/create-client";
import { forgetImapAccessToken, imapAccessToken, imapAuthOf, type ImapOAuthConfig } from "./imap-oauth";
import { storeInboundEmail } from "./store-inbound-email";

/**
 * `imaps://user:pass@host:993/INBOX` → ImapFlow's options and the mailbox (default INBOX). With
 * `?auth=microsoft` or `?auth=google` instead of a password, the mailbox signs in with an OAuth 2
 * access token (imap-oauth.ts); `options()` gets it.
 */
export function imapSettings(url: string) {
  const u = new URL(url);
  const secure = u.protocol === "imaps:";
  const user = decodeURIComponent(u.username);
  const oauth = imapAuthOf(u);
  const base = {
    host: u.hostname,
    port: Number(u.port) || (secure ? 993 : 143),
    secure,
    logger: false as const,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 120_000,
  };
  return {
    mailbox: decodeURIComponent(u.pathname.replace(/^\//, "")) || "INBOX",
    /** ImapFlow's options, with a fresh or kept access token for an OAuth mailbox. */
    options: async (config?: ImapOAuthConfig) => ({
      ...base,
      auth: oauth ? { user, accessToken: await imapAccessToken(oauth, user, config) } : { user, pass: decodeURIComponent(u.password) },
    }),
    /** A refused sign-in drops the kept token, so the next connection asks for a new one. */
    refused: () => {
      if (oauth) forgetImapAccessToken(oauth, user);
    },
    /** For the log: never the password. */
    label: `${u.protocol}//${user}@${u.host}/${decodeURIComponent(u.pathname.replace(/^\//, "")) || "INBOX"}${oauth ? ` (OAuth, ${oauth})` : ""}`,
  };
}

/** Connects; a refused sign-in forgets the token that was refused and says what the server said. */
export async function connectImap(client: ImapFlow, settings: ReturnType<typeof imapSettings>): Promise<void> {
  try {
    await client.connect();
  } catch (error) {
    const refused = error as { authenticationFailed?: boolean; responseText?: string; oauthError?: { status?: string } };
    if (!refused.authenticationFailed) throw error;
    settings.refused();
    const said = [refused.responseText, refused.oauthError?.status].filter(Boolean).join(" ");
    throw new Error(`IMAP sign-in to ${settings.label} refused${said ? `: ${said}` : ""}`, { cause: error });
  }
}

/**
 * One poll of one mailbox: every unread message is stored (storeInboundEmail, unique by
 * Message-ID) and only then flagged \Seen, so a crash between the two stores it again next time,
 * which the unique Message-ID absorbs. A message over the limit is fetched by its headers only.
 */
export async function pollImapMailbox(db: Db, options: { url: string; maxBytes: number; oauth?: ImapOAuthConfig }): Promise<{ stored: number; duplicates: number }> {
  const settings = imapSettings(options.url);
  const { mailbox } = settings;
  const client = new ImapFlow(await settings.options(options.oauth));
  client.on("error", () => undefined); // a dropped connection rejects the pending command; logged by the caller
  await connectImap(client, settings);
  let stored = 0;
  let duplicates = 0;
  try {
    const lock = await client.getMailboxLock(mailbox);
    try {
      const unseen = await client.search({ seen: false }, { uid: true });
      for (const uid of unseen || []) {
        const head = await client.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
        if (!head) continue;
        const size = head.size ?? 0;
        const message = await client.fetchOne(String(uid), size > options.maxBytes ? { uid: true, headers: true } : { uid: true, source: true }, { uid: true });
        if (!message) continue;
        const raw = size > options.maxBytes ? message.headers : message.source;
        if (!raw) continue;
        const result = await storeInboundEmail(db, { raw, source: "imap", maxBytes: options.maxBytes, size });
        if (result.duplicate) duplicates++;
        else stored++;
        await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return { stored, duplicates };
}
