// Server time of HR's organisation page on the large organisation of `npm run bench:generate`:
//   npm run bench:organisation
// The database needs this branch's migrations and the roll-ups computed once (the jobs do it in a
// running desk; BENCH_REFRESH=1 makes this script do it first and print how long that took).
// The page is timed as the server renders it: loading the signed-in HR person, then the matrix,
// the morale table and one department's 12 months, as the page awaits them. Beside each, in the
// same run, the raw SQL the use case needs (pg, no Prisma), and for the matrix the live SQL over
// Request and SlaClock a page without the roll-up would run. Prints p50 and p95 in milliseconds.
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
const { internalCustomerMatrix } = await import("@/lib/reports/internal-customer-matrix");
const { moraleIndicators } = await import("@/lib/reports/morale-indicators");
const { moraleTrend, trendMonths } = await import("@/lib/reports/morale-trend");
const { currentMonth, currentQuarter } = await import("@/lib/reports/organisation-access");
const { refreshOrganisationRollup } = await import("@/lib/reports/organisation-rollup");
const { publishSatisfaction } = await import("@/lib/satisfaction/publish-satisfaction");
const { monthsOf, periodRange } = await import("@/lib/satisfaction/figure-periods");

// The baseline's connections run as the desk's do (lib/db/create-client.ts): JIT off.
const raw = new pg.Pool({ connectionString: url, max: 4, options: "-c jit=off" });

if (process.env.BENCH_REFRESH) {
  let t = performance.now();
  const { months } = await refreshOrganisationRollup(db(), { backfill: 24 });
  console.log(`organisation roll-up: ${months.length} months in ${Math.round(performance.now() - t)} ms`);
  t = performance.now();
  const { published } = await publishSatisfaction(db());
  console.log(`satisfaction publication: ${published.length} months in ${Math.round(performance.now() - t)} ms`);
}

const { rows: [hrRow] } = await raw.query<{ personId: string }>(`SELECT "personId" FROM "RoleGrant" WHERE role = 'HR' ORDER BY "personId" LIMIT 1`);
if (!hrRow) throw new Error(`no HR person in ${url}`);
const hrId = hrRow.personId;
const period = process.env.BENCH_PERIOD ?? (await currentQuarter());
const months = monthsOf(period);
const { rows: [counts] } = await raw.query<{ requests: string; departments: string; rollup: string }>(
  `SELECT (SELECT count(*) FROM "Request") AS requests, (SELECT count(*) FROM "Department") AS departments, (SELECT count(*) FROM "OrgRollupMonth") AS rollup`,
);
console.log(`database: ${Number(counts!.requests).toLocaleString("en")} requests, ${counts!.departments} departments; roll-up holds ${counts!.rollup} months; period ${period}`);
const { rows: [first] } = await raw.query<{ key: string; id: string }>(`SELECT key, id FROM "Department" ORDER BY name LIMIT 1`);

const time = timeRuns;
const pct = percentile;
const line = (name: string, s: number[]) => `${name.padEnd(52)} p50 ${pct(s, 50).toFixed(1).padStart(7)} ms  p95 ${pct(s, 95).toFixed(1).padStart(7)} ms`;

async function bench(name: string, app: () => Promise<unknown>, baseline: () => Promise<unknown>, runs = RUNS) {
  const a = await time(runs, app);
  const b = await time(runs, baseline);
  console.log(`${line(name, a)}   raw SQL p95 ${pct(b, 95).toFixed(1).padStart(7)} ms   ratio ${(pct(a, 95) / pct(b, 95)).toFixed(1)}×`);
}

const hr = async () => (await loadActor(db(), hrId))!;

