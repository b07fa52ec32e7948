// PostgreSQL's cost of the SLA report's flagged pauses (/insights/[department]/sla) on the large
// organisation of `npm run bench:generate`, before and after the dashboard roll-up held them:
//   npm run bench:pauses
// For the busiest department's 30- and 90-day views (the page's presets: the last N days up to now),
// prints EXPLAIN (ANALYZE, BUFFERS) of the statement that reads the pauses, the previous live one
// (every status change of the period, tests/support/flagged-pauses-live.ts) against the one reading
// stored days (lib/reports/flagged-pauses.ts), plus the small read of the stored days' markers it
// needs first, and the p50/p95 of the whole use case both ways. The two must answer the same.
//
// The database needs the flagged_pause_days migration (`DATABASE_URL=<bench> npm run db:migrate`,
// which forgets the stored days); when days before yesterday are missing, the bench runs the
// dashboard-rollup job once over the whole history first (refreshDashboardRollup's `all`, as the
// generator does) and prints its time. It writes nothing else.
import pg from "pg";
import { percentile, timeRuns } from "./timing";

const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/desk_bench";
process.env.DATABASE_URL = url;
process.env.DESK_EMBEDDED = "false";
process.env.LOG_LEVEL ??= "warn";
const RUNS = Number(process.env.BENCH_RUNS ?? 30);

const { db } = await import("@/lib/db/client");
const { loadActor } = await import("@/lib/org/load-actor");
const { flaggedPauses, pausesStatement } = await import("@/lib/reports/flagged-pauses");
const { dayKey, firstUnstoredDay } = await import("@/lib/reports/dashboard-days");
const { refreshDashboardRollup } = await import("@/lib/reports/dashboard-rollup");
const { flaggedPausesLive, livePausesStatement, pauseStatusesOf } = await import("../support/flagged-pauses-live");
type Sql = import("@/lib/generated/prisma/client").Prisma.Sql;
type Actor = import("@/lib/auth/permissions").Actor;

// As the desk's connections run (lib/db/create-client.ts): JIT off.
const raw = new pg.Pool({ connectionString: url, max: 2, options: "-c jit=off" });

const { rows: [busy] } = await raw.query<{ id: string; key: string; timeZone: string; requests: string }>(
  `SELECT d.id, d.key, d."timeZone", count(*) AS requests FROM "Request" r JOIN "Department" d ON d.id = r."departmentId" GROUP BY d.id, d.key ORDER BY count(*) DESC LIMIT 1`,
);
if (!busy) throw new Error(`no requests in ${url}: run npm run bench:generate first`);
const { rows: [headRow] } = await raw.query<{ personId: string }>(`SELECT "personId" FROM "RoleGrant" WHERE role = 'HEAD' AND "departmentId" = $1 LIMIT 1`, [busy.id]);
if (!headRow) throw new Error(`${busy.key} has no head`);
const head = (await loadActor(db(), headRow.personId)) as Actor;
const { rows: [size] } = await raw.query<{ requests: string; events: string }>(`SELECT (SELECT count(*) FROM "Request") AS requests, (SELECT count(*) FROM "RequestEvent") AS events`);
console.log(`database: ${Number(size!.requests).toLocaleString("en")} requests, ${Number(size!.events).toLocaleString("en")} events; busiest department ${busy.key} (${Number(busy.requests).toLocaleString("en")} requests, ${busy.timeZone})`);

const now = new Date();
const lastStorable = dayKey(new Date(firstUnstoredDay(now).getTime() - 86_400_000));
const { rows: [marker] } = await raw.query<{ n: string }>(`SELECT count(*) AS n FROM "DashboardRollupDay" WHERE "day" = $1::date`, [lastStorable]);
if (marker!.n === "0") {
  const t = performance.now();
  const run = await refreshDashboardRollup(db(), { now, all: true });
  console.log(`roll-up filled first (every day up to ${lastStorable}): ${run.computed} days in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

type Plan = { Plan: { "Shared Hit Blocks": number; "Shared Read Blocks": number; "Temp Read Blocks"?: number }; "Execution Time": number; "Planning Time": number };
async function explain(statement: Sql | { text: string; values: unknown[] }): Promise<{ buffers: number; ms: number; planMs: number }> {
  const { rows } = await raw.query<{ "QUERY PLAN": Plan[] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.text}`, statement.values);
  const plan = rows[0]!["QUERY PLAN"][0]!;
  return { buffers: plan.Plan["Shared Hit Blocks"] + plan.Plan["Shared Read Blocks"], ms: plan["Execution Time"], planMs: plan["Planning Time"] };
}
/** The best of a few runs: the figures of a warm cache, as a page served repeatedly sees it. */
async function best(statement: Sql | { text: string; values: unknown[] }) {
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await explain(statement));
  return runs.sort((a, b) => a.ms - b.ms)[0]!;
}

const statuses = await pauseStatusesOf(busy.id);
const fmt = (n: number) => n.toFixed(1).padStart(7);
console.log(`\nview     | before (live): buffers      ms | after (roll-up): buffers      ms (+ markers: buffers  ms) | lib p50/p95 ms before      after | same answer`);
for (const days of [30, 90]) {
  const period = { from: new Date(now.getTime() - days * 86_400_000), to: now };
  const before = await best(livePausesStatement({ departmentId: busy.id, statuses, period }));
  const after = await best(await pausesStatement({ departmentId: busy.id, timeZone: busy.timeZone, period, now }));
  // The stored days' markers the reader reads first (dashboardCoverage).
  const markers = await best({
    text: `SELECT "day"::text AS "day" FROM "DashboardRollupDay" WHERE "day" >= $1::date AND "day" < $2::date ORDER BY 1`,
    values: [dayKey(period.from), dayKey(now)],
  });
  const options = { actor: head, departmentKey: busy.key, from: period.from, to: period.to };
  const livePs = await timeRuns(RUNS, () => flaggedPausesLive(options));
  const rolledPs = await timeRuns(RUNS, () => flaggedPauses({ ...options, now }));
  const same = JSON.stringify(await flaggedPausesLive(options)) === JSON.stringify(await flaggedPauses({ ...options, now }));
  console.log(
    `${String(days).padStart(2)} days  |              ${String(before.buffers).padStart(7)} ${fmt(before.ms)} |                ${String(after.buffers).padStart(7)} ${fmt(after.ms)} (             ${String(markers.buffers).padStart(4)} ${markers.ms.toFixed(2)}) | ${fmt(percentile(livePs, 50))}/${fmt(percentile(livePs, 95))} ${fmt(percentile(rolledPs, 50))}/${fmt(percentile(rolledPs, 95))} | ${same ? "yes" : "NO"}`,
  );
  if (!same) process.exitCode = 1;
}

await raw.end();
await db().$disconnect();
