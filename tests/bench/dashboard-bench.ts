// Server time of the head dashboard (/insights/[department]) on the large organisation of
// `npm run bench:generate`:
//   npm run bench:dashboard
// Each dashboard query is timed as the page runs it (the lib/ use case, as the busiest department's
// head), for the current quarter, a month and a year, beside the raw SQL it needs (pg, no Prisma) as
// the baseline ratio; then the whole page: the person's load and every query, in parallel as the page
// awaits them. Read-only: nothing is written to the database. Prints p50 and p95 in milliseconds.
//
// BENCH_WITH_INDEXES=1 also times the raw SQL of the queries that the dashboard migration indexes,
// with those indexes built inside a transaction that is rolled back (the bench database is shared
// and may be older than the migration): it holds a lock that blocks writers while it runs.
import { performance } from "node:perf_hooks";
import pg from "pg";

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
type Actor = import("@/lib/auth/permissions").Actor;

const raw = new pg.Pool({ connectionString: url, max: 6 });

const { rows: [busy] } = await raw.query<{ id: string; key: string }>(
  `SELECT d.id, d.key FROM "Request" r JOIN "Department" d ON d.id = r."departmentId" GROUP BY d.id, d.key ORDER BY count(*) DESC LIMIT 1`,
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
const periods = { quarter: currentQuarter(now), month: monthOf(now), year: periodsOfMonth(monthOf(now))[0] };
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

async function time(runs: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(10, runs); i++) await fn(i); // warm-up: plans, pool, JIT
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b);
}
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function bench(name: string, app: (i: number) => Promise<unknown>, baseline?: (i: number) => Promise<unknown>) {
  const a = await time(RUNS, app);
  const b = baseline ? await time(RUNS, baseline) : null;
  const r: Result = { name, p50: pct(a, 50), p95: pct(a, 95), ...(b ? { baseP95: pct(b, 95) } : {}) };
  results.push(r);
  const base = r.baseP95 === undefined ? "" : `   raw SQL p95 ${r.baseP95.toFixed(1).padStart(6)} ms   ratio ${(r.p95 / r.baseP95).toFixed(1)}×`;
  console.log(`${name.padEnd(44)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms${base}`);
}

// --- Raw SQL baselines: what a hand-written page would ask, same semantics ----------------------
const q = (text: string, values: unknown[]) => raw.query(text, values);
const range = (period: string) => {
  const p = dashboardPeriod(period, now);
  return { p, from: p.from.toISOString(), to: p.to.toISOString() };
};
const counted = `(c.segment > 0 OR NOT EXISTS (SELECT 1 FROM "SlaClock" s WHERE s."requestId" = c."requestId" AND s.segment > 0 OFFSET 0))`;
const trendSql = (period: string) => {
  const { p, from, to } = range(period);
  const buckets = [{ from: p.from, to: p.to }, ...p.buckets].map((b, i) => `(${i}, '${b.from.toISOString()}'::timestamp, '${b.to.toISOString()}'::timestamp)`).join(", ");
  const cols = `c."requestId", c.metric, c.segment, c.cycle, c."stoppedAt", c."breachedAt", c."dueAt", c."elapsedMinutes", c."targetMinutes"`;
  return q(
    `WITH b(i, "from", "to") AS (VALUES ${buckets}),
     k AS (SELECT ${cols} FROM "SlaClock" c WHERE c."departmentId" = $1 AND c."stoppedAt" >= $2 AND c."stoppedAt" < $3 AND ${counted}
           UNION ALL SELECT ${cols} FROM "SlaClock" c WHERE c."departmentId" = $1 AND c."stoppedAt" IS NULL AND c."dueAt" >= $2 AND c."dueAt" < $3 AND c."dueAt" < $4 AND ${counted}
           UNION ALL SELECT ${cols} FROM "SlaClock" c WHERE c."departmentId" = $1 AND c."stoppedAt" >= $3 AND c."breachedAt" >= $2 AND c."breachedAt" < $3 AND c."dueAt" >= $2 AND c."dueAt" < $3 AND ${counted}),
     d AS (SELECT b.i, k.*, (k."stoppedAt" IS NULL OR k."breachedAt" IS NOT NULL) AS breached,
                  row_number() OVER (PARTITION BY b.i, k."requestId", k.metric ORDER BY k.segment DESC, k.cycle DESC) AS rank
           FROM k JOIN b ON (k."stoppedAt" >= b."from" AND k."stoppedAt" < b."to") OR (k."stoppedAt" IS NULL AND k."dueAt" >= b."from" AND k."dueAt" < b."to")
                         OR (k."stoppedAt" >= b."to" AND k."breachedAt" >= b."from" AND k."breachedAt" < b."to"))
     SELECT i, metric, count(*) FILTER (WHERE NOT breached), count(*) FILTER (WHERE breached),
            count(*) FILTER (WHERE NOT breached AND "elapsedMinutes" >= "targetMinutes" * 0.75)
     FROM d WHERE metric <> 'RESOLUTION' OR rank = 1 GROUP BY 1, 2`,
    [busy.id, from, to, now.toISOString()],
  );
};
const backlogSql = () =>
  q(
    `SELECT CASE WHEN "createdAt" > $2::timestamp - interval '1 day' THEN 0 WHEN "createdAt" > $2::timestamp - interval '3 days' THEN 1
                 WHEN "createdAt" > $2::timestamp - interval '7 days' THEN 2 WHEN "createdAt" > $2::timestamp - interval '30 days' THEN 3 ELSE 4 END, priority, count(*)
     FROM "Request" WHERE "departmentId" = $1 AND status IN ('NEW', 'OPEN', 'WAITING_ON_REQUESTER') GROUP BY 1, 2`,
    [busy.id, now.toISOString()],
  );
