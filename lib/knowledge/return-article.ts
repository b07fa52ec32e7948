import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/create-client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import { parseInput } from "@/lib/validation/parse";
import { returnArticleSchema } from "@/lib/validation/knowledge";
import { articleAudit, articleSubject } from "./article-audit";
import { articlePath } from "./article-for-reply";
import { loadWaitingVersion } from "./publish-article";

export const returnedAction = "knowledge.article_returned";

/**
 * A publisher (the head or a named editor) sends the waiting version back to its writer with a
 * reason instead of publishing it: readers keep what they had, the writer is told what to change,
 * and the article's page shows the reason until a new version is saved. Audited like every change.
 */
export async function returnArticleToAgent(options: { actor: Actor; input: { articleId: string; version: number | string; reason: string } }): Promise<{ version: number }> {
  const { actor } = options;
  const input = parseInput(returnArticleSchema, options.input);
  return db().$transaction(async (tx) => {
    const { article, version } = await loadWaitingVersion(tx, actor, input, {
      refused: "Only the head of the department or a named editor can send an article back.",
      published: "This version is already published: edit it to change it.",
    });
    if (await returnedVersion(tx, article.id, input.version)) throw new AppError("CONFLICT", "This version was already sent back.");
    await tx.auditEvent.create({ data: articleAudit(actor, returnedAction, articleSubject(article.id), { version: input.version, reason: input.reason }) });
    // Its writer, while still an agent of the department (an article's drafts are theirs to read).
    const writer = await tx.person.findFirst({
      where: { id: version.authorId, active: true, roles: { some: { departmentId: article.departmentId, role: { in: ["AGENT", "HEAD"] } } } },
      select: { id: true },
    });
    if (writer && writer.id !== actor.id) {
      const department = await tx.department.findUniqueOrThrow({ where: { id: article.departmentId }, select: { key: true } });
      await notify(tx, {
        personIds: [writer.id],
        kind: "article_returned",
        title: `“${article.title}” was sent back to you`,
        body: `${actor.name} did not publish version ${input.version}:\n\n${input.reason}`,
        link: `${env().NEXTAUTH_URL.replace(/\/$/, "")}${articlePath(department.key, article.slug)}`,
      });
    }
    return { version: input.version };
  });
}

/** Who sent this version back and why, if it was (read from the audit log, the one record of it). */
export async function returnedVersion(tx: Pick<Tx, "auditEvent">, articleId: string, version: number) {
  const event = await tx.auditEvent.findFirst({
    where: { subject: articleSubject(articleId), action: returnedAction, detail: { path: ["version"], equals: version } },
    orderBy: { id: "desc" },
    select: { actorId: true, detail: true, createdAt: true },
  });
  if (!event) return null;
  const detail = event.detail as { reason?: unknown };
  return { actorId: event.actorId, reason: typeof detail.reason === "string" ? detail.reason : "", at: event.createdAt };
}
