import { apiRoute } from "@/lib/api/handler";
import { json, otherMethods } from "@/lib/api/http";
import { searchArticles } from "@/lib/knowledge/search-articles";
import { apiArticleSearchSchema } from "@/lib/validation/api";
import { parseInput } from "@/lib/validation/parse";

export const GET = apiRoute(async ({ request, actor }) => {
  const { q } = parseInput(apiArticleSearchSchema, Object.fromEntries(new URL(request.url).searchParams));
  const hits = await searchArticles({ actor, query: q, limit: 20 });
  return json(200, {
    data: hits.map((h) => ({ id: h.id, department: h.department, slug: h.slug, title: h.title, visibility: h.visibility, snippet: h.snippet.map((s) => s.text).join("") })),
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
