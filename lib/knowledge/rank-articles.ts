import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { articleReadableSql } from "./article-policy";

export type RankedArticle = {
  id: string;
  slug: string;
  title: string;
  departmentId: string;
  departmentKey: string;
  departmentName: string;
  visibility: "EVERYONE" | "AGENTS";
  /** Plain text around the hits; hits between \u0001 and \u0002. */
  snippet: string;
  rank: number;
};

const START = "\u0001";
const STOP = "\u0002";
const HEADLINE = `StartSel=${START}, StopSel=${STOP}, MaxFragments=1, MaxWords=22, MinWords=8`;
/** Blanked in the body before its snippet is cut: the hit markers, and Markdown's marks (a snippet is plain text). */
const SNIPPET_NOISE = "[\u0001\u0002*_`#>|]";

/** Words of a half-typed title as a prefix query ("print flo" finds "printer on floor 3"): any word may match, more matches rank higher. */
export function typedWordsQuery(typed: string): string | null {
  const words = [...new Set(typed.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].filter((w) => w.length >= 2).slice(0, 12);
  return words.length ? words.map((w) => `${w}:*`).join(" | ") : null;
}

/**
 * The one ranking of articles, for search and for suggestions while filing (change it here and
 * both follow). Matches the stored "searchVector" (title A, tags B, body C) through its GIN index,
 * only among the articles the article policy lets the actor read; ranks by ts_rank_cd, an article
 * linked to the request type being filed first, newer first on ties.
 *
 * `query`: websearch syntax (the search box) or the words typed so far (`typed`, prefix matching).
 */
export async function rankArticles(options: RankOptions): Promise<RankedArticle[]> {
  const query = rankArticlesQuery(options);
  return query ? db().$queryRaw<RankedArticle[]>(query) : [];
}

type RankOptions = {
  actor: Actor;
  query: { websearch: string } | { typed: string };
  departmentId?: string;
  typeId?: string;
  limit: number;
};

/** The ranking's SQL (exported for the benchmark's raw baseline); null when the typed words hold nothing to match. */
export function rankArticlesQuery(options: RankOptions): Prisma.Sql | null {
  const { actor } = options;
  let tsquery: Prisma.Sql;
  if ("typed" in options.query) {
    const q = typedWordsQuery(options.query.typed);
    if (!q) return null;
    tsquery = Prisma.sql`to_tsquery('simple', ${q})`;
  } else {
    tsquery = Prisma.sql`websearch_to_tsquery('simple', ${options.query.websearch})`;
  }
  const department = options.departmentId ? Prisma.sql`AND a."departmentId" = ${options.departmentId}` : Prisma.empty;
  const typeBoost = options.typeId ? Prisma.sql`CASE WHEN ${options.typeId} = ANY(a."requestTypeIds") THEN 1 ELSE 0 END` : Prisma.sql`0`;
  return Prisma.sql`
    SELECT a.id, a.slug, a.title, a."departmentId", d.key AS "departmentKey", d.name AS "departmentName", a.visibility::text AS visibility,
           ts_headline('simple', regexp_replace(left(a.body, 4000), ${SNIPPET_NOISE}, ' ', 'g'), ${tsquery}, ${HEADLINE}) AS snippet,
           (ts_rank_cd(a."searchVector", ${tsquery}) + ${typeBoost})::float8 AS rank
    FROM "Article" a JOIN "Department" d ON d.id = a."departmentId"
    WHERE a."searchVector" @@ ${tsquery} AND ${articleReadableSql(actor, "a")} ${department}
    ORDER BY rank DESC, a."publishedAt" DESC NULLS LAST, a.id
    LIMIT ${options.limit}`;
}

/** A headline as pieces for <mark> (React escapes the text). */
export function headlineSegments(snippet: string): { text: string; hit: boolean }[] {
  const out: { text: string; hit: boolean }[] = [];
  for (const [i, part] of snippet.split(new RegExp(`[${START}${STOP}]`)).entries()) if (part) out.push({ text: part, hit: i % 2 === 1 });
  return out;
}
