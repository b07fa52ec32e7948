import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { formatReference } from "@/lib/requests/reference";
import { mayOn, standingOf, standingSelect, visibleRequests } from "@/lib/requests/request-policy";
import { parseInput } from "@/lib/validation/parse";
import { draftFromRequestSchema } from "@/lib/validation/knowledge";
import { createArticle } from "./create-article";

/**
 * Knowledge-centred service: a resolved request becomes a draft article of its department in one
 * click, with the question (title and description) and the department's public answers. Internal
 * notes never go in: the draft may be published for everyone. Agents of the department only.
 */
export async function draftArticleFromRequest(options: { actor: Actor; input: { requestId: string } }): Promise<{ id: string; slug: string; departmentKey: string }> {
  const { actor } = options;
  const input = parseInput(draftFromRequestSchema, options.input);
  const request = await db().request.findFirst({
    where: { AND: [{ id: input.requestId }, visibleRequests(actor)] },
    select: {
      id: true,
      number: true,
      title: true,
      description: true,
      status: true,
      typeId: true,
      department: { select: { key: true } },
      comments: { where: { visibility: "PUBLIC" }, orderBy: { createdAt: "asc" }, select: { body: true, authorId: true } },
      ...standingSelect(actor),
    },
  });
  if (!request) throw notFound();
  if (!mayOn(actor, standingOf(request), "request.note")) throw forbidden("Only agents of the department holding this request can turn it into an article.");
  if (request.status !== "RESOLVED" && request.status !== "CLOSED") throw new AppError("CONFLICT", "Only a resolved request can become an article.");
  const staff = new Set((await db().person.findMany({ where: { id: { in: request.comments.map((c) => c.authorId) }, roles: { some: { departmentId: request.departmentId, role: { in: ["AGENT", "HEAD"] } } } }, select: { id: true } })).map((p) => p.id));
  const answers = request.comments.filter((c) => staff.has(c.authorId)).map((c) => c.body);
  const body = [`## Question`, "", request.description, "", `## Answer`, "", answers.length ? answers.join("\n\n") : "(Write the answer here.)", "", `_Drafted from ${formatReference(request.department.key, request.number)}._`].join("\n");
  const created = await createArticle({
    actor,
    input: { departmentId: request.departmentId, title: request.title.length >= 3 ? request.title : `Answer: ${request.title}`, body, visibility: "EVERYONE", requestTypeIds: [request.typeId], sourceRequestId: request.id },
  });
  return { ...created, departmentKey: request.department.key };
}