const volumeSql = (period: string) => {
  const { from, to } = range(period);
  return q(
    `SELECT "typeId", "requesterDepartmentId", sum(c)::int, sum(r)::int FROM (
       SELECT "typeId", "requesterDepartmentId", 1 AS c, 0 AS r FROM "Request" WHERE "departmentId" = $1 AND "createdAt" >= $2 AND "createdAt" < $3
       UNION ALL SELECT "typeId", "requesterDepartmentId", 0, 1 FROM "Request" WHERE "departmentId" = $1 AND "resolvedAt" >= $2 AND "resolvedAt" < $3) x
     GROUP BY GROUPING SETS (("typeId"), ("requesterDepartmentId"))`,
    [busy.id, from, to],
  );
};
const agentIds = (await raw.query<{ id: string }>(`SELECT DISTINCT "personId" AS id FROM "RoleGrant" WHERE "departmentId" = $1 AND role IN ('AGENT', 'HEAD')`, [busy.id])).rows.map((r) => r.id);
const agentsSql = (period: string) => {
  const { from, to } = range(period);
  return Promise.all([
    q(
      `SELECT e."to"->>'assigneeId', count(DISTINCT e."requestId") FROM "RequestEvent" e JOIN "Request" r ON r.id = e."requestId"
       WHERE e.type = 'assigned' AND e."to"->>'assigneeId' = ANY($4) AND e."createdAt" >= $2 AND e."createdAt" < $3 AND r."departmentId" = $1 GROUP BY 1`,
      [busy.id, from, to, agentIds],
    ),
    q(
      `SELECT r."assigneeId", count(*), count(*) FILTER (WHERE NOT k.b), count(*) FILTER (WHERE k.b) FROM "Request" r
       LEFT JOIN LATERAL (SELECT c."breachedAt" IS NOT NULL AS b FROM "SlaClock" c WHERE c."requestId" = r.id AND c.metric = 'RESOLUTION' AND c."departmentId" = $1
                          AND c."stoppedAt" IS NOT NULL AND ${counted} ORDER BY c.segment DESC, c.cycle DESC LIMIT 1) k ON true
       WHERE r."departmentId" = $1 AND r."resolvedAt" >= $2 AND r."resolvedAt" < $3 AND r."assigneeId" = ANY($4) GROUP BY 1`,
      [busy.id, from, to, agentIds],
    ),
    q(`SELECT "assigneeId", count(*) FROM "Request" WHERE "departmentId" = $1 AND "assigneeId" = ANY($2) AND status IN ('NEW', 'OPEN', 'WAITING_ON_REQUESTER') GROUP BY 1`, [busy.id, agentIds]),
  ]);
};

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

if (process.env.BENCH_WITH_INDEXES === "1") {
  // The dashboard migration's indexes, built and dropped in one rolled-back transaction.
  const client = await raw.connect();
  try {
    await client.query("BEGIN");
    const t = performance.now();
    await client.query(`CREATE INDEX IF NOT EXISTS "bench_resolved" ON "Request"("departmentId", "resolvedAt")`);
    await client.query(`CREATE INDEX IF NOT EXISTS "bench_assigned" ON "RequestEvent" (("to"->>'assigneeId'), "createdAt") WHERE "type" = 'assigned'`);
    console.log(`(indexes built in ${((performance.now() - t) / 1000).toFixed(1)} s, inside a transaction that is rolled back)`);
    const inTx = (text: string, values: unknown[]) => client.query(text, values);
    for (const [label, period] of Object.entries(periods)) {
      const { from, to } = range(period);
      const a = await time(RUNS, () =>
        inTx(
          `SELECT e."to"->>'assigneeId', count(DISTINCT e."requestId") FROM "RequestEvent" e JOIN "Request" r ON r.id = e."requestId"
           WHERE e.type = 'assigned' AND e."to"->>'assigneeId' = ANY($4) AND e."createdAt" >= $2 AND e."createdAt" < $3 AND r."departmentId" = $1 GROUP BY 1`,
          [busy.id, from, to, agentIds],
        ),
      );
      const v = await time(RUNS, () =>
        inTx(
          `SELECT "typeId", "requesterDepartmentId", sum(c)::int, sum(r)::int FROM (
             SELECT "typeId", "requesterDepartmentId", 1 AS c, 0 AS r FROM "Request" WHERE "departmentId" = $1 AND "createdAt" >= $2 AND "createdAt" < $3
             UNION ALL SELECT "typeId", "requesterDepartmentId", 0, 1 FROM "Request" WHERE "departmentId" = $1 AND "resolvedAt" >= $2 AND "resolvedAt" < $3) x
           GROUP BY GROUPING SETS (("typeId"), ("requesterDepartmentId"))`,
          [busy.id, from, to],
        ),
      );
      console.log(`with the migration's indexes (${label}): assignments p50 ${pct(a, 50).toFixed(1)} p95 ${pct(a, 95).toFixed(1)} ms; volume p50 ${pct(v, 50).toFixed(1)} p95 ${pct(v, 95).toFixed(1)} ms`);
    }
  } finally {
    await client.query("ROLLBACK");
    client.release();
  }
}

await raw.end();
await db().$disconnect();
console.log(JSON.stringify({ database: url, runs: RUNS, results }, null, 0));
