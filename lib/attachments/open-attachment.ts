import "server-only";
import type { Readable } from "node:stream";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { storage } from "@/lib/storage/current-storage";
import { StorageMissingError } from "@/lib/storage/storage";
import { visibleAttachments } from "@/lib/requests/request-policy";
import { isStorableText } from "@/lib/validation/text";

export type OpenedAttachment = { id: string; fileName: string; contentType: string; size: number; sha256: string; body: Readable };

/** An attachment's bytes for download, if the actor may see it; NOT_FOUND otherwise, as if it did not exist. */
export async function openAttachment(options: { actor: Actor; id: string }): Promise<OpenedAttachment> {
  const { actor, id } = options;
  if (typeof id !== "string" || id.length === 0 || id.length > 64 || !isStorableText(id)) throw notFound("This file");
  const row = await db().attachment.findFirst({
    where: { AND: [{ id }, visibleAttachments(actor)] },
    select: { id: true, fileName: true, contentType: true, size: true, sha256: true, storageKey: true },
  });
  if (!row) throw notFound("This file");
  try {
    const body = await storage().get(row.storageKey);
    return { id: row.id, fileName: row.fileName, contentType: row.contentType, size: row.size, sha256: row.sha256, body };
  } catch (error) {
    if (!(error instanceof StorageMissingError)) throw error;
    // A row without its file is an operations problem (a restore without the files folder): say so in the log.
    logger.error({ attachmentId: row.id, storageKey: row.storageKey }, "attachment file missing from storage");
    throw notFound("This file");
  }
}
