import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getArticle } from "@/lib/knowledge/get-article";
import { db } from "@/lib/db/client";
import { articleVisibilityLabel } from "@/lib/validation/knowledge";
import { formatWhen } from "@/lib/time/format-time";
import { Card, PageHeader } from "../../../../_components/ui";
import { ArticleFileUpload, EditForm, FlagForm, PublishForm, ReturnForm, VoteForm } from "./article-forms";

export const metadata = { title: "Article" };

export default async function ArticlePage({ params, searchParams }: { params: Promise<{ department: string; slug: string }>; searchParams: Promise<{ answered?: string }> }) {
  const actor = await requireActor();
  const { department, slug } = await params;
  const { answered } = await searchParams;
  const page = await getArticle({ actor, departmentKey: department, slug }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const { article, can } = page;
  const editing = page.draft ?? (can.write ? { number: article.latestVersion, title: article.title, body: article.body, visibility: article.visibility, tags: article.tags } : null);
  const types = can.write ? await db().requestType.findMany({ where: { departmentId: article.departmentId, active: true }, select: { id: true, name: true }, orderBy: { sortOrder: "asc" } }) : [];
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href={`/knowledge/${article.department.key}`} className="hover:underline">Answers from {article.department.name}</Link>
      </nav>
      {answered ? (
        <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
          Glad this answered your question. No request was filed.
        </p>
      ) : null}
      <PageHeader
        title={article.title}
        subtitle={`${article.department.name} · ${articleVisibilityLabel[article.visibility]}${article.publishedAt ? ` · updated ${formatWhen(article.publishedAt, actor.timeZone)}` : " · draft, not published"}`}
      />
      {article.outdatedAt && can.write ? <p className="rounded-md bg-amber-50 p-2 text-sm">Flagged as out of date: {article.outdatedNote}</p> : null}
      {page.html !== null ? (
        <Card>
          {/* Sanitised with an allow-list in lib/knowledge/render-markdown.ts. */}
          <div className="article-body space-y-3 text-sm leading-6" dangerouslySetInnerHTML={{ __html: page.html }} />
          {article.tags.length ? <p className="mt-3 text-xs text-slate-500">{article.tags.map((t) => `#${t}`).join(" ")}</p> : null}
        </Card>
      ) : null}
      {can.read ? <Card><VoteForm articleId={article.id} myVote={page.myVote} /></Card> : null}
      {can.flagOutdated ? (
        <Card>
          <h2 className="mb-2 text-sm font-semibold">Out of date?</h2>
          <FlagForm articleId={article.id} />
        </Card>
      ) : null}
      {can.write && editing ? (
        <Card aria-labelledby="edit-heading">
          <h2 id="edit-heading" className="mb-2 text-base font-semibold">
            {page.draft ? `Draft version ${page.draft.number} by ${page.draft.author}` : `Version ${article.latestVersion}`}
          </h2>
          {page.draft?.returned ? (
            <p role="note" className="mb-3 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm">
              Sent back by {page.draft.returned.by} on {formatWhen(page.draft.returned.at, actor.timeZone)}: {page.draft.returned.reason} Save a new version to send it for publishing again.
            </p>
          ) : null}
          {page.draft ? <div className="article-body mb-3 space-y-3 rounded border border-dashed border-slate-300 p-3 text-sm" dangerouslySetInnerHTML={{ __html: page.draft.html }} /> : null}
          {can.publish && article.publishedVersion !== article.latestVersion ? <div className="mb-3"><PublishForm articleId={article.id} version={article.latestVersion} />{page.draft?.returned ? null : <ReturnForm articleId={article.id} version={article.latestVersion} />}</div> : null}
          {!can.publish && article.publishedVersion !== article.latestVersion ? <p className="mb-3 text-sm text-slate-600">The head of {article.department.name} or a named editor publishes it.</p> : null}
          <details>
            <summary className="cursor-pointer text-sm text-brand-700">Edit</summary>
            <div className="mt-3">
              <EditForm
                articleId={article.id}
                version={article.latestVersion}
                types={types}
                draft={{ title: editing.title, body: editing.body, visibility: editing.visibility, tags: editing.tags, reviewBy: article.reviewBy ? article.reviewBy.toISOString().slice(0, 10) : "", requestTypeIds: article.requestTypeIds }}
              />
              <ArticleFileUpload articleId={article.id} />
            </div>
          </details>
          {page.versions.length ? (
            <details className="mt-3">
              <summary className="cursor-pointer text-sm text-brand-700">History ({page.versions.length} versions)</summary>
              <ol className="mt-2 text-sm">
                {page.versions.map((v) => (
                  <li key={v.number}>v{v.number} · {v.title} · {v.author.name} · {formatWhen(v.createdAt, actor.timeZone)}{v.number === article.publishedVersion ? " · published" : ""}</li>
                ))}
              </ol>
            </details>
          ) : null}
        </Card>
      ) : null}
      {can.insights ? (
        <p className="text-sm text-slate-600">{article.viewCount} {article.viewCount === 1 ? "reader" : "readers"} · {page.votes.helpful} helpful · {page.votes.notHelpful} not helpful</p>
      ) : null}
    </div>
  );
}
