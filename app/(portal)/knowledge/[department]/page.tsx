import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { departmentByKey } from "@/lib/knowledge/department-by-key";
import { listArticles } from "@/lib/knowledge/list-articles";
import { listKnownIssues } from "@/lib/knowledge/list-known-issues";
import { Card, PageHeader } from "../../../_components/ui";
import { FollowKnownIssue } from "../../catalog/[department]/[type]/known-issues";

export const metadata = { title: "Answers" };

/** A department's knowledge as its customers see it (its agents also see drafts and internal articles). */
export default async function DepartmentKnowledgePage({ params }: { params: Promise<{ department: string }> }) {
  const actor = await requireActor();
  const department = await departmentByKey((await params).department);
  if (!department) notFound();
  const [articles, issues] = await Promise.all([listArticles({ actor, departmentId: department.id }), listKnownIssues({ actor, departmentId: department.id })]);
  const writer = actor.agentOf.includes(department.id);
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title={`Answers from ${department.name}`}
        subtitle="Articles that answer common questions before they become requests."
        actions={writer ? <Link className="text-sm text-brand-700 underline" href={`/queue/${department.key}/knowledge`}>Write and manage articles</Link> : null}
      />
      {issues.map((i) => (
        <div key={i.id} role="status" className="mb-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p><span className="font-semibold">Known issue:</span> {i.title}</p>
          {i.body ? <p className="text-slate-700">{i.body}</p> : null}
          <FollowKnownIssue issue={i} />
        </div>
      ))}
      <Card>
        {articles.length === 0 ? (
          <p className="text-sm text-slate-600">No articles yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {articles.map((a) => (
              <li key={a.id} className="py-2">
                <Link href={`/knowledge/${department.key}/${a.slug}`} className="font-medium text-brand-700 underline">{a.title}</Link>
                <span className="ml-2 text-xs text-slate-500">
                  {a.publishedVersion === null ? "Draft" : a.latestVersion !== a.publishedVersion ? "Published, with a newer draft" : ""}
                  {a.visibility === "AGENTS" ? " · Agents only" : ""}
                  {a.outdatedAt ? " · Flagged as out of date" : ""}
                </span>
                {a.tags.length ? <span className="block text-xs text-slate-500">{a.tags.map((t) => `#${t}`).join(" ")}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
