import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { articleViewer, mayWrite, readableArticles, writableArticles } from "./article-policy";
import { renderMarkdown } from "./render-markdown";
import { returnedVersion } from "./return-article";

/**
 * An article by its department and address, for its page: the published version for readers
 * (a view, counted once per person), and for the department's agents the latest draft beside it. Anyone else,
 * and anyone for a draft they do not write, gets NOT_FOUND.
 */
export async function getArticle(options: { actor: Actor; departmentKey: string; slug: string; countView?: boolean }) {
  const { actor } = options;
  const where = { department: { key: options.departmentKey.toUpperCase() }, slug: options.slug };
  const article = await db().article.findFirst({
    where: { AND: [where, { OR: [readableArticles(actor), writableArticles(actor)] }] },
    include: {
      department: { select: { id: true, key: true, name: true } },
      owner: { select: { id: true, name: true } },
    },
  });
  if (!article) throw notFound("This article");
  const can = await articleViewer(db(), actor, article);
  if (can.read && options.countView !== false) {
    // A person's first read only: the row is written once, and the count rises only when it was
    // (without touching updatedAt, which says when the article last changed).
    await db().$executeRaw`
      WITH first AS (
        INSERT INTO "ArticleView" ("articleId", "personId") VALUES (${article.id}, ${actor.id})
        ON CONFLICT DO NOTHING RETURNING "articleId"
      )
      UPDATE "Article" SET "viewCount" = "viewCount" + 1 WHERE id IN (SELECT "articleId" FROM first)`;
  }
  const writer = mayWrite(actor, article.departmentId);
  const latest = writer && article.latestVersion !== article.publishedVersion
    ? await db().articleVersion.findUnique({ where: { articleId_number: { articleId: article.id, number: article.latestVersion } }, include: { author: { select: { name: true } } } })
    : null;
  const returned = latest ? await returnedVersion(db(), article.id, latest.number) : null;
  const returnedBy = returned?.actorId ? await db().person.findUnique({ where: { id: returned.actorId }, select: { name: true } }) : null;
  const versions = writer
    ? await db().articleVersion.findMany({ where: { articleId: article.id }, orderBy: { number: "desc" }, select: { number: true, title: true, createdAt: true, author: { select: { name: true } } }, take: 50 })
    : [];
  const [votes, myVote, types] = await Promise.all([
    can.insights ? db().articleVote.groupBy({ by: ["helpful"], where: { articleId: article.id }, _count: true }) : Promise.resolve([]),
    db().articleVote.findUnique({ where: { articleId_personId: { articleId: article.id, personId: actor.id } }, select: { helpful: true } }),
    db().requestType.findMany({ where: { id: { in: article.requestTypeIds }, departmentId: article.departmentId }, select: { id: true, name: true, slug: true } }),
  ]);
  return {
    article,
    html: article.publishedVersion !== null ? renderMarkdown(article.body) : null,
    draft: latest ? { number: latest.number, title: latest.title, body: latest.body, html: renderMarkdown(latest.body), visibility: latest.visibility, tags: latest.tags, author: latest.author.name, createdAt: latest.createdAt, returned: returned ? { by: returnedBy?.name ?? "A publisher", reason: returned.reason, at: returned.at } : null } : null,
    versions,
    types,
    myVote: myVote?.helpful ?? null,
    votes: { helpful: votes.find((v) => v.helpful)?._count ?? 0, notHelpful: votes.find((v) => !v.helpful)?._count ?? 0 },
    can,
  };
}
export type ArticlePage = Awaited<ReturnType<typeof getArticle>>;
