import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { prepareUploads, type UploadedFile } from "@/lib/attachments/prepare-uploads";
import { withStoredFiles } from "@/lib/attachments/record-attachments";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { articleFileUploadSchema } from "@/lib/validation/knowledge";
import { articleAudit, articleSubject } from "./article-audit";
import { articleFilePath, loadWritable } from "./article-policy";

export type UploadedArticleFile = { id: string; fileName: string; contentType: string; size: number; path: string; markdown: string };

/** Markdown that shows the file in the article: an image inline, anything else as a link to it. */
function markdownFor(file: { id: string; fileName: string; contentType: string }): string {
  const label = file.fileName.replace(/[[\]\\]/g, "");
  return file.contentType.startsWith("image/") ? `![${label}](${articleFilePath(file.id)})` : `[${label}](${articleFilePath(file.id)})`;
}

/**
 * A writer of the article (an agent of its department) adds images or files to it, through the same
 * sniffing, size limits and storage as request attachments. They go into the article's text by the
 * Markdown returned here; readers get them only once a published version they may read shows them.
 */
export async function uploadArticleFile(options: { actor: Actor; input: { articleId: string }; files: readonly UploadedFile[] }): Promise<UploadedArticleFile[]> {
  const { actor } = options;
  const input = parseInput(articleFileUploadSchema, options.input);
  // Who may write is checked before the files are read, so nobody else makes the desk sniff megabytes.
  await loadWritable(db(), actor, input.articleId);
  const prepared = await prepareUploads(options.files);
  if (prepared.length === 0) throw new AppError("INVALID_INPUT", "Choose an image or a file to upload.", { attachments: ["Choose an image or a file to upload."] });
  return withStoredFiles(prepared, (stored) =>
    db().$transaction(async (tx) => {
      await loadWritable(tx, actor, input.articleId);
      const rows: UploadedArticleFile[] = [];
      for (const file of stored) {
        const row = await tx.articleFile.create({
          data: { articleId: input.articleId, uploadedById: actor.id, fileName: file.fileName, contentType: file.contentType, size: file.size, sha256: file.sha256, storageKey: file.storageKey },
          select: { id: true, fileName: true, contentType: true, size: true },
        });
        rows.push({ ...row, path: articleFilePath(row.id), markdown: markdownFor(row) });
      }
      await tx.auditEvent.create({ data: articleAudit(actor, "knowledge.article_files_added", articleSubject(input.articleId), { files: rows.map((r) => ({ id: r.id, fileName: r.fileName, contentType: r.contentType, size: r.size })) }) });
      return rows;
    }),
  );
}
