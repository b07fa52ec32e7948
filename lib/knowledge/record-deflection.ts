import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { deflectionSchema } from "@/lib/validation/knowledge";
import { readableArticles } from "./article-policy";

/**
 * "This answered my question" on the filing form: the filing ends without a request, and the
 * article counts a deflection for that request type. The article must be one the person may read
 * and of the type's department.
 */
export async function recordDeflection(options: { actor: Actor; input: { articleId: string; typeId: string } }): Promise<{ departmentKey: string; slug: string }> {
  const { actor } = options;
  if (!can(actor, "request.file")) throw forbidden();
  const input = parseInput(deflectionSchema, options.input);
  const type = await db().requestType.findFirst({ where: { id: input.typeId }, select: { id: true, departmentId: true } });
  if (!type) throw notFound("This request type");
  const article = await db().article.findFirst({
    where: { AND: [{ id: input.articleId, departmentId: type.departmentId }, readableArticles(actor)] },
    select: { id: true, slug: true, department: { select: { key: true } } },
  });
  if (!article) throw notFound("This article");
  await db().deflection.create({ data: { articleId: article.id, requestTypeId: type.id, personId: actor.id } });
  return { departmentKey: article.department.key, slug: article.slug };
}
