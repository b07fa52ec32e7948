import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { hoursLostTable, organisationPairTable, organisationProviderTable, organisationTypeTable } from "@/lib/experience/experience-table";
import { trendPoints } from "@/lib/experience/experience-trend";
import { organisationExperience } from "@/lib/experience/organisation-experience";
import { timeLostByType } from "@/lib/experience/time-lost-by-type";
import { currentQuarter } from "@/lib/reports/organisation-access";
import { db } from "@/lib/db/client";
import { periodLabel, recentPeriods } from "@/lib/satisfaction/figure-periods";
import { readOrganisationTimeZone } from "@/lib/satisfaction/read-organisation-time-zone";
import { formatTime } from "@/lib/time/format-time";
import { organisationSearchSchema } from "@/lib/validation/organisation";
import { Button, Card, PageHeader, inputClass } from "../../../../_components/ui";
import { DataTable } from "../../[department]/data-table";
import { TrendFigures } from "../../[department]/experience/trend-figure";

export const metadata = { title: "Organisation: experience" };

/**
 * HR's experience view: every department's and department pair's service levels beside what their
 * internal customers experienced, as the satisfaction release published it, with hours lost month by
 * month. The page only lays out organisationExperience's rows.
 */
export default async function OrganisationExperiencePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "insights.organisation")) notFound();
  const form = organisationSearchSchema.parse(await searchParams);
  const now = new Date();
  const period = form.period ?? (await currentQuarter(now));
  const loaded = await Promise.all([organisationExperience({ actor, period, now }), timeLostByType({ actor, period, now })]).then(
    ([value, types]) => ({ value, types, problem: null }),
    (e: unknown) => {
      if (e instanceof AppError && e.code === "INVALID_INPUT") return { value: null, types: null, problem: e.userMessage };
      throw e;
    },
  );
  const organisationZone = await readOrganisationTimeZone(db());
  const recent = recentPeriods(now, 12, organisationZone);
  const exportHref = (table: string) => `/insights/organisation/experience/export?${new URLSearchParams({ period, table })}`;
  const result = loaded.value;
  return (
    <>
      <PageHeader
        title="Organisation: experience"
        subtitle="Service levels beside what internal customers experienced, per department and per department pair: satisfaction against each department's goal, time lost, complaints followed up and what mattered."
        actions={<Link className="text-sm font-semibold text-brand-700 hover:underline" href={`/insights/organisation?${new URLSearchParams({ period })}`}>Back to the organisation</Link>}
      />
      <Card className="mb-6">
        <form method="get" className="flex flex-wrap items-end gap-3">
          <div className="min-w-48">
            <label htmlFor="x-period" className="block text-xs font-medium text-slate-600">Period ({organisationZone})</label>
            <select id="x-period" name="period" defaultValue={period} className={`${inputClass} h-10`}>
              {![...recent.quarters, ...recent.months, ...recent.years].includes(period) ? <option value={period}>{period}</option> : null}
              <optgroup label="Quarters">{recent.quarters.map((p) => <option key={p} value={p}>{periodLabel(p)}</option>)}</optgroup>
              <optgroup label="Months">{recent.months.map((p) => <option key={p} value={p}>{periodLabel(p)}</option>)}</optgroup>
              <optgroup label="Years">{recent.years.map((p) => <option key={p} value={p}>{periodLabel(p)}</option>)}</optgroup>
            </select>
          </div>
          <Button type="submit" variant="secondary" className="h-10">Show</Button>
        </form>
        {loaded.problem ? <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{loaded.problem}</p> : null}
      </Card>
      {result ? (
        <>
          <div className="mb-6 max-w-3xl space-y-2 text-sm text-slate-600">
            <p>
              SLA compliance counts first-response and resolution clocks decided in the period (met / (met + breached)). Satisfaction is the share of ratings of 4 or 5,
              published once per closed month with the anonymity rules (no figure from fewer than {result.minRaters} raters, nor one that would single a smaller group
              out); time lost, complaints, follow-ups and reasons come only with a shown figure, and the goal is the one the department had when the month was published.
            </p>
            <p>
              <strong>Watermelon</strong>: SLAs met (at the department&apos;s SLA goal or more) but satisfaction below its goal. <strong>Hidden gem</strong>: SLAs missed,
              satisfaction at goal. Time lost adds up the requesters&apos; answers (under 1 h = 0.5 h, 1–4 h = 2.5 h, a day = 8 h, more = 16 h).
            </p>
            <p>
              Requests and SLA as of {result.asOf ? formatTime(result.asOf, { timeZone: actor.timeZone }) : "—"}; satisfaction published{" "}
              {result.satisfactionAsOf ? formatTime(result.satisfactionAsOf, { timeZone: actor.timeZone }) : "once the period is over"}.
            </p>
          </div>
          <Section id="x-departments" title={`Departments: ${periodLabel(period)}`} href={exportHref("departments")}>
            <DataTable table={organisationProviderTable(result)} scrollable />
          </Section>
          <Section id="x-pairs" title={`Department pairs: ${periodLabel(period)}`} href={exportHref("pairs")}>
            <DataTable table={organisationPairTable(result)} scrollable />
          </Section>
          <section aria-labelledby="x-trend" className="mb-10">
            <h2 id="x-trend" className="text-lg font-semibold text-slate-900">Whole organisation, month by month</h2>
            <p className="mb-3 text-sm text-slate-600">The twelve months up to the period&apos;s end, published months only; a month with too few responses is a gap, never joined across.</p>
            <TrendFigures
              id="organisation-trend"
              who="whole organisation"
              points={trendPoints(result.trend.months.map((m, i) => ({ key: m, label: periodLabel(m), sla: result.trend.sla[i]!, figure: result.trend.rows[0]!.values[i]! })))}
            />
          </section>
          <Section id="x-hours" title="Hours lost month by month" href={exportHref("hours")}>
            <p className="text-sm text-slate-600">Hours of internal customers&apos; time lost, by the department that served them, over the twelve months up to the period&apos;s end.</p>
            <DataTable table={hoursLostTable(result)} scrollable />
          </Section>
          {loaded.types ? (
            <Section id="x-types" title={`Hours lost per request type: ${periodLabel(period)}`} href={exportHref("types")}>
              <p className="text-sm text-slate-600">
                The same published hours, per request type of each department served. A type is listed once its figure for the period is shown: one with too few raters looks like one nobody rated.
              </p>
              <DataTable table={organisationTypeTable(loaded.types)} scrollable />
            </Section>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function Section({ id, title, href, children }: { id: string; title: string; href: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-10" data-testid={id}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id={id} className="text-lg font-semibold text-slate-900">{title}</h2>
        <a className="text-sm font-semibold text-brand-700 hover:underline" href={href} download>
          Download CSV<span className="sr-only"> of {title.toLowerCase()}</span>
        </a>
      </div>
      {children}
    </section>
  );
}
