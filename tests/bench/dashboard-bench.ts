// Server time of the head dashboard (/insights/[department]) on the large organisation of
// `npm run bench:generate`:
//   npm run bench:dashboard
// Each dashboard query is timed as the page runs it (the lib/ use case, as the busiest department's
// head), for the current quarter, a month and a year, beside the raw SQL it needs (pg, no Prisma) as
// the baseline ratio; then the whole page: the person's load and every query, in parallel as the page
// awaits them. Prints p50 and p95 in milliseconds.
//
// Compliance, volume and agents read the daily roll-up (lib/reports/dashboard-days.ts) for the days
// the dashboard-rollup job has computed and the same SQL live for the rest (today): their raw SQL
// baseline is that read through pg. The bench writes nothing but the roll-up's own tables (the
// database needs the dashboard_rollup migration: `DATABASE_URL=<bench> npm run db:migrate`):
//   BENCH_BACKFILL=1  runs the job until every day up to yesterday is stored, timing each run (once
//                     per bench database: later runs find nothing missing);
// and every run times one incremental run of the job and the recomputation of yesterday and of the
// last whole month (each one transaction, as the job writes them).
import { performance } from "node:perf_hooks";
import pg from "pg";
import { percentile, timeRuns } from "./timing";

const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/desk_bench";
process.env.DATABASE_URL = url;
process.env.DESK_EMBEDDED = "false";
process.env.LOG_LEVEL ??= "warn";
const RUNS = Number(process.env.BENCH_RUNS ?? 100);

const { db } = await import("@/lib/db/client");
const { loadActor } = await import("@/lib/org/load-actor");
const { complianceTrend } = await import("@/lib/reports/compliance-trend");
const { backlogByAge } = await import("@/lib/reports/backlog-by-age");
const { requestVolume } = await import("@/lib/reports/request-volume");
const { agentPerformance } = await import("@/lib/reports/agent-performance");
const { satisfactionTrend } = await import("@/lib/reports/satisfaction-trend");
const { dashboardPeriod, currentQuarter } = await import("@/lib/reports/dashboard-period");
const { monthOf, periodsOfMonth } = await import("@/lib/satisfaction/figure-periods");
const { agentDays, complianceDays, dashboardRows, liveRanges, storedUntil, volumeDays, dayKey } = await import("@/lib/reports/dashboard-days");
const { computeDashboardDays, refreshDashboardRollup } = await import("@/lib/reports/dashboard-rollup");
const { Prisma } = await import("@/lib/generated/prisma/client");
type DayRange = import("@/lib/reports/dashboard-days").DayRange;
type Sql = import("@/lib/generated/prisma/client").Prisma.Sql;
type Actor = import("@/lib/auth/permissions").Actor;

// The baseline's connections run as the desk's do (lib/db/create-client.ts): JIT off.
const raw = new pg.Pool({ connectionString: url, max: 6, options: "-c jit=off" });

const { rows: [busy] } = await raw.query<{ id: string; key: string; timeZone: string }>(
  `SELECT d.id, d.key, d."timeZone" FROM "Request" r JOIN "Department" d ON d.id = r."departmentId" GROUP BY d.id, d.key ORDER BY count(*) DESC LIMIT 1`,
);
if (!busy) throw new Error(`no requests in ${url}: run npm run bench:generate first`);
const { rows: [headRow] } = await raw.query<{ personId: string }>(`SELECT "personId" FROM "RoleGrant" WHERE role = 'HEAD' AND "departmentId" = $1 LIMIT 1`, [busy.id]);
if (!headRow) throw new Error(`${busy.key} has no head`);
const headId = headRow.personId;
const head = (await loadActor(db(), headId)) as Actor;
// The satisfaction roll-up table arrives with a newer migration than a bench database may have.
const { rows: [rollup] } = await raw.query<{ t: string | null }>(`SELECT to_regclass('"SatisfactionFigure"')::text AS t`);
const withSatisfaction = rollup?.t !== null && rollup?.t !== undefined;

const now = new Date();
const periods = { quarter: currentQuarter(now, busy.timeZone), month: monthOf(now), year: periodsOfMonth(monthOf(now))[0] };
const { rows: [counts] } = await raw.query<{ requests: string; open: string; clocks: string }>(
  `SELECT (SELECT count(*) FROM "Request" WHERE "departmentId" = $1) AS requests,
          (SELECT count(*) FROM "Request" WHERE "departmentId" = $1 AND status IN ('NEW', 'OPEN', 'WAITING_ON_REQUESTER')) AS open,
          (SELECT count(*) FROM "SlaClock" WHERE "departmentId" = $1) AS clocks`,
  [busy.id],
);
console.log(
  `database: ${busy.key} has ${Number(counts!.requests).toLocaleString("en")} requests, ${Number(counts!.open).toLocaleString("en")} open, ${Number(counts!.clocks).toLocaleString("en")} SLA clocks; head ${headId}; periods ${Object.values(periods).join(", ")}${withSatisfaction ? "" : "; no SatisfactionFigure table (older migrations): satisfaction not timed"}`,
);

