import Link from "@/app/_components/link";
import { formatTime } from "@/lib/time/format-time";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { firstView } from "@/lib/reports/heat-map-cells";
import { internalCustomerMatrix, packMatrix } from "@/lib/reports/internal-customer-matrix";
import { knownIssueLoad, type KnownIssueLoadRow } from "@/lib/reports/known-issue-load";
import { moraleIndicators } from "@/lib/reports/morale-indicators";
import { moraleTrend } from "@/lib/reports/morale-trend";
import { currentQuarter } from "@/lib/reports/organisation-access";
import { periodLabel, recentPeriods } from "@/lib/satisfaction/figure-periods";
import { organisationSearchSchema } from "@/lib/validation/organisation";
import { organisationSettings } from "@/lib/satisfaction/organisation-settings";
import { AboutFigures } from "../../../_components/about-figures";
import { Button, Card, PageHeader, inputClass } from "../../../_components/ui";
import { HeatMap, type KnownIssueLayer } from "./heat-map";
import { CommentThemes } from "./morale-cells";
import { MoraleTable, TrendTable } from "./morale-table";

export const metadata = { title: "Organisation" };

type Search = Record<string, string | string[] | undefined>;


export default async function OrganisationPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  // Not HR or admin: as absent as a page that does not exist.
  if (!can(actor, "insights.organisation")) notFound();
  const when = (d: Date) => formatTime(d, { timeZone: actor.timeZone });
  const form = organisationSearchSchema.parse(await searchParams);
  // Independent of the period: read while the figures are.
  const settings = organisationSettings();
  settings.catch(() => {}); // awaited below; a page that fails first must not leave it unhandled
  const period = form.period ?? (await currentQuarter());
  // A bad period is the user's to fix: say so beside the form instead of failing the page.
  const { result, problem } = await Promise.all([internalCustomerMatrix({ actor, period }), moraleIndicators({ actor, period }), knownIssueLoad({ actor, period })]).then(
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

  const { thresholds, timeZone: organisationZone } = await settings;
  const recent = recentPeriods(new Date(), 12, organisationZone);
  const matrix = result && result[0].requesters.length > 0 && result[0].providers.length > 0 ? result[0] : null;
  const query = (extra: Record<string, string>) => `?${new URLSearchParams({ period, measure: form.measure, ...extra })}`;

  return (
    <>
      <PageHeader
        title="Organisation"
        subtitle="How departments serve each other as internal customers, and how their people are doing. Aggregates only: satisfaction from fewer raters than the anonymity threshold is never shown."
        actions={
          <span className="flex flex-wrap gap-4 text-sm font-semibold">
            <Link className="text-brand-700 hover:underline" href={`/insights/organisation/experience?${new URLSearchParams({ period })}`}>Experience and watermelons</Link>
            {can(actor, "anonymity.configure") ? <Link className="text-brand-700 hover:underline" href="/insights/organisation/anonymity">Anonymity thresholds</Link> : null}
          </span>
        }
      />
      <AboutFigures thresholds={thresholds} audience="hr" />
      <Card className="mb-6">
        <form id="o-form" method="get" className="flex flex-wrap items-end gap-3">
          <div className="min-w-48">
            <label htmlFor="o-period" className="block text-xs font-medium text-slate-600">Period ({organisationZone})</label>
            <select id="o-period" name="period" defaultValue={period} className={`${inputClass} h-10`}>
              {![...recent.quarters, ...recent.months, ...recent.years].includes(period) ? (
                <option value={period}>{periodLabelSafe(period)}</option>
              ) : null}
              <optgroup label="Quarters">{recent.quarters.map((p) => <option key={p} value={p}>{periodLabel(p)}</option>)}</optgroup>
              <optgroup label="Months">{recent.months.map((p) => <option key={p} value={p}>{periodLabel(p)}</option>)}</optgroup>
              <optgroup label="Years">{recent.years.map((p) => <option key={p} value={p}>{periodLabel(p)}</option>)}</optgroup>
            </select>
          </div>
          {form.department ? <input type="hidden" name="department" value={form.department} /> : null}
          {/* The heat map's measure switch belongs to this form too; without the map, keep the measure. */}
          {matrix ? null : <input type="hidden" name="measure" value={form.measure} />}
          <Button type="submit" variant="secondary" className="h-10">Show</Button>
        </form>
        {problem ? <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{problem}</p> : null}
      </Card>

      {result ? (
        <>
          <section aria-labelledby="heat-title" className="mb-10">
            <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
              <h2 id="heat-title" className="text-lg font-semibold text-slate-900">Internal customers: {periodLabel(period)}</h2>
              <a className="text-sm font-semibold text-brand-700 hover:underline" href={`/insights/organisation/export${query({ table: "matrix" })}`}>Download CSV</a>
            </div>
            {matrix ? (
              <HeatMap
                first={firstView(packMatrix(matrix), form.measure)}
                source={`/insights/organisation/heat?${new URLSearchParams({ period })}`}
                period={period} periodLabel={periodLabel(period)} formId="o-form" knownIssues={knownIssueLayer(result[2].rows)} />
            ) : (
              <Card><p className="text-sm text-slate-600">No requests filed and no ratings given in this period.</p></Card>
            )}
            <p className="mt-2 text-xs text-slate-600">
              SLA compliance: met of met + breached, clocks decided in the period. Satisfaction: ratings of 4 or 5 of all ratings, shown only where enough people rated.
              Periods are calendar months, quarters and years of the organisation&apos;s time zone ({organisationZone}). Requests and SLA as of {result[0].asOf ? when(result[0].asOf) : "—"}; satisfaction published{" "}
              {result[0].satisfactionAsOf ? when(result[0].satisfactionAsOf) : "once the period is over"}.
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
              <MoraleTable rows={result[1].rows.map(({ id: _, ...row }) => row)} periodLabel={periodLabel(period)} departmentHref={query({})} />
            </Card>
          </section>

          <KnownIssueLoad rows={result[2].rows} periodLabel={periodLabel(period)} />

          {trend ? (
            <section aria-labelledby="trend-title">
              <div className="mb-2 flex flex-wrap items-end justify-between gap-3">
                <div>
                  <h2 id="trend-title" className="text-lg font-semibold text-slate-900">{trend.department.name}: the last 12 months</h2>
                  <p className="text-sm text-slate-600">Open requests at each month&apos;s end (this month: now) per agent of today. Choose another department in the table above.</p>
                </div>
                <a className="text-sm font-semibold text-brand-700 hover:underline" href={`/insights/organisation/export${query({ table: "trend", department: trend.department.key })}`}>Download CSV</a>
              </div>
              {/* Focusable: on a phone the table scrolls sideways, and a keyboard must be able to scroll it. */}
              <Card className="mb-4 overflow-x-auto p-0" tabIndex={0} aria-label={`${trend.department.name} month by month`}>
                <TrendTable months={trend.months} departmentName={trend.department.name} />
              </Card>
              <CommentThemes themes={trend.themes} period={period} />
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}

/** The heat map's known-issue layer: providers with a known issue in force in the period, by key. */
const knownIssueLayer = (rows: KnownIssueLoadRow[]): KnownIssueLayer =>
  Object.fromEntries(rows.filter((r) => r.issues > 0).map((r) => [r.key, { issues: r.issues, hours: r.issueHours }]));

/** Known-issue load per providing department: how often and how long something was broken, and whom it reached. */
function KnownIssueLoad({ rows, periodLabel: label }: { rows: KnownIssueLoadRow[]; periodLabel: string }) {
  const loaded = rows.filter((r) => r.issues > 0 || r.linkedToProblems > 0);
  return (
    <section aria-labelledby="known-issues-title" className="mb-10">
      <h2 id="known-issues-title" className="text-lg font-semibold text-slate-900">Known-issue load: {label}</h2>
      <p className="mb-2 text-sm text-slate-600">
        Per providing department: known issues in force in the period (announced in it), the hours they were in force added up, the people who followed one instead of filing, and the period&apos;s requests linked to a problem.
      </p>
      {loaded.length === 0 ? (
        <Card><p className="text-sm text-slate-600">No known issue and no problem in this period.</p></Card>
      ) : (
        <Card className="overflow-x-auto p-0" tabIndex={0} role="region" aria-label={`Known-issue load, ${label} (scrolls sideways)`}>
          <table className="min-w-full text-sm [&_td]:px-4 [&_td]:py-2 [&_th]:px-4 [&_th]:py-2 [&_.n]:text-right [&_.n]:tabular-nums" data-testid="known-issue-load">
            <caption className="sr-only">Known-issue load per department, {label}</caption>
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col">Department</th>
                <th scope="col" className="n">Known issues</th>
                <th scope="col" className="n">Announced</th>
                <th scope="col" className="n">Hours in force</th>
                <th scope="col" className="n">People following</th>
                <th scope="col" className="n">Requests on problems</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {loaded.map((r) => (
                <tr key={r.key}>
                  <th scope="row" className="whitespace-nowrap text-left font-medium">{r.name}</th>
                  <td className="n">{r.issues}</td>
                  <td className="n">{r.announced}</td>
                  <td className="n">{r.issueHours.toLocaleString("en")}</td>
                  <td className="n">{r.followers}</td>
                  <td className="n">{r.linkedToProblems}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </section>
  );
}

function periodLabelSafe(period: string): string {
  try {
    return periodLabel(period);
  } catch {
    return period;
  }
}