// The raw SQL each use case needs from the roll-ups.
const pairKeys = async () => {
  const { rows } = await raw.query<{ id: string }>(`SELECT id FROM "Department"`);
  return rows.flatMap((r) => rows.map((p) => `pair|${r.id}|${p.id}|${period}`));
};
const allPairKeys = await pairKeys();
const matrixSql = async () => {
  await raw.query(`SELECT id, key, name FROM "Department" ORDER BY name`);
  await raw.query(
    `SELECT "requesterDepartmentId", "providerId", sum(filed), sum("firstResponseMet"), sum("firstResponseBreached"), sum("resolutionMet"), sum("resolutionBreached")
       FROM "OrgPairMonth" WHERE month = ANY($1) GROUP BY 1, 2`,
    [months],
  );
  await raw.query(`SELECT key, shown, ratings, satisfied, "scoreSum" FROM "SatisfactionFigure" WHERE key = ANY($1)`, [allPairKeys]);
};
const moraleSql = async () => {
  await raw.query(`SELECT "departmentId", count(DISTINCT "personId") FROM "RoleGrant" WHERE role IN ('AGENT', 'HEAD') GROUP BY 1`);
  await raw.query(`SELECT "providerId", month, sum("firstResponseMet" + "resolutionMet"), sum("firstResponseBreached" + "resolutionBreached") FROM "OrgPairMonth" WHERE month = ANY($1) GROUP BY 1, 2`, [months]);
  await raw.query(`SELECT "departmentId", sum("agentReplies"), sum("afterHoursReplies") FROM "OrgDepartmentMonth" WHERE month = ANY($1) GROUP BY 1`, [months]);
};
const trend = trendMonths(period, await currentMonth());
const trendSql = async () => {
  await raw.query(`SELECT * FROM "OrgDepartmentMonth" WHERE month = ANY($1) AND "departmentId" = $2`, [trend, first!.id]);
  await raw.query(`SELECT month, sum("resolutionMet") FROM "OrgPairMonth" WHERE month = ANY($1) AND "providerId" = $2 GROUP BY 1`, [trend, first!.id]);
  await raw.query(`SELECT comment FROM "Rating" WHERE "departmentId" = $1 AND "createdAt" >= $2 AND "createdAt" < $3 AND comment IS NOT NULL`, [first!.id, periodRange(period).from, periodRange(period).to]);
};

await bench("heat map (internalCustomerMatrix)", async () => internalCustomerMatrix({ actor: await hr(), period }), matrixSql);
await bench("morale table (moraleIndicators)", async () => moraleIndicators({ actor: await hr(), period }), moraleSql);
await bench(`one department's 12 months (moraleTrend, ${first!.key})`, async () => moraleTrend({ actor: await hr(), period, departmentKey: first!.key }), trendSql);
await bench(
  "the whole page, as it awaits them",
  async () => {
    const actor = await hr();
    await Promise.all([internalCustomerMatrix({ actor, period }), moraleIndicators({ actor, period })]);
    await moraleTrend({ actor, period, departmentKey: first!.key });
  },
  async () => {
    await Promise.all([matrixSql(), moraleSql()]);
    await trendSql();
  },
);

// Without the roll-up: the matrix's volume and compliance straight from Request and SlaClock.
const { from, to } = periodRange(period);
const live = await time(Math.min(RUNS, 10), () =>
  raw.query(
    `SELECT r."requesterDepartmentId", r."departmentId", count(*) FROM "Request" r WHERE r."createdAt" >= $1 AND r."createdAt" < $2 GROUP BY 1, 2`,
    [from, to],
  ).then(() => raw.query(
    `SELECT c."departmentId", r."requesterDepartmentId", c.metric, count(*) FILTER (WHERE c."breachedAt" IS NULL), count(*) FILTER (WHERE c."breachedAt" IS NOT NULL)
       FROM "SlaClock" c JOIN "Request" r ON r.id = c."requestId"
      WHERE c.metric IN ('FIRST_RESPONSE', 'RESOLUTION') AND ((c."stoppedAt" >= $1 AND c."stoppedAt" < $2) OR (c."breachedAt" >= $1 AND c."breachedAt" < $2))
      GROUP BY 1, 2, 3`,
    [from, to],
  )),
);
console.log(`${line("for comparison: the matrix live, without the roll-up", live)}   (${Math.min(RUNS, 10)} runs)`);

await raw.end();
await db().$disconnect();
process.exit(0);
