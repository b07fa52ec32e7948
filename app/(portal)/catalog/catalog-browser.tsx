"use client";

import Link from "@/app/_components/link";
import { useId, useState } from "react";
import { catalogQueryMax, matchCatalog } from "@/lib/catalog/match-catalog";
import { expectationLine, typeExpectation, type ExpectationFigures } from "@/lib/experience/expectation-text";
import { FollowKnownIssue } from "./[department]/[type]/known-issues";

export type BrowserDepartment = {
  key: string;
  name: string;
  description: string | null;
  knownIssues: { id: string; title: string; following: boolean }[];
  /** Its most read articles the person may read: answers before a request. */
  articles: { slug: string; title: string }[];
  requestTypes: { slug: string; name: string; description?: string; expectation?: ExpectationFigures }[];
};

/**
 * The catalogue with its search box. The box is a GET form, so without JavaScript "Search" reloads the page
 * narrowed on the server; with it, the list narrows as you type (the same matchCatalog) and the address
 * keeps the query, so Back and a shared link show the same list.
 */
export function CatalogBrowser({ departments, own, initialQuery }: { departments: BrowserDepartment[]; own: BrowserDepartment | null; initialQuery: string }) {
  const [query, setQuery] = useState(initialQuery);
  const inputId = useId();
  const others = matchCatalog(departments, query);
  const ownShown = own ? matchCatalog([own], query)[0] ?? null : null;
  const types = others.reduce((n, d) => n + d.requestTypes.length, 0) + (ownShown?.requestTypes.length ?? 0);
  const searching = query.trim() !== "";

  function change(value: string) {
    setQuery(value);
    const url = new URL(window.location.href);
    if (value.trim()) url.searchParams.set("q", value);
    else url.searchParams.delete("q");
    window.history.replaceState(window.history.state, "", url);
  }

  return (
    <>
      <div className="mb-4">
        <form method="get" action="/catalog" role="search" aria-label="Catalogue" className="flex max-w-xl flex-wrap items-end gap-2" onSubmit={(e) => e.preventDefault()}>
          <div className="min-w-0 flex-1">
            <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">Search services</label>
            <input
              id={inputId}
              type="search"
              name="q"
              value={query}
              maxLength={catalogQueryMax}
              onChange={(e) => change(e.target.value)}
              placeholder="e.g. laptop, parking, invoice"
              autoComplete="off"
              className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 placeholder:text-slate-500 focus:ring-2 focus:ring-inset focus:ring-brand-500"
            />
          </div>
          <button type="submit" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-700">Search</button>
        </form>
        <p role="status" className="mt-2 text-sm text-slate-700" data-testid="catalog-count">
          {searching
            ? types === 0
              ? `Nothing matches “${query.trim()}”. Try another word, or browse everything by clearing the box.`
              : `${types} request ${types === 1 ? "type" : "types"} in ${others.length + (ownShown ? 1 : 0)} ${others.length + (ownShown ? 1 : 0) === 1 ? "department" : "departments"} ${types === 1 ? "matches" : "match"} “${query.trim()}”.`
            : null}
        </p>
      </div>
      {others.length > 0 ? (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="catalog-departments">
          {others.map((d) => <DepartmentCard key={d.key} department={d} />)}
        </div>
      ) : null}
      {ownShown ? (
        <section aria-labelledby="own-department" className="mt-8" data-testid="own-department">
          <h2 id="own-department" className="text-base font-semibold text-slate-800">Your own department</h2>
          <p className="text-sm text-slate-600">You work in {ownShown.name}; you can still file a request with your colleagues here.</p>
          <div className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            <DepartmentCard department={ownShown} />
          </div>
        </section>
      ) : null}
    </>
  );
}

/** One department's card. Its repeated markup is styled by the short classes of globals.css (dept-*, type-*). */
function DepartmentCard({ department: d }: { department: BrowserDepartment }) {
  return (
    <section aria-labelledby={`dept-${d.key}`} className="dept-card" data-department={d.key}>
      <h2 id={`dept-${d.key}`} className="text-lg font-semibold">{d.name}</h2>
      {d.description ? <p className="mt-1 text-sm text-slate-600">{d.description}</p> : null}
      {d.knownIssues.map((i) => (
        <div key={i.id} role="status" className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-sm">
          <p><span className="font-semibold">Known issue:</span> {i.title}</p>
          <FollowKnownIssue issue={i} />
        </div>
      ))}
      {d.articles.length ? (
        <div className="mt-3">
          <h3 id={`answers-${d.key}`} className="dept-answers-heading">Popular answers</h3>
          <ul aria-labelledby={`answers-${d.key}`} className="dept-answers">
            {d.articles.map((a) => (
              <li key={a.slug}><Link href={`/knowledge/${d.key}/${a.slug}`}>{a.title}</Link></li>
            ))}
          </ul>
        </div>
      ) : null}
      <Link href={`/knowledge/${d.key}`} className="dept-more">{d.articles.length ? `All answers from ${d.name}` : `Answers from ${d.name}`}</Link>
      <ul className="dept-types">
        {d.requestTypes.map((t) => (
          <li key={t.slug}>
            <Link href={`/catalog/${d.key}/${t.slug}`}>
              <span className="type-name">{t.name}</span>
              {t.description ? <span className="type-hint">{t.description}</span> : null}
              {t.expectation ? <span className="type-expect" data-testid="type-expectation">{expectationLine(typeExpectation(t.expectation))}</span> : null}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
