import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { voteSchema } from "@/lib/validation/knowledge";
import { readableArticles } from "./article-policy";

/** Helpful or not: one vote per person and article; voting again replaces it. */
export async function voteArticle(options: { actor: Actor; input: { articleId: string; helpful: boolean | string } }): Promise<{ helpful: boolean }> {
  const { actor } = options;
  const input = parseInput(voteSchema, options.input);
  const article = await db().article.findFirst({ where: { AND: [{ id: input.articleId }, readableArticles(actor)] }, select: { id: true } });
  if (!article) throw notFound("This article");
  await db().articleVote.upsert({
    where: { articleId_personId: { articleId: article.id, personId: actor.id } },
    create: { articleId: article.id, personId: actor.id, helpful: input.helpful },
    update: { helpful: input.helpful },
  });
  return { helpful: input.helpful };
}