type Result = { name: string; p50: number; p95: number; baseP95?: number };
const results: Result[] = [];

const time = timeRuns;
const pct = percentile;

async function bench(name: string, app: (i: number) => Promise<unknown>, baseline?: (i: number) => Promise<unknown>) {
  const a = await time(RUNS, app);
  const b = baseline ? await time(RUNS, baseline) : null;
  const r: Result = { name, p50: pct(a, 50), p95: pct(a, 95), ...(b ? { baseP95: pct(b, 95) } : {}) };
  results.push(r);
  const base = r.baseP95 === undefined ? "" : `   raw SQL p95 ${r.baseP95.toFixed(1).padStart(6)} ms   ratio ${(r.p95 / r.baseP95).toFixed(1)}×`;
  console.log(`${name.padEnd(44)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms${base}`);
}

// The roll-up must exist (the dashboard_rollup migration); filled by BENCH_BACKFILL=1 or the job.
const { rows: [rollupTable] } = await raw.query<{ t: string | null }>(`SELECT to_regclass('"DashboardRollupDay"')::text AS t`);
if (!rollupTable?.t) throw new Error(`${url} has no DashboardRollupDay table: apply the migrations first (DATABASE_URL=${url} npm run db:migrate)`);

const timeOnce = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
  const t = performance.now();
  const out = await fn();
  console.log(`${label.padEnd(44)} ${((performance.now() - t) / 1000).toFixed(2).padStart(8)} s${out === undefined ? "" : `   ${JSON.stringify(out)}`}`);
  return out;
};
if (process.env.BENCH_BACKFILL === "1") {
  const t = performance.now();
  let run = { remaining: 1 };
  for (let i = 1; run.remaining > 0; i++) run = await timeOnce(`dashboard roll-up backfill, run ${i}`, () => refreshDashboardRollup(db()));
  console.log(`dashboard roll-up backfill: ${((performance.now() - t) / 1000).toFixed(1)} s in all`);
}
await timeOnce("dashboard roll-up, one incremental run", () => refreshDashboardRollup(db()));
const dayMs = 86_400_000;
const yesterday = dayKey(new Date(now.getTime() - dayMs));
const lastMonth = dashboardPeriod(monthOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))), busy.timeZone, now);
const daysOf = (r: DayRange) => Array.from({ length: (r.to.getTime() - r.from.getTime()) / dayMs }, (_, i) => dayKey(new Date(r.from.getTime() + i * dayMs)));
await timeOnce(`recompute yesterday (${yesterday})`, () => computeDashboardDays(db(), { days: [yesterday], now }));
await timeOnce(`recompute a month (${lastMonth.key})`, () => computeDashboardDays(db(), { days: daysOf(lastMonth), now }));
const { rows: [stored] } = await raw.query<{ days: string; compliance: string; volume: string; agents: string }>(
  `SELECT (SELECT count(*) FROM "DashboardRollupDay") AS days, (SELECT count(*) FROM "DashboardComplianceDay") AS compliance,
          (SELECT count(*) FROM "DashboardVolumeDay") AS volume, (SELECT count(*) FROM "DashboardAgentDay") AS agents`,
);
console.log(`roll-up: ${stored!.days} days stored; rows: compliance ${stored!.compliance}, volume ${stored!.volume}, agents ${stored!.agents}`);

// --- Raw SQL baselines: the roll-up's rows of the stored days and the same SQL live for the rest ---
const q = (text: string, values: unknown[]) => raw.query(text, values);
const range = (period: string) => dashboardPeriod(period, busy.timeZone, now);
// The reports read day rows without parallel workers (readDays in dashboard-days.ts): so does the baseline.
const rawDays = new pg.Pool({ connectionString: url, max: 6, options: "-c max_parallel_workers_per_gather=0 -c jit=off" });
/** As the reports read it: the stored days of the period (one small query), then one statement over them and the live ranges. */
async function rollupRead(period: string, statement: (coverage: { rolled: string[]; live: DayRange[] }) => Sql) {
  const p = range(period);
  const end = storedUntil(p, now);
  const { rows } = await q(`SELECT "day"::text AS day FROM "DashboardRollupDay" WHERE "day" >= $1::date AND "day" < $2::date ORDER BY 1`, [dayKey(p.from), dayKey(end)]);
  const rolled = end > p.from ? rows.map((r: { day: string }) => r.day) : [];
  const sql = statement({ rolled, live: liveRanges(p, rolled) });
  return rawDays.query(sql.text, sql.values);
}
const trendSql = (period: string) =>
  rollupRead(period, (coverage) =>
    dashboardRows({
      table: "DashboardComplianceDay",
      columns: Prisma.sql`"day"::text AS "day", "metric"::text AS "metric", "met", "breached", "nearBreach"`,
      departmentId: busy.id,
      coverage,
      definition: (r, ids) => complianceDays(r, ids, now),
    }),
  );
