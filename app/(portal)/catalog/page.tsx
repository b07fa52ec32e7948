import { requireActor } from "@/lib/auth/session";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { catalogQueryMax } from "@/lib/catalog/match-catalog";
import { listKnownIssues } from "@/lib/knowledge/list-known-issues";
import { popularArticles } from "@/lib/knowledge/popular-articles";
import { readExpectationFigures } from "@/lib/experience/read-expectations";
import { catalogSearchSchema } from "@/lib/validation/search";
import { PageHeader } from "../../_components/ui";
import { CatalogBrowser, type BrowserDepartment } from "./catalog-browser";

export const metadata = { title: "Get help" };

export default async function CatalogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const { q } = catalogSearchSchema.parse(await searchParams);
  const [departments, issues] = await Promise.all([listCatalog({ actor }), listKnownIssues({ actor })]);
  const [expectations, articles] = await Promise.all([
    readExpectationFigures({ actor, typeIds: departments.flatMap((d) => d.requestTypes.map((t) => t.id)) }),
    popularArticles({ actor, departmentIds: departments.map((d) => d.id) }),
  ]);
  // What the cards show and the search box matches, and nothing else: the browser gets it once, beside the HTML made from it.
  const shown: BrowserDepartment[] = departments.map((d) => ({
    key: d.key,
    name: d.name,
    description: d.description || null,
    articles: articles.filter((a) => a.departmentId === d.id).map((a) => ({ slug: a.slug, title: a.title })),
    knownIssues: issues.filter((i) => i.departmentId === d.id).map((i) => ({ id: i.id, title: i.title, following: i.following })),
    requestTypes: d.requestTypes.map((t) => ({ slug: t.slug, name: t.name, ...(t.description ? { description: t.description } : {}), expectation: expectations.get(t.id) })),
  }));
  // The requester's own department is not "another" one: it is listed apart, after the others.
  const own = shown[departments.findIndex((d) => d.id === actor.departmentId)] ?? null;
  return (
    <>
      <PageHeader title="Get help from another department" subtitle="Pick what you need; the department that provides it gets your request with its service targets." />
      <CatalogBrowser departments={shown.filter((d) => d !== own)} own={own} initialQuery={(q ?? "").slice(0, catalogQueryMax)} />
    </>
  );
}
