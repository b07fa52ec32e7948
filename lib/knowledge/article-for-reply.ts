import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { mayOn, standingOf, standingSelect, visibleRequests } from "@/lib/requests/request-policy";
import { parseInput } from "@/lib/validation/parse";
import { articleForReplySchema } from "@/lib/validation/knowledge";
import { isPublicArticle, readableArticles } from "./article-policy";
import { markdownToText } from "./render-markdown";

export const articlePath = (departmentKey: string, slug: string) => `/knowledge/${departmentKey}/${slug}`;

/**
 * An agent puts an article into a reply on a request: its link, or its text. A reply is read by the
 * requester and followers and emailed to them, so only an article everyone may read goes in; an
 * internal article is refused. The request then counts as one "resolved with an article" once resolved.
 */
export async function articleForReply(options: { actor: Actor; input: { requestId: string; articleId: string; mode?: "link" | "text" } }): Promise<{ text: string }> {
  const { actor } = options;
  const input = parseInput(articleForReplySchema, options.input);
  const request = await db().request.findFirst({ where: { AND: [{ id: input.requestId }, visibleRequests(actor)] }, select: { id: true, ...standingSelect(actor) } });
  if (!request) throw notFound();
  if (!mayOn(actor, standingOf(request), "request.reply") || !mayOn(actor, standingOf(request), "request.note")) {
    throw forbidden("Only agents of the department holding this request can put articles into its replies.");
  }
  const article = await db().article.findFirst({
    where: { AND: [{ id: input.articleId }, readableArticles(actor)] },
    select: { id: true, slug: true, title: true, body: true, departmentId: true, visibility: true, publishedVersion: true, department: { select: { key: true } } },
  });
  if (!article) throw notFound("This article");
  if (!isPublicArticle(article)) {
    throw new AppError("FORBIDDEN", "This article is for agents only: it cannot go into a reply the requester reads. Write the answer in your own words.", { articleId: ["This article is for agents only."] });
  }
  await db().articleUse.upsert({
    where: { articleId_requestId: { articleId: article.id, requestId: request.id } },
    create: { articleId: article.id, requestId: request.id, personId: actor.id },
    update: {},
  });
  const link = `${env().NEXTAUTH_URL.replace(/\/$/, "")}${articlePath(article.department.key, article.slug)}`;
  return { text: input.mode === "text" ? `${article.title}\n\n${markdownToText(article.body)}\n\n${link}` : `${article.title}: ${link}` };
}
