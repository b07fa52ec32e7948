import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { suggestSchema } from "@/lib/validation/knowledge";
import { headlineSegments, rankArticles } from "./rank-articles";

export type Suggestion = { id: string; slug: string; title: string; departmentKey: string; snippet: { text: string; hit: boolean }[] };

/**
 * While a requester types the title of a request, the best matching articles of the department
 * the request goes to that they may read (five at most).
 */
export async function suggestArticles(options: { actor: Actor; input: { typeId: string; title: string } }): Promise<Suggestion[]> {
  const { actor } = options;
  if (!can(actor, "request.file")) throw forbidden();
  const input = parseInput(suggestSchema, options.input);
  const type = await db().requestType.findFirst({ where: { id: input.typeId, active: true }, select: { id: true, departmentId: true } });
  if (!type) throw notFound("This request type");
  const ranked = await rankArticles({ actor, query: { typed: input.title }, departmentId: type.departmentId, typeId: type.id, limit: 5 });
  return ranked.map((a) => ({ id: a.id, slug: a.slug, title: a.title, departmentKey: a.departmentKey, snippet: headlineSegments(a.snippet) }));
}