const volumeSql = (period: string) =>
  rollupRead(
    period,
    (coverage) => Prisma.sql`SELECT "typeId", "requesterDepartmentId", SUM("created")::int, SUM("resolved")::int FROM (${dashboardRows({
      table: "DashboardVolumeDay",
      columns: Prisma.sql`"typeId", "requesterDepartmentId", "created", "resolved"`,
      departmentId: busy.id,
      coverage,
      definition: volumeDays,
    })}) d GROUP BY GROUPING SETS (("typeId"), ("requesterDepartmentId"))`,
  );
const backlogSql = () =>
  q(
    `SELECT CASE WHEN "createdAt" > $2::timestamp - interval '1 day' THEN 0 WHEN "createdAt" > $2::timestamp - interval '3 days' THEN 1
                 WHEN "createdAt" > $2::timestamp - interval '7 days' THEN 2 WHEN "createdAt" > $2::timestamp - interval '30 days' THEN 3 ELSE 4 END, priority, count(*)
     FROM "Request" WHERE "departmentId" = $1 AND status IN ('NEW', 'OPEN', 'WAITING_ON_REQUESTER') GROUP BY 1, 2`,
    [busy.id, now.toISOString()],
  );
const agentIds = (await raw.query<{ id: string }>(`SELECT DISTINCT "personId" AS id FROM "RoleGrant" WHERE "departmentId" = $1 AND role IN ('AGENT', 'HEAD')`, [busy.id])).rows.map((r) => r.id);
const agentsSql = (period: string) =>
  Promise.all([
    rollupRead(
      period,
      (coverage) => Prisma.sql`SELECT "agentId", SUM("assigned")::int, SUM("resolved")::int, SUM("resolutionMet")::int, SUM("resolutionBreached")::int FROM (${dashboardRows({
        table: "DashboardAgentDay",
        columns: Prisma.sql`"agentId", "assigned", "resolved", "resolutionMet", "resolutionBreached"`,
        departmentId: busy.id,
        coverage,
        definition: agentDays,
      })}) d WHERE "agentId" = ANY(${agentIds}::text[]) GROUP BY 1`,
    ),
    q(`SELECT "assigneeId", count(*) FROM "Request" WHERE "departmentId" = $1 AND "assigneeId" = ANY($2) AND status IN ('NEW', 'OPEN', 'WAITING_ON_REQUESTER') GROUP BY 1`, [busy.id, agentIds]),
  ]);

// --- Each query, then the page -----------------------------------------------------------------
const scope = (period: string) => ({ actor: head, departmentKey: busy.key, period, now });
for (const [label, period] of Object.entries(periods)) {
  await bench(`compliance trend (${label} ${period})`, () => complianceTrend(scope(period)), () => trendSql(period));
  await bench(`volume by type and department (${label})`, () => requestVolume(scope(period)), () => volumeSql(period));
  await bench(withSatisfaction ? `agents (${label})` : `agents, its SQL only (${label})`, () => (withSatisfaction ? agentPerformance(scope(period)) : agentsWithoutSatisfaction(period)), () => agentsSql(period));
  if (withSatisfaction) await bench(`satisfaction trend (${label})`, () => satisfactionTrend(scope(period)));
}
await bench(`backlog by age (now)`, () => backlogByAge({ actor: head, departmentKey: busy.key, now }), () => backlogSql());

for (const [label, period] of Object.entries(periods)) {
  await bench(
    `whole page (${label} ${period})`,
    async () => {
      const actor = (await loadActor(db(), headId)) as Actor;
      const options = { actor, departmentKey: busy.key, period, now };
      await Promise.all([
        complianceTrend(options),
        backlogByAge(options),
        requestVolume(options),
        ...(withSatisfaction ? [satisfactionTrend(options), agentPerformance(options)] : [agentsWithoutSatisfaction(period)]),
      ]);
    },
    () => Promise.all([trendSql(period), backlogSql(), volumeSql(period), agentsSql(period)]),
  );
}

/** Without the roll-up table, the agent table's own queries: the raw SQL through the app's pool. */
async function agentsWithoutSatisfaction(period: string) {
  return agentsSql(period);
}

await raw.end();
await rawDays.end();
await db().$disconnect();
console.log(JSON.stringify({ database: url, runs: RUNS, results }, null, 0));
