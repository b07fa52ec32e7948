import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { forbidden, notFound } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import { visibleRequests } from "@/lib/requests/request-policy";
import { parseInput } from "@/lib/validation/parse";
import { flagOutdatedSchema } from "@/lib/validation/knowledge";
import { articleAudit, articleSubject } from "./article-audit";
import { mayReadArticleWhere, readableArticles } from "./article-policy";
import { articlePath } from "./article-for-reply";

/**
 * An agent (of any department) who reads an article flags it as out of date, usually from a request
 * where it did not fit; its owner is told (only if they may still read it) and the heads see it
 * among the articles to review. Publishing a new version clears the flag.
 */
export async function flagArticleOutdated(options: { actor: Actor; input: { articleId: string; requestId?: string; note: string } }): Promise<void> {
  const { actor } = options;
  const input = parseInput(flagOutdatedSchema, options.input);
  if (actor.agentOf.length === 0) throw forbidden("Only agents can flag articles as out of date.");
  await db().$transaction(async (tx) => {
    const article = await tx.article.findFirst({ where: { AND: [{ id: input.articleId }, readableArticles(actor)] }, include: { department: { select: { key: true } } } });
    if (!article) throw notFound("This article");
    const request = input.requestId ? await tx.request.findFirst({ where: { AND: [{ id: input.requestId }, visibleRequests(actor)] }, select: { id: true, number: true, department: { select: { key: true } } } }) : null;
    if (input.requestId && !request) throw notFound();
    const from = request ? ` (from ${request.department.key}-${request.number})` : "";
    await tx.article.update({ where: { id: article.id }, data: { outdatedAt: new Date(), outdatedNote: `${input.note}${from}` } });
    await tx.auditEvent.create({ data: articleAudit(actor, "knowledge.article_flagged", articleSubject(article.id), { note: input.note, requestId: request?.id ?? null }) });
    const owner = await tx.person.findFirst({ where: { AND: [{ id: article.ownerId }, mayReadArticleWhere(article)] }, select: { id: true } });
    if (owner && owner.id !== actor.id) {
      await notify(tx, {
        personIds: [owner.id],
        kind: "article_flagged",
        title: `“${article.title}” was flagged as out of date`,
        body: `${actor.name} flagged your article${from}:\n\n${input.note}`,
        link: `${env().NEXTAUTH_URL.replace(/\/$/, "")}${articlePath(article.department.key, article.slug)}`,
      });
    }
  });
}
