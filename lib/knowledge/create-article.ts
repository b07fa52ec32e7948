import "server-only";
import crypto from "node:crypto";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/create-client";
import { forbidden } from "@/lib/errors";
import { fieldError } from "@/lib/org/audit";
import { visibleRequests } from "@/lib/requests/request-policy";
import { parseInput } from "@/lib/validation/parse";
import { createArticleSchema, type CreateArticleInput } from "@/lib/validation/knowledge";
import { articleAudit, articleSubject, slugify } from "./article-audit";
import { mayWrite } from "./article-policy";

/** The request types must be the department's own. */
export async function assertOwnTypes(tx: Tx, departmentId: string, typeIds: string[]) {
  if (typeIds.length === 0) return;
  const found = await tx.requestType.count({ where: { id: { in: typeIds }, departmentId } });
  if (found !== new Set(typeIds).size) throw fieldError("requestTypeIds", "Choose request types of this department.");
}

/** A free address in the department: the title's, or with a short suffix when taken. */
async function freeSlug(tx: Tx, departmentId: string, title: string) {
  const base = slugify(title);
  const taken = await tx.article.count({ where: { departmentId, slug: base } });
  return taken ? `${base}-${crypto.randomBytes(3).toString("hex")}` : base;
}

/** An agent of the department writes a new article: a draft (version 1) nobody else reads until it is published. */
export async function createArticle(options: { actor: Actor; input: CreateArticleInput; tx?: Tx }): Promise<{ id: string; slug: string }> {
  const { actor } = options;
  const input = parseInput(createArticleSchema, options.input);
  if (!mayWrite(actor, input.departmentId)) throw forbidden("Only agents of the department can write its articles.");
  const run = async (tx: Tx) => {
    await assertOwnTypes(tx, input.departmentId, input.requestTypeIds);
    // An article drafted from a request names one of the department's that the writer may see.
    if (input.sourceRequestId) {
      const source = await tx.request.count({ where: { AND: [{ id: input.sourceRequestId, departmentId: input.departmentId }, visibleRequests(actor)] } });
      if (!source) throw fieldError("sourceRequestId", "Choose a request of this department.");
    }
    const slug = await freeSlug(tx, input.departmentId, input.title);
    const article = await tx.article.create({
      data: {
        departmentId: input.departmentId,
        slug,
        title: input.title,
        body: input.body,
        visibility: input.visibility,
        tags: input.tags,
        requestTypeIds: input.requestTypeIds,
        reviewBy: input.reviewBy ?? null,
        ownerId: actor.id,
        sourceRequestId: input.sourceRequestId ?? null,
        latestVersion: 1,
        versions: { create: { number: 1, title: input.title, body: input.body, visibility: input.visibility, tags: input.tags, authorId: actor.id } },
      },
      select: { id: true, slug: true },
    });
    await tx.auditEvent.create({ data: articleAudit(actor, "knowledge.article_created", articleSubject(article.id), { title: input.title, version: 1 }) });
    return article;
  };
  return options.tx ? run(options.tx) : db().$transaction(run);
}
