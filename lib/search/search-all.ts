import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { searchArticles, type ArticleHit } from "@/lib/knowledge/search-articles";
import { searchRequests, type SearchResult } from "./search-requests";

export type SearchAllResult = { requests: SearchResult; articles: ArticleHit[]; articlesFirst: boolean };

/**
 * The header's one search: requests (lib/search/search-requests.ts) and knowledge articles (through
 * the article policy) for the same words. Employees see articles first (an answer beats a similar
 * request); agents, who mostly look for requests, see them after. Articles come with the first page.
 */
export async function searchAll(options: { actor: Actor; query: string; cursor?: string }): Promise<SearchAllResult> {
  const { actor } = options;
  const requests = await searchRequests(options);
  const articles = requests.kind === "results" && !options.cursor && !requests.notice ? await searchArticles({ actor, query: options.query, limit: 5 }) : [];
  return { requests, articles, articlesFirst: actor.agentOf.length === 0 };
}
