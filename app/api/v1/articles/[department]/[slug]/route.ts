import { apiRoute } from "@/lib/api/handler";
import { json, otherMethods } from "@/lib/api/http";
import { AppError } from "@/lib/errors";
import { getArticle } from "@/lib/knowledge/get-article";

export const GET = apiRoute<{ department: string; slug: string }>(async ({ actor, params }) => {
  const page = await getArticle({ actor, departmentKey: params.department, slug: params.slug });
  // Drafts reach the API of nobody: it serves what readers read.
  if (page.html === null || !page.can.read) throw new AppError("NOT_FOUND", "This article does not exist or you cannot see it.");
  const a = page.article;
  return json(200, {
    article: { id: a.id, department: { key: a.department.key, name: a.department.name }, slug: a.slug, title: a.title, visibility: a.visibility, tags: a.tags, markdown: a.body, html: page.html, publishedAt: a.publishedAt?.toISOString() ?? null },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
