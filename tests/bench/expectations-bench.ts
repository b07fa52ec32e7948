// The "what to expect" job (lib/experience/compute-expectations.ts) on the large organisation of
// `npm run bench:generate`: `npm run bench:expectations`. BENCH_DATABASE_URL (default desk_bench)
// names the database; BENCH_RUNS (default 5) how many timed runs. `now` is a minute after the last
// clock stopped, so the job's 90-day window holds the newest of the generated history.
// Prints the job's time per run (its aggregate, the calendars, and one upsert per request type in
// one transaction) beside the raw SQL of its aggregate alone (pg, no Prisma), p50 and max, and the
// ratio; and how many requests, clocks and request types it covered.
import pg from "pg";
import { percentile, timeRuns } from "./timing";

const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/desk_bench";
process.env.DATABASE_URL = url;
process.env.DESK_EMBEDDED = "false";
process.env.LOG_LEVEL ??= "warn";
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const { db } = await import("@/lib/db/client");
const { computeExpectations, expectationAggregate, expectationWindowDays } = await import("@/lib/experience/compute-expectations");

// The baseline's connections run as the desk's do (lib/db/create-client.ts): JIT off.
const raw = new pg.Pool({ connectionString: url, max: 2, options: "-c jit=off" });
const { rows: [span] } = await raw.query<{ requests: string; clocks: string; types: string; last: Date | null }>(
  `SELECT (SELECT count(*) FROM "Request") AS requests, (SELECT count(*) FROM "SlaClock") AS clocks, (SELECT count(*) FROM "RequestType") AS types, (SELECT max("stoppedAt") FROM "SlaClock") AS last`,
);
if (!span?.last) throw new Error(`no stopped clocks in ${url}: run npm run bench:generate first`);
const now = new Date(span.last.getTime() + 60_000);
const since = new Date(now.getTime() - expectationWindowDays * 86_400_000);
const { rows: [window] } = await raw.query<{ clocks: string; requests: string }>(
  `SELECT count(*) AS clocks, count(DISTINCT "requestId") AS requests FROM "SlaClock" WHERE "segment" = 0 AND "stoppedAt" >= $1 AND "stoppedAt" < $2 AND "metric" IN ('FIRST_RESPONSE', 'RESOLUTION')`,
  [since, now],
);
const fmt = (n: number | string) => Number(n).toLocaleString("en-US");
console.log(`database: ${fmt(span.requests)} requests, ${fmt(span.clocks)} SLA clocks, ${fmt(span.types)} request types; window ${expectationWindowDays} days to ${now.toISOString()}: ${fmt(window!.clocks)} decided clocks of ${fmt(window!.requests)} requests`);

// The job's aggregate, the very statement compute-expectations.ts sends.
const aggregate = expectationAggregate(since, now);

const job = await timeRuns(RUNS, () => computeExpectations(db(), { now }), 1);
const sql = await timeRuns(RUNS, () => raw.query(aggregate.text, aggregate.values), 1);
const { types } = await computeExpectations(db(), { now });
const withFigures = await db().requestTypeExpectation.count({ where: { OR: [{ firstResponseP50: { not: null } }, { resolutionP80: { not: null } }] } });
const line = (name: string, s: number[]) => `${name.padEnd(40)} p50 ${percentile(s, 50).toFixed(0).padStart(7)} ms   max ${s.at(-1)!.toFixed(0).padStart(7)} ms`;
console.log(line("expectation job (computeExpectations)", job));
console.log(line("raw SQL of its aggregate", sql));
console.log(`ratio job / raw SQL (p50) ${(percentile(job, 50) / percentile(sql, 50)).toFixed(2)}×; ${fmt(types)} request types written, ${fmt(withFigures)} with a figure (≥ 20 decided clocks)`);
await raw.end();
await db().$disconnect();
