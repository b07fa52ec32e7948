import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { listArticles } from "./list-articles";
import { listKnownIssues } from "./list-known-issues";

/** What the department's knowledge desk page shows its agents: articles with drafts, known issues, types, and for the head the editors. */
export async function knowledgeDesk(options: { actor: Actor; departmentKey: string; now?: Date }) {
  const { actor } = options;
  const department = await db().department.findUnique({ where: { key: options.departmentKey.toUpperCase() }, select: { id: true, key: true, name: true } });
  if (!department || !can(actor, "knowledge.write", { departmentId: department.id })) throw notFound("This department's knowledge desk");
  const editorsVisible = can(actor, "knowledge.editors", { departmentId: department.id });
  const [articles, issues, types, agents] = await Promise.all([
    listArticles({ actor, departmentId: department.id }),
    listKnownIssues({ actor, departmentId: department.id }),
    db().requestType.findMany({ where: { departmentId: department.id, active: true }, select: { id: true, name: true }, orderBy: [{ sortOrder: "asc" }, { name: "asc" }] }),
    editorsVisible
      ? db().person.findMany({
          where: { active: true, roles: { some: { departmentId: department.id, role: "AGENT" } } },
          select: { id: true, name: true, knowledgeEditorOf: { where: { departmentId: department.id }, select: { personId: true } } },
          orderBy: { name: "asc" },
          take: 200,
        })
      : Promise.resolve([]),
  ]);
  const now = (options.now ?? new Date()).getTime();
  return { department, articles: articles.map((a) => ({ ...a, pastReview: a.reviewBy !== null && a.reviewBy.getTime() < now })), issues, types, editors: agents.map((a) => ({ id: a.id, name: a.name, editor: a.knowledgeEditorOf.length > 0 })), editorsVisible };
}
