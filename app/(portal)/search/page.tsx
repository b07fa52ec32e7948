import Link from "@/app/_components/link";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { ArticleHit } from "@/lib/knowledge/search-articles";
import { searchAll } from "@/lib/search/search-all";
import type { SearchResult } from "@/lib/search/search-requests";
import { formatWhen } from "@/lib/time/format-time";
import { Card, PageHeader, StatusBadge } from "../../_components/ui";

export const metadata = { title: "Search" };

type Params = { q?: string; after?: string };

export default async function SearchPage({ searchParams }: { searchParams: Promise<Params> }) {
  const actor = await requireActor();
  const { q = "", after } = await searchParams;
  const query = q.trim();

  let result: SearchResult | null = null;
  let articles: ArticleHit[] = [];
  let articlesFirst = true;
  let problem: string | null = null;
  if (query) {
    try {
      ({ requests: result, articles, articlesFirst } = await searchAll({ actor, query, cursor: after }));
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== "INVALID_INPUT") throw e;
      problem = e.fieldErrors?.query?.[0] ?? e.userMessage;
    }
  }
  // A request number the searcher may see goes straight to the request.
  if (result?.kind === "jump") redirect(`/requests/${result.reference}`);

  return (
    <>
      <PageHeader title="Search" subtitle="Answers from the departments' knowledge, and requests and replies you can see. Agents also search their department's internal notes." />
      <form role="search" action="/search" className="mb-6 flex flex-wrap gap-2">
        <label htmlFor="q" className="sr-only">Search requests</label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={query}
          maxLength={200}
          autoFocus={!query}
          placeholder='Words, "a phrase", -exclude, or a number like FAC-1042'
          aria-describedby={problem ? "q-error" : undefined}
          aria-invalid={problem ? true : undefined}
          className="min-w-64 flex-1 rounded-md border-0 px-3 py-2 text-sm shadow-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
        />
        <button type="submit" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-semibold text-white shadow-xs hover:bg-brand-700">
          Search
        </button>
        {problem ? <p id="q-error" className="w-full text-sm text-red-700">{problem}</p> : null}
      </form>

      {articles.length && articlesFirst ? <ArticleResults articles={articles} /> : null}
      {result?.kind === "results" ? (
        <Card className="p-0">
          {result.notice ? <p className="p-6 text-sm text-slate-700">{result.notice}</p> : null}
          {!result.notice && result.hits.length === 0 ? (
            <p className="p-6 text-sm text-slate-600" data-testid="no-results">
              Nothing you can see matches “{result.query}”{after ? " beyond the previous page" : ""}. Try fewer or different words.
            </p>
          ) : null}
          {result.hits.length > 0 ? (
            <ol className="divide-y divide-slate-100" aria-label="Search results">
              {result.hits.map((hit) => (
                <li key={hit.id}>
                  <Link href={`/requests/${hit.reference}`} className="block px-5 py-3 hover:bg-slate-50">
                    <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
                      <span className="font-mono text-xs text-slate-600">{hit.reference}</span>
                      <span className="min-w-0 flex-1 truncate text-sm font-medium">{hit.title}</span>
                      <StatusBadge status={hit.status} approvalState={hit.approvalState} />
                      <span className="text-xs text-slate-500">
                        {hit.department.name} · filed {formatWhen(hit.createdAt, actor.timeZone)}
                      </span>
                    </span>
                    <span className="mt-1 block text-sm text-slate-700">
                      <span className="text-xs text-slate-500">{hit.snippetFrom === "comment" ? "In a comment: " : ""}</span>
                      {hit.snippet.map((s, i) => (s.hit ? <mark key={i} className="rounded-sm bg-amber-100 px-0.5 text-slate-900">{s.text}</mark> : <span key={i}>{s.text}</span>))}
                    </span>
                  </Link>
                </li>
              ))}
            </ol>
          ) : null}
          {result.nextCursor ? (
            <div className="border-t border-slate-100 px-5 py-3 text-right">
              <Link className="text-sm font-semibold text-brand-700 hover:underline" href={`/search?${new URLSearchParams({ q: query, after: result.nextCursor })}`}>
                More results
              </Link>
            </div>
          ) : null}
        </Card>
      ) : null}
      {articles.length && !articlesFirst ? <div className="mt-6"><ArticleResults articles={articles} /></div> : null}
    </>
  );
}

function ArticleResults({ articles }: { articles: ArticleHit[] }) {
  return (
    <Card className="mb-6 p-0" aria-labelledby="answers-heading">
      <h2 id="answers-heading" className="px-5 pt-4 text-sm font-semibold">Answers</h2>
      <ol className="divide-y divide-slate-100" aria-label="Articles">
        {articles.map((a) => (
          <li key={a.id}>
            <Link href={`/knowledge/${a.department.key}/${a.slug}`} className="block px-5 py-3 hover:bg-slate-50">
              <span className="text-sm font-medium text-brand-800">{a.title}</span>
              <span className="ml-2 text-xs text-slate-500">{a.department.name}{a.visibility === "AGENTS" ? " · agents only" : ""}</span>
              <span className="mt-1 block text-sm text-slate-700">
                {a.snippet.map((s, i) => (s.hit ? <mark key={i} className="rounded-sm bg-amber-100 px-0.5 text-slate-900">{s.text}</mark> : <span key={i}>{s.text}</span>))}
              </span>
            </Link>
          </li>
        ))}
      </ol>
    </Card>
  );
}
