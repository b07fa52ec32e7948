import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

export type KnowledgeInsights = {
  articles: { id: string; slug: string; title: string; views: number; helpful: number; notHelpful: number; deflections: number; resolvedWith: number; reviewBy: Date | null; pastReview: boolean; outdated: boolean; published: boolean }[];
  deflectionsByType: { typeId: string; typeName: string; deflections: number }[];
  totals: { views: number; deflections: number; resolvedWithArticle: number; pastReview: number };
};

/**
 * The head's figures of the department's knowledge: views, deflections per request type, helpful /
 * not helpful votes (one per person), articles past their review date, and requests resolved with
 * an article (an agent put it into a reply and the request is now resolved or closed). One query
 * per figure, each grouped in the database.
 */
export async function knowledgeInsights(options: { actor: Actor; departmentId: string; now?: Date }): Promise<KnowledgeInsights> {
  const { actor, departmentId } = options;
  if (!can(actor, "knowledge.insights", { departmentId })) throw forbidden("Only the head of the department sees its knowledge figures.");
  const now = options.now ?? new Date();
  const rows = await db().$queryRaw<{ id: string; slug: string; title: string; views: number; helpful: number; notHelpful: number; deflections: number; resolvedWith: number; reviewBy: Date | null; outdatedAt: Date | null; publishedVersion: number | null }[]>(Prisma.sql`
    SELECT a.id, a.slug, a.title, a."viewCount" AS views, a."reviewBy", a."outdatedAt", a."publishedVersion",
      (SELECT count(*) FROM "ArticleVote" v WHERE v."articleId" = a.id AND v.helpful)::int AS helpful,
      (SELECT count(*) FROM "ArticleVote" v WHERE v."articleId" = a.id AND NOT v.helpful)::int AS "notHelpful",
      (SELECT count(*) FROM "Deflection" f WHERE f."articleId" = a.id)::int AS deflections,
      (SELECT count(*) FROM "ArticleUse" u JOIN "Request" r ON r.id = u."requestId" WHERE u."articleId" = a.id AND r.status IN ('RESOLVED', 'CLOSED'))::int AS "resolvedWith"
    FROM "Article" a WHERE a."departmentId" = ${departmentId}
    ORDER BY a."viewCount" DESC, a.title LIMIT 500`);
  const byType = await db().$queryRaw<{ typeId: string; typeName: string; deflections: number }[]>(Prisma.sql`
    SELECT t.id AS "typeId", t.name AS "typeName", count(f.id)::int AS deflections
    FROM "RequestType" t LEFT JOIN "Deflection" f ON f."requestTypeId" = t.id
    WHERE t."departmentId" = ${departmentId}
    GROUP BY t.id, t.name, t."sortOrder" ORDER BY deflections DESC, t."sortOrder", t.name`);
  const [resolved] = await db().$queryRaw<{ n: number }[]>(Prisma.sql`
    SELECT count(DISTINCT r.id)::int AS n FROM "ArticleUse" u JOIN "Request" r ON r.id = u."requestId"
    WHERE r."departmentId" = ${departmentId} AND r.status IN ('RESOLVED', 'CLOSED')`);
  const articles = rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    views: r.views,
    helpful: r.helpful,
    notHelpful: r.notHelpful,
    deflections: r.deflections,
    resolvedWith: r.resolvedWith,
    reviewBy: r.reviewBy,
    pastReview: r.reviewBy !== null && r.reviewBy.getTime() < now.getTime(),
    outdated: r.outdatedAt !== null,
    published: r.publishedVersion !== null,
  }));
  return {
    articles,
    deflectionsByType: byType,
    totals: {
      views: articles.reduce((s, a) => s + a.views, 0),
      deflections: byType.reduce((s, t) => s + t.deflections, 0),
      resolvedWithArticle: resolved?.n ?? 0,
      pastReview: articles.filter((a) => a.pastReview).length,
    },
  };
}
