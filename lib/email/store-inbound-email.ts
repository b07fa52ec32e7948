import crypto from "node:crypto";
import type { Db } from "@/lib/db/create-client";
import { headerEnd } from "./raw-mime";

export type InboundSource = "imap" | "webhook" | "upload";

/** The Message-ID of a raw message, from its header section alone; a hash of the bytes when it has none. */
export function rawMessageId(raw: Buffer): string {
  const head = raw.subarray(0, headerEnd(raw)).toString("latin1").replace(/\r?\n[ \t]+/g, " ");
  const found = /^message-id:\s*(<[^<>\s]{1,900}>)/im.exec(head);
  return found ? found[1]! : `<sha256.${crypto.createHash("sha256").update(raw).digest("hex")}@no-message-id>`;
}

/**
 * Stores a received mail before anything is done with it, so that a crash never loses one: the
 * inbound job processes it afterwards (process-inbound-email.ts). The Message-ID is unique: the same
 * mail received twice (two polls, a webhook retry, two mailboxes) is stored and processed once. A
 * mail larger than the limit keeps its header section only and is refused.
 */
export async function storeInboundEmail(db: Db, options: { raw: Buffer; source: InboundSource; maxBytes: number; /** The message's size when only its headers were fetched. */ size?: number }): Promise<{ id: string; duplicate: boolean }> {
  const messageId = rawMessageId(options.raw);
  const size = Math.max(options.size ?? 0, options.raw.length);
  const tooLarge = size > options.maxBytes;
  const kept = tooLarge ? options.raw.subarray(0, headerEnd(options.raw)) : options.raw;
  const rows = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "InboundEmail" (id, "messageId", source, raw, status, outcome, "receivedAt")
    VALUES (${crypto.randomUUID()}, ${messageId}, ${options.source}, ${kept}, ${tooLarge ? "REFUSED" : "RECEIVED"}::"InboundStatus",
            ${tooLarge ? `too large (${Math.ceil(size / 1024 / 1024)} MB)` : null}, now())
    ON CONFLICT ("messageId") DO NOTHING
    RETURNING id`;
  if (rows[0]) return { id: rows[0].id, duplicate: false };
  const existing = await db.inboundEmail.findUniqueOrThrow({ where: { messageId }, select: { id: true } });
  return { id: existing.id, duplicate: true };
}
