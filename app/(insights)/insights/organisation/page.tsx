import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { cellKey, internalCustomerMatrix, type MatrixCell } from "@/lib/reports/internal-customer-matrix";
import { moraleIndicators } from "@/lib/reports/morale-indicators";
import { moraleTrend } from "@/lib/reports/morale-trend";
import { currentQuarter } from "@/lib/reports/organisation-access";
import { periodLabel, recentPeriods } from "@/lib/satisfaction/figure-periods";
import { heatMeasureLabel, heatMeasures, organisationSearchSchema, type HeatMeasure } from "@/lib/validation/organisation";
import { Button, Card, PageHeader, cx, inputClass } from "../../../_components/ui";
import { ComplianceText, SatisfactionText, hatched, legendOf, stepOf } from "./figures";
import { AboutFigures } from "../../../_components/about-figures";
import { anonymityThresholds } from "@/lib/satisfaction/anonymity-settings";
import { CommentThemes, WorkloadCells } from "./morale-cells";

export const metadata = { title: "Organisation" };

type Search = Record<string, string | string[] | undefined>;

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function OrganisationPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  // Not HR or admin: as absent as a page that does not exist.
  if (!can(actor, "insights.organisation")) notFound();
  const form = organisationSearchSchema.parse(await searchParams);
  const period = form.period ?? currentQuarter();
  // A bad period is the user's to fix: say so beside the form instead of failing the page.
  const { result, problem } = await Promise.all([internalCustomerMatrix({ actor, period }), moraleIndicators({ actor, period })]).then(
    (value) => ({ result: value, problem: null }),
    (e: unknown) => {
      if (e instanceof AppError && e.code === "INVALID_INPUT") return { result: null, problem: e.userMessage };
      throw e;
    },
  );
  const departmentKey = form.department ?? result?.[1].rows[0]?.key;
  const trend = result && departmentKey
    ? await moraleTrend({ actor, period, departmentKey }).catch((e: unknown) => {
        if (e instanceof AppError && e.code === "NOT_FOUND") return null;
        throw e;
      })
    : null;

  const thresholds = await anonymityThresholds();
  const recent = recentPeriods(new Date(), 12);
  const query = (extra: Record<string, string>) => `?${new URLSearchParams({ period, measure: form.measure, ...extra })}`;

  return (
    <>
      <PageHeader
        title="Organisation"
        subtitle="How departments serve each other as internal customers, and how their people are doing. Aggregates only: satisfaction from fewer raters than the anonymity threshold is never shown."
        actions={can(actor, "anonymity.configure") ? <Link className="text-sm font-semibold text-brand-700 hover:underline" href="/insights/organisation/anonymity">Anonymity thresholds</Link> : null}
      />
      <AboutFigures thresholds={thresholds} audience="hr" />
      <Card className="mb-6">
        <form method="get" className="grid items-end gap-3 sm:grid-cols-3">
          <div>
            <label htmlFor="o-period" className="block text-xs font-medium text-slate-600">Period (UTC)</label>
            <select id="o-period" name="period" defaultValue={period} className={`${inputClass} h-10`}>
              {![...recent.quarters, ...recent.months, ...recent.years].includes(period) ? (
                <option value={period}>{periodLabelSafe(period)}</option>
              ) : null}
              <optgroup label="Quarters">{recent.quarters.map((p) => <option key={p} value={p}>{periodLabel(p)}</option>)}</optgroup>
              <optgroup label="Months">{recent.months.map((p) => <option key={p} value={p}>{periodLabel(p)}</option>)}</optgroup>
              <optgroup label="Years">{recent.years.map((p) => <option key={p} value={p}>{periodLabel(p)}</option>)}</optgroup>
            </select>
          </div>
          <div>
            <label htmlFor="o-measure" className="block text-xs font-medium text-slate-600">Colour the heat map by</label>
            <select id="o-measure" name="measure" defaultValue={form.measure} className={`${inputClass} h-10`}>
              {heatMeasures.map((m) => <option key={m} value={m}>{heatMeasureLabel[m]}</option>)}
            </select>
          </div>
          {form.department ? <input type="hidden" name="department" value={form.department} /> : null}
          <Button type="submit" variant="secondary" className="h-10">Show</Button>
        </form>
        {problem ? <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{problem}</p> : null}
      </Card>

      {result ? (
        <>
          <section aria-labelledby="heat-title" className="mb-10">
            <div className="mb-2 flex flex-wrap items-end justify-between gap-3">
              <div>
                <h2 id="heat-title" className="text-lg font-semibold text-slate-900">Internal customers: {periodLabel(period)}</h2>
                <p className="text-sm text-slate-600">
                  Rows: the requesting department; columns: the department serving it. Each cell: requests filed, first-response (FR) and resolution SLA compliance
                  (met of met + breached, clocks decided in the period) and satisfaction. Select a cell for its months.
                </p>
              </div>
              <a className="text-sm font-semibold text-brand-700 hover:underline" href={`/insights/organisation/export${query({ table: "matrix" })}`}>Download CSV</a>
            </div>
            <Legend measure={form.measure} maxVolume={Math.max(0, ...[...result[0].cells.values()].map((c) => c.filed))} />
            <Card className="overflow-x-auto p-0">
              <HeatMap matrix={result[0]} measure={form.measure} period={period} />
            </Card>
            <p className="mt-2 text-xs text-slate-600">
              Requests and SLA as of {result[0].asOf ? when.format(result[0].asOf) : "—"} UTC; satisfaction published {result[0].satisfactionAsOf ? `${when.format(result[0].satisfactionAsOf)} UTC` : "once the period is over"}.
            </p>
          </section>

          <section aria-labelledby="morale-title" className="mb-10">
            <div className="mb-2 flex flex-wrap items-end justify-between gap-3">
              <div>
                <h2 id="morale-title" className="text-lg font-semibold text-slate-900">Morale indicators: {periodLabel(period)}</h2>
                <p className="text-sm text-slate-600">
                  Satisfaction received (as a provider) and given (by the department&apos;s people); open requests per agent now; breach rate of first-response and
                  resolution clocks decided in the period; share of agents&apos; replies and notes written outside the department&apos;s opening hours (its first calendar).
                </p>
              </div>
              <a className="text-sm font-semibold text-brand-700 hover:underline" href={`/insights/organisation/export${query({ table: "morale" })}`}>Download CSV</a>
            </div>
            <Card className="overflow-x-auto p-0">
              <table className="min-w-full text-sm" data-testid="morale">
                <caption className="sr-only">Morale indicators per department, {periodLabel(period)}</caption>
                <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
                  <tr>
                    <th scope="col" className="px-4 py-2">Department</th>
                    <th scope="col" className="px-4 py-2">Satisfaction received</th>
                    <th scope="col" className="px-4 py-2">Satisfaction given</th>
                    <th scope="col" className="px-4 py-2 text-right">Open per agent (now)</th>
                    <th scope="col" className="px-4 py-2 text-right">Breach rate</th>
                    <th scope="col" className="px-4 py-2 text-right">After hours</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {result[1].rows.map((r) => (
                    <tr key={r.id} data-department={r.key}>
                      <th scope="row" className="px-4 py-2 text-left font-medium">
                        <Link className="text-brand-700 hover:underline" href={`${query({ department: r.key })}#trend-title`}>{r.name}</Link>
                      </th>
                      <td className="px-4 py-2"><SatisfactionText value={r.received} /></td>
                      <td className="px-4 py-2"><SatisfactionText value={r.given} /></td>
                      <WorkloadCells workload={r.workload} agents={r.agents} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          </section>

          {trend ? (
            <section aria-labelledby="trend-title">
              <div className="mb-2 flex flex-wrap items-end justify-between gap-3">
                <div>
                  <h2 id="trend-title" className="text-lg font-semibold text-slate-900">{trend.department.name}: the last 12 months</h2>
                  <p className="text-sm text-slate-600">Open requests at each month&apos;s end (this month: now) per agent of today. Choose another department in the table above.</p>
                </div>
                <a className="text-sm font-semibold text-brand-700 hover:underline" href={`/insights/organisation/export${query({ table: "trend", department: trend.department.key })}`}>Download CSV</a>
              </div>
              <Card className="mb-4 overflow-x-auto p-0">
                <table className="min-w-full text-sm" data-testid="trend">
                  <caption className="sr-only">{trend.department.name} month by month</caption>
                  <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
                    <tr>
                      <th scope="col" className="px-4 py-2">Month</th>
                      <th scope="col" className="px-4 py-2">Received</th>
                      <th scope="col" className="px-4 py-2">Given</th>
                      <th scope="col" className="px-4 py-2 text-right">Open per agent</th>
                      <th scope="col" className="px-4 py-2 text-right">Breach rate</th>
                      <th scope="col" className="px-4 py-2 text-right">After hours</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {trend.months.map((m) => (
                      <tr key={m.month}>
                        <th scope="row" className="px-4 py-2 text-left font-medium whitespace-nowrap">{periodLabel(m.month)}{m.current ? " (so far)" : ""}</th>
                        <td className="px-4 py-2"><SatisfactionText value={m.received} /></td>
                        <td className="px-4 py-2"><SatisfactionText value={m.given} /></td>
                        <WorkloadCells workload={m.workload} />
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Card>
              <CommentThemes themes={trend.themes} period={period} />
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function periodLabelSafe(period: string): string {
  try {
    return periodLabel(period);
  } catch {
    return period;
  }
}

function Legend({ measure, maxVolume }: { measure: HeatMeasure; maxVolume: number }) {
  return (
    <div className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-xs text-slate-700" data-testid="legend">
      <span className="font-semibold">{heatMeasureLabel[measure]}:</span>
      {legendOf(measure, maxVolume).map((s) => (
        <span key={s.label} className="inline-flex items-center gap-1">
          <span aria-hidden className={cx("inline-block h-3 w-5 rounded-sm ring-1 ring-slate-300", s.className)} />
          {s.label}
        </span>
      ))}
      {measure === "csat" ? (
        <span className="inline-flex items-center gap-1">
          <span aria-hidden className={cx("inline-block h-3 w-5 rounded-sm ring-1 ring-slate-300", hatched)} />
          Not enough responses
        </span>
      ) : null}
      <span className="inline-flex items-center gap-1">
        <span aria-hidden className="inline-block h-3 w-5 rounded-sm bg-white ring-1 ring-slate-300" />
        {measure === "volume" ? "No requests" : measure === "csat" ? "No ratings" : "Nothing decided"}
      </span>
    </div>
  );
}

function measureValue(cell: MatrixCell, measure: HeatMeasure): number | null {
  if (measure === "volume") return cell.filed;
  if (measure === "compliance") return cell.resolution.percent;
  return cell.satisfaction.state === "shown" ? cell.satisfaction.percent : null;
}

function HeatMap({ matrix, measure, period }: { matrix: Awaited<ReturnType<typeof internalCustomerMatrix>>; measure: HeatMeasure; period: string }) {
  const maxVolume = Math.max(0, ...[...matrix.cells.values()].map((c) => c.filed));
  if (matrix.requesters.length === 0 || matrix.providers.length === 0) return <p className="p-6 text-sm text-slate-600">No requests filed and no ratings given in this period.</p>;
  return (
    <table className="min-w-full border-separate border-spacing-0 text-xs" data-testid="heat-map">
      <caption className="sr-only">
        Internal customer heat map, {periodLabel(period)}: rows are requesting departments, columns providing departments; cells coloured by {heatMeasureLabel[measure].toLowerCase()}
      </caption>
      <thead className="bg-slate-50 text-left text-slate-600">
        <tr>
          <th scope="col" className="sticky left-0 bg-slate-50 px-3 py-2 text-xs uppercase tracking-wide">Requester ↓ / provider →</th>
          {matrix.providers.map((d) => (
            <th key={d.id} scope="col" className="px-3 py-2 font-semibold whitespace-nowrap">{d.name}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.requesters.map((r) => (
          <tr key={r.id}>
            <th scope="row" className="sticky left-0 border-t border-slate-100 bg-white px-3 py-2 text-left font-semibold whitespace-nowrap">{r.name}</th>
            {matrix.providers.map((p) => {
              const cell = matrix.cells.get(cellKey(r.id, p.id))!;
              const suppressed = cell.satisfaction.state !== "shown";
              const background = measure === "csat" && suppressed ? hatched : stepOf(measure, measureValue(cell, measure), maxVolume);
              const empty = cell.filed === 0 && cell.firstResponse.total === 0 && cell.resolution.total === 0 && cell.satisfaction.state !== "shown";
              return (
                <td key={p.id} className={cx("border-t border-l border-slate-100 p-0 align-top", background ?? "bg-white")} data-cell={`${r.key}-${p.key}`}>
                  {empty ? (
                    <span className="block px-3 py-2 text-slate-500">No requests</span>
                  ) : (
                    <Link
                      href={`/insights/organisation/pair/${r.key}/${p.key}?period=${encodeURIComponent(period)}`}
                      className="block min-w-36 px-3 py-2 text-slate-900 hover:underline focus-visible:outline-offset-[-2px]"
                    >
                      <span className="sr-only">{r.name} to {p.name}: </span>
                      <span className="block text-sm font-semibold tabular-nums">{cell.filed} filed</span>
                      <span className="block">FR <ComplianceText c={cell.firstResponse} /></span>
                      <span className="block">Resolution <ComplianceText c={cell.resolution} /></span>
                      <span className="block">CSAT <SatisfactionText value={cell.satisfaction} compact /></span>
                    </Link>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
