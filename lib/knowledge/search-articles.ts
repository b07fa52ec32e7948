import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { parseInput } from "@/lib/validation/parse";
import { searchSchema } from "@/lib/validation/search";
import { headlineSegments, rankArticles } from "./rank-articles";

export type ArticleHit = { id: string; slug: string; title: string; department: { key: string; name: string }; visibility: "EVERYONE" | "AGENTS"; snippet: { text: string; hit: boolean }[] };

/**
 * The articles half of the one search (the header's box, the agent's "insert an article"): the
 * articles the actor may read that match, best first. Cost is bounded by the GIN index and the limit.
 */
export async function searchArticles(options: { actor: Actor; query: string; limit?: number }): Promise<ArticleHit[]> {
  const { actor } = options;
  const input = parseInput(searchSchema, { query: options.query });
  const [shape] = await db().$queryRaw<{ nodes: number }[]>`SELECT numnode(websearch_to_tsquery('simple', ${input.query})) AS nodes`;
  if (!shape || shape.nodes === 0) return [];
  const ranked = await rankArticles({ actor, query: { websearch: input.query }, limit: Math.min(options.limit ?? 5, 20) });
  return ranked.map((a) => ({ id: a.id, slug: a.slug, title: a.title, department: { key: a.departmentKey, name: a.departmentName }, visibility: a.visibility, snippet: headlineSegments(a.snippet) }));
}
