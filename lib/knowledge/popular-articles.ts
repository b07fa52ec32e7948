import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { articleReadableSql } from "./article-policy";

export type PopularArticle = { departmentId: string; slug: string; title: string };

/**
 * Each department's most read articles that the actor may read, for its card on the catalogue where
 * people choose what to file: at most `perDepartment` each, most readers first. One statement; per
 * department it reads only that department's published articles (its index), never the whole table.
 */
export async function popularArticles(options: { actor: Actor; departmentIds: string[]; perDepartment?: number }): Promise<PopularArticle[]> {
  if (options.departmentIds.length === 0) return [];
  const per = Math.min(Math.max(options.perDepartment ?? 3, 1), 10);
  return sql().$queryRaw<PopularArticle[]>(Prisma.sql`
    SELECT top."departmentId", top.slug, top.title
    FROM unnest(${options.departmentIds}::text[]) AS dep(id)
    CROSS JOIN LATERAL (
      SELECT a."departmentId", a.slug, a.title
      FROM "Article" a
      WHERE a."departmentId" = dep.id AND ${articleReadableSql(options.actor, "a")}
      ORDER BY a."viewCount" DESC, a.id
      LIMIT ${per}
    ) top`);
}
