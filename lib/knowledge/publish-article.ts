import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/create-client";
import { AppError, forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { publishArticleSchema } from "@/lib/validation/knowledge";
import { articleAudit, articleSubject } from "./article-audit";
import { loadWritable, mayPublish } from "./article-policy";
import { staleArticle } from "./edit-article";

/**
 * The version waiting for a publisher, locked with its article for the change: the latest, not yet
 * published, and the actor a publisher of its department (the head or a named editor).
 */
export async function loadWaitingVersion(tx: Tx, actor: Actor, input: { articleId: string; version: number }, messages: { refused: string; published: string }) {
  await tx.$queryRaw`SELECT 1 FROM "Article" WHERE id = ${input.articleId} FOR UPDATE`;
  const article = await loadWritable(tx, actor, input.articleId);
  if (!(await mayPublish(tx, actor, article.departmentId))) throw forbidden(messages.refused);
  if (input.version !== article.latestVersion) throw staleArticle();
  if (article.publishedVersion === input.version) throw new AppError("CONFLICT", messages.published);
  const version = await tx.articleVersion.findUniqueOrThrow({ where: { articleId_number: { articleId: article.id, number: input.version } } });
  return { article, version };
}

/**
 * A head of the department (or one of its named editors) publishes a version: readers see it from
 * now on, and an outdated flag is cleared. The version must be the latest, so nobody publishes an
 * edit they have not seen.
 */
export async function publishArticle(options: { actor: Actor; input: { articleId: string; version: number | string } }): Promise<{ version: number }> {
  const { actor } = options;
  const input = parseInput(publishArticleSchema, options.input);
  return db().$transaction(async (tx) => {
    const { article, version } = await loadWaitingVersion(tx, actor, input, { refused: "Only the head of the department or a named editor can publish articles.", published: "This version is already published." });
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
