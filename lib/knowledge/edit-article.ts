import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { editArticleSchema, type EditArticleInput } from "@/lib/validation/knowledge";
import { articleAudit, articleSubject } from "./article-audit";
import { loadWritable } from "./article-policy";
import { assertOwnTypes } from "./create-article";

export const staleArticle = () =>
  new AppError("STALE_VERSION", "Someone else edited this article while you were writing. Reload to see their version, then make your change again.");

/**
 * An agent of the department edits an article: a new version, checked against the one their form
 * showed. Of an article never published it is simply the new draft; of a published article readers
 * keep the published version until a head or a named editor publishes this one. Owner, types and
 * review date apply at once (they are the article's, not a version's).
 */
export async function editArticle(options: { actor: Actor; input: EditArticleInput }): Promise<{ version: number }> {
  const { actor } = options;
  const input = parseInput(editArticleSchema, options.input);
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "Article" WHERE id = ${input.articleId} FOR UPDATE`;
    const article = await loadWritable(tx, actor, input.articleId);
    if (article.latestVersion !== input.expectedVersion) throw staleArticle();
    await assertOwnTypes(tx, article.departmentId, input.requestTypeIds);
    const version = article.latestVersion + 1;
    await tx.articleVersion.create({
      data: { articleId: article.id, number: version, title: input.title, body: input.body, visibility: input.visibility, tags: input.tags, authorId: actor.id },
    });
    const unpublished = article.publishedVersion === null;
    await tx.article.update({
      where: { id: article.id },
      data: {
        latestVersion: version,
        requestTypeIds: input.requestTypeIds,
        reviewBy: input.reviewBy ?? null,
        ...(unpublished ? { title: input.title, body: input.body, visibility: input.visibility, tags: input.tags } : {}),
      },
    });
    await tx.auditEvent.create({ data: articleAudit(actor, "knowledge.article_edited", articleSubject(article.id), { version, title: input.title }) });
    return { version };
  });
}
