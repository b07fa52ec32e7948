import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import type { OpenedAttachment } from "@/lib/attachments/open-attachment";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { storage } from "@/lib/storage/current-storage";
import { StorageMissingError } from "@/lib/storage/storage";
import { isStorableText } from "@/lib/validation/text";
import { mayOpenArticleFile } from "./article-policy";

/** An article's image or file for download, if the article policy lets the actor open it; NOT_FOUND otherwise, as if it did not exist. */
export async function openArticleFile(options: { actor: Actor; id: string }): Promise<OpenedAttachment> {
  const { actor, id } = options;
  if (typeof id !== "string" || id.length === 0 || id.length > 64 || !isStorableText(id)) throw notFound("This file");
  const row = await db().articleFile.findUnique({
    where: { id },
    select: { id: true, fileName: true, contentType: true, size: true, sha256: true, storageKey: true, article: { select: { departmentId: true, visibility: true, publishedVersion: true, body: true } } },
  });
  if (!row || !mayOpenArticleFile(actor, row)) throw notFound("This file");
  try {
    const body = await storage().get(row.storageKey);
    return { id: row.id, fileName: row.fileName, contentType: row.contentType, size: row.size, sha256: row.sha256, body };
  } catch (error) {
    if (!(error instanceof StorageMissingError)) throw error;
    logger.error({ articleFileId: row.id, storageKey: row.storageKey }, "article file missing from storage");
    throw notFound("This file");
  }
}
