import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { formatTime } from "@/lib/time/format-time";
import { AppError } from "@/lib/errors";
import { flaggedPauses } from "@/lib/reports/flagged-pauses";
import { insightsDepartment } from "@/lib/reports/insights-department";
import { reportFormFromSearch } from "@/lib/reports/period";
import { metricLabel, slaCompliance, slaMetrics } from "@/lib/reports/sla-compliance";
import { complianceGroupings, groupingLabel } from "@/lib/validation/reports";
import { Button, Card, PageHeader, inputClass } from "../../../../_components/ui";
import { ComplianceCell, Num, Percent } from "./compliance-cells";

export const metadata = { title: "SLA reports" };

type Search = Record<string, string | string[] | undefined>;

const presetLabel = { "7": "Last 7 days", "30": "Last 30 days", "90": "Last 90 days", custom: "Custom dates" } as const;

export default async function SlaReportPage({ params, searchParams }: { params: Promise<{ department: string }>; searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const { department: key } = await params;
  // Reports of a department you do not head are as absent as those of one that does not exist.
  const department = await insightsDepartment({ actor, departmentKey: key }).catch((e) => {
    if (e instanceof AppError) notFound();
    throw e;
  });
  const form = reportFormFromSearch(await searchParams);
  const options = { actor, departmentKey: department.key, ...form.input };
  // A bad period is the user's to fix: say so beside the form instead of failing the page.
  const { result, problem } = await Promise.all([slaCompliance({ ...options, groupBy: form.groupBy }), flaggedPauses(options)]).then(
    (value) => ({ result: value, problem: null }),
    (e: unknown) => {
      if (e instanceof AppError && e.code === "INVALID_INPUT") return { result: null, problem: e.userMessage };
      throw e;
    },
  );

  // The period's edges are the department's local midnights, shown on its clock; everything else on the reader's.
  const edge = (d: Date) => formatTime(d, { timeZone: department.timeZone });
  const when = (d: Date) => formatTime(d, { timeZone: actor.timeZone });
  const base = `/insights/${department.key}`;
  const exportHref = result
    ? `${base}/sla/export?${new URLSearchParams({ from: result[0].period.from.toISOString(), to: result[0].period.to.toISOString(), groupBy: form.groupBy })}`
    : null;

  return (
    <>
      <PageHeader
        title={`${department.name}: SLA compliance`}
        subtitle="Met / (met + breached) over clocks that stopped or breached in the period; clocks still running and not yet breached are not counted."
        actions={exportHref ? <a className="text-sm font-semibold text-brand-700 hover:underline" href={exportHref}>Download CSV</a> : null}
      />
      <Card className="mb-4">
        <form method="get" className="grid items-end gap-3 sm:grid-cols-2 lg:grid-cols-5">
          <div>
            <label htmlFor="r-period" className="block text-xs font-medium text-slate-600">Period</label>
            <select id="r-period" name="period" defaultValue={form.period} className={`${inputClass} h-10`}>
              {Object.entries(presetLabel).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="r-from" className="block text-xs font-medium text-slate-600">From (custom)</label>
            <input id="r-from" name="from" type="date" defaultValue={dateOnly(form.from)} className={`${inputClass} h-10`} />
          </div>
          <div>
            <label htmlFor="r-to" className="block text-xs font-medium text-slate-600">To, included (custom)</label>
            <input id="r-to" name="to" type="date" defaultValue={dateOnly(form.to)} className={`${inputClass} h-10`} />
          </div>
          <div>
            <label htmlFor="r-group" className="block text-xs font-medium text-slate-600">Group by</label>
            <select id="r-group" name="groupBy" defaultValue={form.groupBy} className={`${inputClass} h-10`}>
              {complianceGroupings.map((g) => <option key={g} value={g}>{groupingLabel[g]}</option>)}
            </select>
          </div>
          <Button type="submit" variant="secondary" className="h-10">Show</Button>
        </form>
        {problem ? <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{problem}</p> : null}
      </Card>

      {result ? (
        <>
          <p className="mb-3 text-sm text-slate-600">
            From {edge(result[0].period.from)} until {edge(result[0].period.to)} ({department.timeZone}, the department&apos;s time zone).
          </p>
          <Card className="mb-8 overflow-x-auto p-0">
            <ComplianceTable report={result[0]} />
          </Card>
          <p className="mb-8 text-sm text-slate-600">
            Satisfaction (CSAT) is on the{" "}
            <Link className="font-semibold text-brand-700 hover:underline" href={base}>department dashboard</Link>, per calendar month, quarter and year.
          </p>

          <h2 className="mb-1 text-lg font-semibold text-slate-900">Pauses set right after the requester answered</h2>
          <p className="mb-3 text-sm text-slate-600">
            Pauses that began in the period, by who set them; flagged when the request went back to waiting within {result[1].windowMinutes} minutes of the requester&apos;s public reply.
          </p>
          <Card className="mb-4 overflow-x-auto p-0">
            <table className="min-w-full text-sm">
              <caption className="sr-only">Pauses and flagged pauses per agent</caption>
              <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-2">Agent</th>
                  <th scope="col" className="px-4 py-2 text-right">Pauses</th>
                  <th scope="col" className="px-4 py-2 text-right">Flagged</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {result[1].agents.map((a) => (
                  <tr key={a.agent?.id ?? "nobody"}>
                    <th scope="row" className="px-4 py-2 text-left font-medium">{a.agent?.name ?? "Automatic"}</th>
                    <td className="px-4 py-2 text-right"><Num n={a.pauses} /></td>
                    <td className="px-4 py-2 text-right"><Num n={a.flagged} /> of <Num n={a.pauses} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
            {result[1].agents.length === 0 ? <p className="p-6 text-sm text-slate-600">No pauses in this period.</p> : null}
          </Card>
          {result[1].recent.length ? (
            <Card className="overflow-x-auto p-0">
              <table className="min-w-full text-sm">
                <caption className="px-4 pt-3 text-left text-sm font-semibold text-slate-900">Latest flagged pauses</caption>
                <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
                  <tr>
                    <th scope="col" className="px-4 py-2">Request</th>
                    <th scope="col" className="px-4 py-2">Paused by</th>
                    <th scope="col" className="px-4 py-2">Requester replied</th>
                    <th scope="col" className="px-4 py-2">Paused</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {result[1].recent.map((p) => (
                    <tr key={`${p.reference}-${p.pausedAt.getTime()}`}>
                      <td className="px-4 py-2">
                        <Link className="font-medium text-brand-700 hover:underline" href={`/queue/${department.key}/pauses/${p.reference}`}>
                          <span className="mr-2 font-mono text-xs">{p.reference}</span>
                          {p.title}
                        </Link>
                        <Link className="ml-2 text-xs text-slate-600 underline" href={`/requests/${p.reference}`}>open request</Link>
                      </td>
                      <td className="px-4 py-2">{result[1].agents.find((a) => a.agent?.id === p.agentId)?.agent?.name ?? "Automatic"}</td>
                      <td className="px-4 py-2 whitespace-nowrap text-xs">{when(p.repliedAt)}</td>
                      <td className="px-4 py-2 whitespace-nowrap text-xs">{when(p.pausedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          ) : null}
        </>
      ) : null}
      <p className="mt-6 text-sm">
        <Link className="text-brand-700 hover:underline" href={`/queue/${department.key}`}>Back to the {department.name} queue</Link>
      </p>
    </>
  );
}

type Report = Awaited<ReturnType<typeof slaCompliance>>;

function ComplianceTable({ report }: { report: Report }) {
  if (report.groupBy === "metric") {
    return (
      <table className="min-w-full text-sm">
        <caption className="sr-only">SLA compliance per metric</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2">Metric</th>
            <th scope="col" className="px-4 py-2 text-right">Met</th>
            <th scope="col" className="px-4 py-2 text-right">Breached</th>
            <th scope="col" className="px-4 py-2 text-right">Total</th>
            <th scope="col" className="px-4 py-2 text-right">Compliance</th>
            <th scope="col" className="px-4 py-2 text-right">Ever breached</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {slaMetrics.map((m) => {
            const c = report.totals.byMetric[m];
            return (
              <tr key={m}>
                <th scope="row" className="px-4 py-2 text-left font-medium">{metricLabel[m]}</th>
                <td className="px-4 py-2 text-right"><Num n={c.met} /></td>
                <td className="px-4 py-2 text-right"><Num n={c.breached} /></td>
                <td className="px-4 py-2 text-right"><Num n={c.total} /></td>
                <td className="px-4 py-2 text-right"><Percent c={c} /></td>
                <td className="px-4 py-2 text-right">{c.everBreached === undefined ? "" : <Num n={c.everBreached} />}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    );
  }
  return (
    <table className="min-w-full text-sm">
      <caption className="sr-only">SLA compliance per {groupingLabel[report.groupBy].toLowerCase()} and metric</caption>
      <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
        <tr>
          <th scope="col" className="px-4 py-2">{groupingLabel[report.groupBy]}</th>
          {slaMetrics.map((m) => <th key={m} scope="col" className="px-4 py-2">{metricLabel[m]}</th>)}
          <th scope="col" className="px-4 py-2">All metrics</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {report.rows.map((row) => (
          <tr key={row.key ?? "none"}>
            <th scope="row" className="px-4 py-2 text-left align-top font-medium">{row.label}</th>
            {slaMetrics.map((m) => <td key={m} className="px-4 py-2 align-top"><ComplianceCell c={row.byMetric[m]} /></td>)}
            <td className="px-4 py-2 align-top"><ComplianceCell c={row.all} /></td>
          </tr>
        ))}
        {report.rows.length === 0 ? (
          <tr><td colSpan={5} className="px-4 py-6 text-slate-600">Nothing stopped or breached in this period.</td></tr>
        ) : null}
      </tbody>
      <tfoot className="border-t border-slate-200 bg-slate-50">
        <tr>
          <th scope="row" className="px-4 py-2 text-left align-top">All</th>
          {slaMetrics.map((m) => <td key={m} className="px-4 py-2 align-top"><ComplianceCell c={report.totals.byMetric[m]} /></td>)}
          <td className="px-4 py-2 align-top"><ComplianceCell c={report.totals.all} /></td>
        </tr>
      </tfoot>
    </table>
  );
}

/** The date inputs only take days; an instant from the export link or elsewhere leaves them empty. */
function dateOnly(value: string | undefined): string | undefined {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}
