import { ImapFlow } from "imapflow";
import type { Db } from "@/lib/db/create-client";
import { storeInboundEmail } from "./store-inbound-email";

/** `imaps://user:pass@host:993/INBOX` → ImapFlow's options and the mailbox (default INBOX). */
export function imapSettings(url: string) {
  const u = new URL(url);
  const secure = u.protocol === "imaps:";
  return {
    mailbox: decodeURIComponent(u.pathname.replace(/^\//, "")) || "INBOX",
    options: {
      host: u.hostname,
      port: Number(u.port) || (secure ? 993 : 143),
      secure,
      auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) },
      logger: false as const,
      connectionTimeout: 20_000,
      greetingTimeout: 20_000,
      socketTimeout: 120_000,
    },
    /** For the log: never the password. */
    label: `${u.protocol}//${decodeURIComponent(u.username)}@${u.host}/${decodeURIComponent(u.pathname.replace(/^\//, "")) || "INBOX"}`,
  };
}

/**
 * One poll of one mailbox: every unread message is stored (storeInboundEmail, unique by
 * Message-ID) and only then flagged \Seen, so a crash between the two stores it again next time,
 * which the unique Message-ID absorbs. A message over the limit is fetched by its headers only.
 */
export async function pollImapMailbox(db: Db, options: { url: string; maxBytes: number }): Promise<{ stored: number; duplicates: number }> {
  const { mailbox, options: connection } = imapSettings(options.url);
  const client = new ImapFlow(connection);
  client.on("error", () => undefined); // a dropped connection rejects the pending command; logged by the caller
  await client.connect();
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
