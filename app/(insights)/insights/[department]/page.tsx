import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { formatTime } from "@/lib/time/format-time";
import { AppError } from "@/lib/errors";
import { agentPerformance } from "@/lib/reports/agent-performance";
import { backlogByAge } from "@/lib/reports/backlog-by-age";
import { complianceTrend, NEAR_BREACH_SHARE } from "@/lib/reports/compliance-trend";
import { currentQuarter } from "@/lib/reports/dashboard-period";
import { agentsTable, backlogTable, complianceTable, satisfactionTable, volumeTable } from "@/lib/reports/dashboard-tables";
import { insightsDepartment } from "@/lib/reports/insights-department";
import { requestVolume } from "@/lib/reports/request-volume";
import { satisfactionTrend } from "@/lib/reports/satisfaction-trend";
import { metricLabel, slaMetrics } from "@/lib/reports/sla-compliance";
import { periodLabel, recentPeriods } from "@/lib/satisfaction/figure-periods";
import type { DashboardTable } from "@/lib/validation/dashboard";
import { priorities, priorityLabel } from "@/lib/validation/requests";
import { Button, Card, PageHeader, inputClass } from "../../../_components/ui";
import type { Series } from "./dashboard-charts";
import { CountBars, PercentLines } from "./lazy-charts";
import { DataTable, SatisfactionFigure } from "./data-table";
import { AboutFigures } from "../../../_components/about-figures";
import { anonymityThresholds } from "@/lib/satisfaction/anonymity-settings";

export const metadata = { title: "Department dashboard" };

type Search = Record<string, string | string[] | undefined>;

const metricColor = { FIRST_RESPONSE: "#2563eb", RESOLUTION: "#059669", NEXT_REPLY: "#9333ea" } as const;
const priorityColor = { LOW: "#94a3b8", NORMAL: "#3b82f6", HIGH: "#f97316", URGENT: "#dc2626" } as const;

