import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { publishArticleSchema } from "@/lib/validation/knowledge";
import { articleAudit, articleSubject } from "./article-audit";
import { loadWritable, mayPublish } from "./article-policy";
import { staleArticle } from "./edit-article";

/**
 * A head of the department (or one of its named editors) publishes a version: readers see it from
 * now on, and an outdated flag is cleared. The version must be the latest, so nobody publishes an
 * edit they have not seen.
 */
export async function publishArticle(options: { actor: Actor; input: { articleId: string; version: number | string } }): Promise<{ version: number }> {
  const { actor } = options;
  const input = parseInput(publishArticleSchema, options.input);
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "Article" WHERE id = ${input.articleId} FOR UPDATE`;
    const article = await loadWritable(tx, actor, input.articleId);
    if (!(await mayPublish(tx, actor, article.departmentId))) throw forbidden("Only the head of the department or a named editor can publish articles.");
    if (input.version !== article.latestVersion) throw staleArticle();
    if (article.publishedVersion === input.version) throw new AppError("CONFLICT", "This version is already published.");
    const version = await tx.articleVersion.findUniqueOrThrow({ where: { articleId_number: { articleId: article.id, number: input.version } } });
    await tx.article.update({
      where: { id: article.id },
      data: {
        title: version.title,
        body: version.body,
        visibility: version.visibility,
        tags: version.tags,
        publishedVersion: version.number,
        publishedAt: new Date(),
        outdatedAt: null,
        outdatedNote: null,
      },
    });
    await tx.auditEvent.create({ data: articleAudit(actor, "knowledge.article_published", articleSubject(article.id), { version: version.number }) });
    return { version: version.number };
  });
}
