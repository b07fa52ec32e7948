import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { listKnownIssues } from "@/lib/knowledge/list-known-issues";
import { readExpectations } from "@/lib/experience/read-expectations";
import { TypeExpectationText } from "../../_components/type-expectation";
import { Card, PageHeader } from "../../_components/ui";

export const metadata = { title: "Get help" };

export default async function CatalogPage() {
  const actor = await requireActor();
  const [departments, issues] = await Promise.all([listCatalog({ actor }), listKnownIssues({ actor })]);
  const expectations = await readExpectations({ actor, typeIds: departments.flatMap((d) => d.requestTypes.map((t) => t.id)) });
  return (
    <>
      <PageHeader title="Get help from another department" subtitle="Pick what you need; the department that provides it gets your request with its service targets." />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {departments.map((d) => (
          <Card key={d.id} aria-labelledby={`dept-${d.key}`}>
            <h2 id={`dept-${d.key}`} className="text-lg font-semibold">{d.name}</h2>
            {d.description ? <p className="mt-1 text-sm text-slate-600">{d.description}</p> : null}
            {issues
              .filter((i) => i.departmentId === d.id)
              .map((i) => (
                <p key={i.id} className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-sm">
                  <span className="font-semibold">Known issue:</span> {i.title}
                </p>
              ))}
            <Link href={`/knowledge/${d.key}`} className="mt-2 inline-block text-sm text-brand-700 underline">Answers from {d.name}</Link>
            <ul className="mt-3 space-y-1">
              {d.requestTypes.map((t) => (
                <li key={t.id}>
                  <Link href={`/catalog/${d.key}/${t.slug}`} className="group block rounded-md px-2 py-1.5 hover:bg-brand-50">
                    <span className="text-sm font-medium text-brand-700 group-hover:underline">{t.name}</span>
                    {t.description ? <span className="block text-xs text-slate-600">{t.description}</span> : null}
                    <TypeExpectationText expectation={expectations.get(t.id)} className="mt-0.5 italic" />
                  </Link>
                </li>
              ))}
            </ul>
          </Card>
        ))}
      </div>
    </>
  );
}
