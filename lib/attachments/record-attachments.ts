import "server-only";
import type { Tx } from "@/lib/db/create-client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log/logger";
import { eventRow } from "@/lib/requests/events";
import { storage } from "@/lib/storage/current-storage";
import { newStorageKey } from "@/lib/storage/storage";
import type { PreparedFile } from "./prepare-uploads";

export type StoredFile = Omit<PreparedFile, "bytes"> & { storageKey: string };

/**
 * Writes the files to storage, then runs `work` (the database transaction that records them). If
 * `work` fails, the files it would have referenced are removed again: storage never keeps a file
 * that no row points at. Files are written before the transaction so it never waits on the disk.
 */
export async function withStoredFiles<T>(files: readonly PreparedFile[], work: (stored: StoredFile[]) => Promise<T>): Promise<T> {
  if (!files.length) return work([]);
  const store = storage();
  const stored: StoredFile[] = [];
  try {
    for (const { bytes, ...meta } of files) {
      const storageKey = newStorageKey();
      await store.put(storageKey, bytes);
      stored.push({ ...meta, storageKey });
    }
    return await work(stored);
  } catch (error) {
    await Promise.all(
      stored.map((s) => store.delete(s.storageKey).catch((err: unknown) => logger.error({ err, storageKey: s.storageKey }, "could not remove an unrecorded attachment"))),
    );
    throw error;
  }
}

/**
 * The attachment rows of a reply, a note or a new request, inside its transaction; returns their
 * ids and one `attachment_added` event per file for the caller to append with its own events. The visibility
 * is the comment's (a request's own files are public): the event says so, and readers filter on it.
 */
export async function recordAttachments(
  tx: Tx,
  options: { requestId: string; commentId: string | null; uploadedById: string; visibility: "PUBLIC" | "INTERNAL"; files: readonly StoredFile[]; at?: Date },
): Promise<{ attachmentIds: string[]; events: Prisma.RequestEventCreateManyInput[] }> {
  const attachmentIds: string[] = [];
  const events: Prisma.RequestEventCreateManyInput[] = [];
  for (const file of options.files) {
    const row = await tx.attachment.create({
      data: {
        requestId: options.requestId,
        commentId: options.commentId,
        uploadedById: options.uploadedById,
        fileName: file.fileName,
        contentType: file.contentType,
        size: file.size,
        sha256: file.sha256,
        storageKey: file.storageKey,
        ...(options.at ? { createdAt: options.at } : {}),
      },
      select: { id: true },
    });
    attachmentIds.push(row.id);
    const to = { attachmentId: row.id, commentId: options.commentId, fileName: file.fileName, contentType: file.contentType, size: file.size, visibility: options.visibility };
    events.push({ ...eventRow(options.requestId, options.uploadedById, "attachment_added", { to }), ...(options.at ? { createdAt: options.at } : {}) });
  }
  return { attachmentIds, events };
}
