import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { atRiskLabel, atRiskRequests } from "@/lib/experience/at-risk";
import { departmentExperience } from "@/lib/experience/department-experience";
import { departmentTypeTable, experienceTable } from "@/lib/experience/experience-table";
import { trendPoints } from "@/lib/experience/experience-trend";
import { timeLostByType } from "@/lib/experience/time-lost-by-type";
import { reasonsOf } from "@/lib/experience/reasons";
import { currentQuarter } from "@/lib/reports/dashboard-period";
import { periodLabel, recentPeriods } from "@/lib/satisfaction/figure-periods";
import { formatWhen } from "@/lib/time/format-time";
import { Button, Card, PageHeader, inputClass } from "../../../../_components/ui";
import { DataTable } from "../data-table";
import { TrendFigures } from "./trend-figure";

export const metadata = { title: "Experience" };

export default async function ExperiencePage({ params, searchParams }: { params: Promise<{ department: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const { department: key } = await params;
  const search = await searchParams;
  const now = new Date();
  const requested = typeof search.period === "string" && search.period !== "" ? search.period : undefined;
  const loaded = await Promise.all([departmentExperience({ actor, departmentKey: key, period: requested, now }), atRiskRequests({ actor, departmentKey: key, now })]).then(
    (value) => ({ value, problem: null }),
    (e: unknown) => {
      if (e instanceof AppError && e.code === "INVALID_INPUT") return { value: null, problem: e.userMessage };
      if (e instanceof AppError) notFound();
      throw e;
    },
  );
  if (!loaded.value) {
    return <Card><p role="alert" className="text-sm text-red-800">{loaded.problem}</p><Link className="text-brand-700 underline" href={`/insights/${key}/experience`}>Back to the current quarter</Link></Card>;
  }
  const [experience, atRisk] = loaded.value;
  const department = experience.department;
  const byType = await timeLostByType({ actor, period: experience.period.key, departmentId: department.id, now });
  const reasons = reasonsOf((await db().department.findUnique({ where: { id: department.id }, select: { ratingReasons: true } }))?.ratingReasons);
  const recent = recentPeriods(now, 24, department.timeZone);
  const selected = experience.period.key ?? currentQuarter(now, department.timeZone);
  const table = experienceTable(experience.rows, reasons);
  // The months of the period (a month alone when one is chosen); the period's own total is the table's.
  const points = trendPoints(experience.rows.length > 1 ? experience.rows.slice(0, -1) : experience.rows);
  return (
    <>
      <PageHeader
        title={`${department.name}: experience`}
        subtitle="Service levels beside what internal customers experienced, complaints followed up, and open requests at risk."
        actions={
          <span className="flex gap-4 text-sm font-semibold">
            <Link className="text-brand-700 hover:underline" href={`/insights/${department.key}`}>Dashboard</Link>
            <Link className="text-brand-700 hover:underline" href={`/insights/${department.key}/complaints`}>Complaints to follow up</Link>
          </span>
        }
      />
      <Card className="mb-6">
        <form method="get" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="e-period" className="block text-xs font-medium text-slate-600">Period</label>
            <select id="e-period" name="period" defaultValue={selected} className={`${inputClass} h-10 min-w-56`}>
              <optgroup label="Quarters">{recent.quarters.map((q) => <option key={q} value={q}>{periodLabel(q)}</option>)}</optgroup>
              <optgroup label="Years">{recent.years.map((y) => <option key={y} value={y}>{periodLabel(y)}</option>)}</optgroup>
              <optgroup label="Months">{recent.months.map((m) => <option key={m} value={m}>{periodLabel(m)}</option>)}</optgroup>
            </select>
          </div>
          <Button type="submit" variant="secondary" className="h-10">Show</Button>
        </form>
      </Card>
      <Card className="mb-6" data-testid="experience">
        <div className="mb-3 flex flex-wrap items-start justify-between gap-3">
          <div className="max-w-3xl text-sm text-slate-600">
            <h2 className="text-lg font-semibold text-slate-900">Service levels beside experience</h2>
            <p className="mt-1">
              SLA compliance over every metric (met / (met + breached)); the share of ratings of 4 or 5 against your goal, published once per closed month with the same anonymity rules
              as CSAT (time lost, complaints and reasons come only with a shown figure). <strong>Watermelon</strong>: SLAs met (your SLA goal, {experience.slaGoal} % compliance, or more) but experience below goal.{" "}
              <strong>Hidden gem</strong>: SLAs missed, experience at goal. Time lost adds up the requesters&apos; answers (under 1 h = 0.5 h, 1–4 h = 2.5 h, a day = 8 h, more = 16 h).
              Follow-ups count as they stood when the month was published.
            </p>
          </div>
          <a className="text-sm font-semibold text-brand-700 hover:underline" href={`/insights/${department.key}/experience/export?${new URLSearchParams({ period: selected })}`} download>
            Download CSV<span className="sr-only"> of service levels beside experience</span>
          </a>
        </div>
        <DataTable table={table} scrollable />
      </Card>
      <Card className="mb-6">
        <h2 className="text-lg font-semibold">Trend, month by month</h2>
        <p className="mb-3 max-w-3xl text-sm text-slate-600">
          Published months of {experience.period.label} only: the open month has no figures yet, and a month with too few responses is a gap, never joined across.
        </p>
        <TrendFigures id="experience-trend" who={department.name} points={points} />
      </Card>
      <Card className="mb-6" data-testid="time-lost-by-type">
        <h2 className="text-lg font-semibold">Hours lost per request type</h2>
        <p className="mb-1 max-w-3xl text-sm text-slate-600">
          Internal customers&apos; working time lost, per request type, month by month: published with the same anonymity rules, so a type appears once one of its figures is shown.
        </p>
        <DataTable table={departmentTypeTable(byType)} scrollable />
      </Card>
      <Card data-testid="at-risk">
        <h2 className="text-lg font-semibold">At risk now</h2>
        <p className="mb-3 text-sm text-slate-600">Open requests that were reopened, went to several departments, are past an SLA target or have been open for long: act before anyone rates.</p>
        {atRisk.requests.length === 0 ? <p className="text-sm">None.</p> : (
          <ul className="divide-y divide-slate-100 text-sm">
            {atRisk.requests.map((r) => (
              <li key={r.id} className="flex flex-wrap items-baseline gap-x-3 py-2">
                <Link className="font-semibold text-brand-700 underline" href={`/requests/${r.reference}`}>{r.reference}</Link>
                <span className="min-w-0 flex-1">{r.title}</span>
                <span className="text-slate-600">filed {formatWhen(r.createdAt, actor.timeZone)}</span>
                <span className="flex flex-wrap gap-1">{r.reasons.map((reason) => <span key={reason} className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">{atRiskLabel[reason]}</span>)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