export default async function DepartmentDashboardPage({ params, searchParams }: { params: Promise<{ department: string }>; searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const { department: key } = await params;
  // A dashboard of a department you do not head is as absent as one of a department that does not exist.
  const department = await insightsDepartment({ actor, departmentKey: key }).catch((e) => {
    if (e instanceof AppError) notFound();
    throw e;
  });
  const search = await searchParams;
  const now = new Date();
  const requested = typeof search.period === "string" && search.period !== "" ? search.period : undefined;
  const options = { actor, departmentKey: department.key, period: requested, now };
  // A bad period is the user's to fix: say so beside the picker instead of failing the page.
  const thresholdsRead = anonymityThresholds();
  thresholdsRead.catch(() => {}); // awaited below, after the figures read beside it
  const loaded = await Promise.all([complianceTrend(options), backlogByAge(options), requestVolume(options), satisfactionTrend(options), agentPerformance(options)]).then(
    (value) => ({ value, problem: null }),
    (e: unknown) => {
      if (e instanceof AppError && e.code === "INVALID_INPUT") return { value: null, problem: e.userMessage };
      throw e;
    },
  );

  const thresholds = await thresholdsRead;
  const recent = recentPeriods(now, 24, department.timeZone);
  const selected = loaded.value?.[0].period.key ?? requested ?? currentQuarter(now, department.timeZone);
  // An older period reached by its URL stays selectable.
  const extra = loaded.value && ![...recent.quarters, ...recent.months, ...recent.years].includes(selected) ? selected : null;
  const base = `/insights/${department.key}`;
  const csv = (table: DashboardTable) => `${base}/export?${new URLSearchParams({ table, period: selected })}`;

  return (
    <>
      <PageHeader
        title={`${department.name}: dashboard`}
        subtitle={`Service levels, backlog, volume and satisfaction of your department. Periods are calendar months, quarters and years of its time zone (${department.timeZone}).`}
        actions={
          <div className="flex flex-wrap gap-3">
            <Link className="text-sm font-semibold text-brand-700 hover:underline" href={`${base}/experience`}>
              Experience, complaints, at risk
            </Link>
            <Link className="text-sm font-semibold text-brand-700 hover:underline" href={`${base}/sla`}>
              SLA report and pause log
            </Link>
            <Link className="text-sm font-semibold text-brand-700 hover:underline" href={`${base}/knowledge`}>
              Knowledge and problems
            </Link>
          </div>
        }
      />
      <AboutFigures thresholds={thresholds} audience="head" />
      <Card className="mb-6">
        <form method="get" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="d-period" className="block text-xs font-medium text-slate-600">Period</label>
            <select id="d-period" name="period" defaultValue={selected} className={`${inputClass} h-10 min-w-56`} aria-describedby={loaded.problem ? "d-period-error" : undefined}>
              <optgroup label="Quarters">{recent.quarters.map((q) => <option key={q} value={q}>{periodLabel(q)}</option>)}</optgroup>
              <optgroup label="Months">{recent.months.map((m) => <option key={m} value={m}>{periodLabel(m)}</option>)}</optgroup>
              <optgroup label="Years">{recent.years.map((y) => <option key={y} value={y}>{periodLabel(y)}</option>)}</optgroup>
              {extra ? <option value={extra}>{periodLabel(extra)}</option> : null}
            </select>
          </div>
          <Button type="submit" variant="secondary" className="h-10">Show</Button>
        </form>
        {loaded.problem ? <p id="d-period-error" role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{loaded.problem}</p> : null}
      </Card>

      {loaded.value ? <Dashboard data={loaded.value} csv={csv} timeZone={actor.timeZone} /> : null}
    </>
  );
}

type Loaded = [
  Awaited<ReturnType<typeof complianceTrend>>,
  Awaited<ReturnType<typeof backlogByAge>>,
  Awaited<ReturnType<typeof requestVolume>>,
  Awaited<ReturnType<typeof satisfactionTrend>>,
  Awaited<ReturnType<typeof agentPerformance>>,
];

function Section({ id, title, description, csv, children }: { id: string; title: string; description: React.ReactNode; csv: string; children: React.ReactNode }) {
  return (
    <Card className="mb-6" aria-labelledby={`${id}-title`} data-testid={id}>
      <div className="mb-3 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={`${id}-title`} className="text-lg font-semibold text-slate-900">{title}</h2>
          <div className="mt-1 max-w-3xl text-sm text-slate-600">{description}</div>
        </div>
        <a className="text-sm font-semibold text-brand-700 hover:underline" href={csv} download>
          Download CSV<span className="sr-only"> of {title.toLowerCase()}</span>
        </a>
      </div>
      {children}
    </Card>
  );
}

function Dashboard({ data, csv, timeZone }: { data: Loaded; csv: (table: DashboardTable) => string; timeZone: string }) {
  const [trend, backlog, volume, satisfaction, agents] = data;
  const perWeek = trend.period.grain === "month";
  const series: Series[] = slaMetrics.map((m) => ({ key: m, label: metricLabel[m], color: metricColor[m] }));
  const percentRows = trend.points.map((p) => ({ label: p.label, ...Object.fromEntries(slaMetrics.map((m) => [m, p.byMetric[m].percent])) }));
  const pressureRows = trend.points.map((p) => ({
    label: p.label,
    breached: slaMetrics.reduce((n, m) => n + p.byMetric[m].breached, 0),
    nearBreach: slaMetrics.reduce((n, m) => n + p.byMetric[m].nearBreach, 0),
  }));
  const csatRows = satisfaction.points.map((p) => ({ label: p.label, csat: p.value.state === "shown" ? p.value.percent : null }));

  return (
    <>
      <p className="mb-4 text-sm text-slate-600">
        {trend.period.label}: {formatTime(trend.period.from, { timeZone: "UTC", style: "date" })} to {formatTime(new Date(trend.period.to.getTime() - 1), { timeZone: "UTC", style: "date" })}, days of {trend.department.name}&rsquo;s time zone ({trend.period.timeZone}). Satisfaction is published per calendar month of the organisation&rsquo;s time zone ({satisfaction.timeZone}).
      </p>

      <Section
        id="compliance"
        title="SLA compliance"
        csv={csv("compliance")}
        description={
          <>
            <p>
              Met / (met + breached) per metric and {perWeek ? "week" : "month"}; each clock counts once, in the {perWeek ? "week" : "month"} its outcome was decided (its breach, else its
              stop), and a request&apos;s resolution with its last cycle. The counts are in the table.
            </p>
            <p className="mt-1">
              <strong className="font-semibold text-slate-800">Near-breach</strong>: a clock that met its target after using at least {NEAR_BREACH_SHARE * 100} % of it, read from the clock&apos;s
              elapsed business minutes when it stopped (the point where the {NEAR_BREACH_SHARE * 100} % warning is due), not from warnings sent.
            </p>
          </>
        }
      >
        <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
          <PercentLines label={`Compliance % per metric and ${perWeek ? "week" : "month"}`} rows={percentRows} series={series} />
          <CountBars
            label={`Breaches and near-breaches per ${perWeek ? "week" : "month"}, all metrics`}
            rows={pressureRows}
            series={[
              { key: "breached", label: "Breached", color: "#dc2626" },
              { key: "nearBreach", label: "Near-breach", color: "#f59e0b" },
            ]}
          />
        </div>
        <DataTable table={complianceTable(trend)} percentColumns={[5]} />
      </Section>

      <Section id="backlog" title="Open requests by age" csv={csv("backlog")} description={<p>Requests new, open or waiting on the requester now, by time since they were filed, per priority. Not bound to the period.</p>}>
        <CountBars
          label="Open requests by age and priority"
          rows={backlog.rows.map((r) => ({ label: r.label, ...r.byPriority }))}
          series={priorities.map((p) => ({ key: p, label: priorityLabel[p], color: priorityColor[p] }))}
          stacked
        />
        <DataTable table={backlogTable(backlog)} />
      </Section>

      <div className="grid gap-6 xl:grid-cols-2 [&>*]:min-w-0">
        <Section id="volume-type" title="Requests by type" csv={csv("volume-type")} description={<p>Filed in the period, and resolved in the period (a request reopened since is not counted as resolved).</p>}>
          <CountBars label="Requests filed and resolved per request type" rows={volume.byType.slice(0, 12).map((r) => ({ label: r.label, created: r.created, resolved: r.resolved }))} series={volumeSeries} horizontal />
          <DataTable table={volumeTable(volume, "type")} />
        </Section>
        <Section id="volume-department" title="Requests by requesting department" csv={csv("volume-department")} description={<p>The requester&apos;s department when the request was filed.</p>}>
          <CountBars
            label="Requests filed and resolved per requesting department"
            rows={volume.byRequesterDepartment.slice(0, 12).map((r) => ({ label: r.label, created: r.created, resolved: r.resolved }))}
            series={volumeSeries}
            horizontal
          />
          <DataTable table={volumeTable(volume, "department")} />
        </Section>
      </div>

      <Section
        id="satisfaction"
        title="Satisfaction (CSAT)"
        csv={csv("satisfaction")}
        description={
          <p>
            Ratings of 4 or 5 out of all ratings given to {trend.department.name} per calendar month of the organisation&rsquo;s time zone ({satisfaction.timeZone}). Each month&rsquo;s figures are published once, shortly after the month ends (a quarter&rsquo;s and a
            year&rsquo;s with their last month), and never change; the month under way shows none. A figure is shown only when at least {satisfaction.minRaters} different people rated and
            nothing published before or beside it would single anyone out; otherwise &ldquo;Not enough responses&rdquo;, without counts, which is also what a month nobody rated shows.
            {satisfaction.asOf ? ` Last published ${formatTime(satisfaction.asOf, { timeZone })}.` : ""}
          </p>
        }
      >
        <div className="mb-4" data-testid="csat">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-600">All of {satisfaction.periodLabel}</p>
          <SatisfactionFigure value={satisfaction.total} />
        </div>
        {satisfaction.points.length > 1 && satisfaction.points.some((p) => p.value.state === "shown") ? (
          <PercentLines label="CSAT % per month (months without a shown figure are gaps)" rows={csatRows} series={[{ key: "csat", label: "CSAT %", color: "#059669" }]} />
        ) : null}
        <DataTable table={satisfactionTable(satisfaction)} percentColumns={[1]} />
      </Section>

      <Section
        id="agents"
        title="Agents"
        csv={csv("agents")}
        description={
          <p>
            Per agent of {trend.department.name}: requests assigned to them in the period, requests resolved in the period while assigned to them and how their resolution clocks did, CSAT of
            the requests they had when rated (same anonymity rules), and open requests assigned to them now.
          </p>
        }
      >
        <DataTable table={agentsTable(agents)} percentColumns={[5, 6]} />
      </Section>
    </>
  );
}

const volumeSeries: Series[] = [
  { key: "created", label: "Filed", color: "#2563eb" },
  { key: "resolved", label: "Resolved", color: "#059669" },
];
