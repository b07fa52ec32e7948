import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { departmentByKey } from "@/lib/knowledge/department-by-key";
import { departmentKnownIssues } from "@/lib/knowledge/department-known-issues";
import { knowledgeInsights } from "@/lib/knowledge/knowledge-insights";
import { listProblems } from "@/lib/problems/list-problems";
import { statusLabel } from "@/lib/validation/requests";
import { formatWhen } from "@/lib/time/format-time";
import { Card, PageHeader } from "../../../../_components/ui";

export const metadata = { title: "Knowledge and problems" };

export default async function KnowledgeInsightsPage({ params }: { params: Promise<{ department: string }> }) {
  const actor = await requireActor();
  const department = await departmentByKey((await params).department);
  if (!department) notFound();
  const [figures, problems, issues] = await Promise.all([
    knowledgeInsights({ actor, departmentId: department.id }),
    listProblems({ actor, departmentId: department.id }),
    departmentKnownIssues({ actor, departmentId: department.id }),
  ]).catch((e) => {
    if (e instanceof AppError && (e.code === "FORBIDDEN" || e.code === "NOT_FOUND")) notFound();
    throw e;
  });
  const th = "px-2 py-1 text-left font-medium";
  const td = "px-2 py-1 tabular-nums";
  return (
    <div className="space-y-6">
      <PageHeader title={`${department.name}: knowledge and problems`} subtitle="How articles answer questions before they become requests, and the problems behind many requests." />
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[
          ["Article readers (each person once per article)", figures.totals.views],
          ["Deflections (not filed)", figures.totals.deflections],
          ["Requests resolved with an article", figures.totals.resolvedWithArticle],
          ["Articles past review date", figures.totals.pastReview],
        ].map(([label, value]) => (
          // A <dl> may hold <div> groups of <dt>/<dd>, not a Card's <section>.
          <div key={label as string} className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <Card aria-labelledby="articles-figures" className="overflow-x-auto">
        <h2 id="articles-figures" className="mb-2 text-base font-semibold">Articles</h2>
        <table className="min-w-full text-sm">
          <thead>
            <tr className="border-b border-slate-200"><th className={th}>Article</th><th className={th}>Readers</th><th className={th}>Helpful</th><th className={th}>Not helpful</th><th className={th}>Deflections</th><th className={th}>Resolved with it</th><th className={th}>Review</th></tr>
          </thead>
          <tbody>
            {figures.articles.map((a) => (
              <tr key={a.id} className="border-b border-slate-100">
                <td className="px-2 py-1"><Link className="text-brand-700 hover:underline" href={`/knowledge/${department.key}/${a.slug}`}>{a.title}</Link>{a.published ? "" : " (draft)"}{a.outdated ? " · flagged" : ""}</td>
                <td className={td}>{a.views}</td><td className={td}>{a.helpful}</td><td className={td}>{a.notHelpful}</td><td className={td}>{a.deflections}</td><td className={td}>{a.resolvedWith}</td>
                <td className="px-2 py-1">{a.reviewBy ? <span className={a.pastReview ? "font-medium text-red-700" : ""}>{a.pastReview ? "Past: " : ""}{formatWhen(a.reviewBy, actor.timeZone)}</span> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card aria-labelledby="deflections-heading">
        <h2 id="deflections-heading" className="mb-2 text-base font-semibold">Deflections per request type</h2>
        <table className="text-sm">
          <thead><tr className="border-b border-slate-200"><th className={th}>Request type</th><th className={th}>Answered without a request</th></tr></thead>
          <tbody>{figures.deflectionsByType.map((t) => <tr key={t.typeId} className="border-b border-slate-100"><td className="px-2 py-1">{t.typeName}</td><td className={td}>{t.deflections}</td></tr>)}</tbody>
        </table>
      </Card>
      <Card aria-labelledby="known-issues-heading" className="overflow-x-auto">
        <h2 id="known-issues-heading" className="mb-2 text-base font-semibold">Known issues</h2>
        {issues.length === 0 ? <p className="text-sm text-slate-600">No known issue announced.</p> : (
          <table className="min-w-full text-sm">
            <thead><tr className="border-b border-slate-200"><th className={th}>Known issue</th><th className={th}>Announced</th><th className={th}>Ended</th><th className={th}>People following</th></tr></thead>
            <tbody>
              {issues.map((i) => (
                <tr key={i.id} className="border-b border-slate-100">
                  <td className="px-2 py-1">{i.title}</td>
                  <td className="px-2 py-1">{formatWhen(i.createdAt, actor.timeZone)}</td>
                  <td className="px-2 py-1">{i.endedAt ? formatWhen(i.endedAt, actor.timeZone) : "In force"}</td>
                  <td className={td}>{i.followers}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card aria-labelledby="problems-heading" className="overflow-x-auto">
        <h2 id="problems-heading" className="mb-2 text-base font-semibold">Problems</h2>
        {problems.length === 0 ? <p className="text-sm text-slate-600">No request is linked to a problem.</p> : (
          <table className="min-w-full text-sm">
            <thead><tr className="border-b border-slate-200"><th className={th}>Problem</th><th className={th}>Status</th><th className={th}>Linked requests</th><th className={th}>Still open</th><th className={th}>People affected</th></tr></thead>
            <tbody>
              {problems.map((p) => (
                <tr key={p.id} className="border-b border-slate-100">
                  <td className="px-2 py-1"><Link className="font-mono text-brand-700 hover:underline" href={`/requests/${p.reference}`}>{p.reference}</Link> {p.title}</td>
                  <td className="px-2 py-1">{statusLabel[p.status]}</td><td className={td}>{p.linked}</td><td className={td}>{p.openLinked}</td><td className={td}>{p.peopleAffected}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
