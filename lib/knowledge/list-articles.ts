import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { mayWrite, readableArticles, writableArticles } from "./article-policy";

const listSelect = {
  id: true,
  slug: true,
  title: true,
  visibility: true,
  tags: true,
  publishedVersion: true,
  latestVersion: true,
  reviewBy: true,
  outdatedAt: true,
  updatedAt: true,
  owner: { select: { name: true } },
} as const;

/**
 * A department's articles: what the actor may read (the catalogue page), and for its agents every
 * article with drafts and flags (the knowledge desk). At most `limit`, newest change first.
 */
export async function listArticles(options: { actor: Actor; departmentId: string; limit?: number }) {
  const { actor, departmentId } = options;
  const writer = mayWrite(actor, departmentId);
  return db().article.findMany({
    where: { AND: [{ departmentId }, writer ? writableArticles(actor) : readableArticles(actor)] },
    select: listSelect,
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: options.limit ?? 200,
  });
}
