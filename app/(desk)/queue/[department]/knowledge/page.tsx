import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { knowledgeDesk } from "@/lib/knowledge/knowledge-desk";
import { Card, PageHeader } from "../../../../_components/ui";
import { AnnounceForm, EditorToggle, EndIssueForm, NewArticleForm } from "./knowledge-desk-forms";

export const metadata = { title: "Knowledge desk" };

export default async function KnowledgeDeskPage({ params }: { params: Promise<{ department: string }> }) {
  const actor = await requireActor();
  const desk = await knowledgeDesk({ actor, departmentKey: (await params).department }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const { department } = desk;
  return (
    <div className="space-y-6">
      <PageHeader title={`${department.name}: knowledge`} subtitle="Write articles (a head or named editor publishes them) and announce known issues." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="articles-heading">
          <h2 id="articles-heading" className="mb-2 text-base font-semibold">Articles</h2>
          {desk.articles.length === 0 ? <p className="text-sm text-slate-600">No articles yet.</p> : null}
          <ul className="divide-y divide-slate-100 text-sm">
            {desk.articles.map((a) => (
              <li key={a.id} className="py-1.5">
                <Link href={`/knowledge/${department.key}/${a.slug}`} className="text-brand-700 underline">{a.title}</Link>
                <span className="ml-2 text-xs text-slate-500">
                  {a.publishedVersion === null ? "Draft" : a.latestVersion !== a.publishedVersion ? `v${a.publishedVersion} published, v${a.latestVersion} waiting` : `v${a.publishedVersion}`}
                  {a.visibility === "AGENTS" ? " · agents only" : ""}
                  {a.outdatedAt ? " · flagged out of date" : ""}
                  {a.pastReview ? " · past review date" : ""}
                </span>
              </li>
            ))}
          </ul>
        </Card>
        <Card aria-labelledby="new-article-heading">
          <h2 id="new-article-heading" className="mb-2 text-base font-semibold">New article</h2>
          <NewArticleForm department={department} types={desk.types} />
        </Card>
        <Card aria-labelledby="issues-heading">
          <h2 id="issues-heading" className="mb-2 text-base font-semibold">Known issues</h2>
          {desk.issues.length === 0 ? <p className="mb-3 text-sm text-slate-600">None announced.</p> : null}
          <ul className="mb-4 space-y-3 text-sm">
            {desk.issues.map((i) => (
              <li key={i.id}>
                <p className="font-medium">{i.title} <span className="font-normal text-slate-500">· {i.followerCount} following</span></p>
                <EndIssueForm department={department} issueId={i.id} />
              </li>
            ))}
          </ul>
          <AnnounceForm department={department} types={desk.types} />
        </Card>
        {desk.editorsVisible ? (
          <Card aria-labelledby="editors-heading">
            <h2 id="editors-heading" className="mb-2 text-base font-semibold">Editors who may publish</h2>
            <ul className="space-y-1">
              {desk.editors.map((p) => (
                <li key={p.id}><EditorToggle department={department} person={p} editor={p.editor} /></li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
