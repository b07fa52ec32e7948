// Knowledge at scale, on the large organisation of `npm run bench:generate` (its --articles, 10,000 by default):
//   npm run bench:knowledge
// Times the lib calls behind knowledge search (the agent's "find an article" and the articles half
// of the header's search), suggestions while filing (the words of a half-typed title, as the form
// sends them), and the catalogue cards' most read answers, each beside the raw SQL it needs in the
// same run (pg, no Prisma; the ranking's own SQL from rankArticlesQuery), as the baseline ratio.
// Prints p50 and p95 in milliseconds. Not a test: figures only.
import pg from "pg";
import { percentile, timeRuns } from "./timing";

const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/desk_bench";
process.env.DATABASE_URL = url;
process.env.DESK_EMBEDDED = "false";
process.env.LOG_LEVEL ??= "warn";
const RUNS = Number(process.env.BENCH_RUNS ?? 200);

const { db } = await import("@/lib/db/client");
const { loadActor } = await import("@/lib/org/load-actor");
const { searchArticles } = await import("@/lib/knowledge/search-articles");
const { suggestArticles } = await import("@/lib/knowledge/suggest-articles");
const { popularArticles } = await import("@/lib/knowledge/popular-articles");
const { rankArticlesQuery } = await import("@/lib/knowledge/rank-articles");
const { articleReadableSql } = await import("@/lib/knowledge/article-policy");

// The baseline's connections run as the desk's do (lib/db/create-client.ts): JIT off.
const raw = new pg.Pool({ connectionString: url, max: 4, options: "-c jit=off" });

const { rows: [sizes] } = await raw.query<{ requests: string; articles: string; departments: string }>(
  `SELECT (SELECT count(*) FROM "Request") AS requests, (SELECT count(*) FROM "Article") AS articles, (SELECT count(DISTINCT "departmentId") FROM "Article") AS departments`,
);
if (!sizes || Number(sizes.articles) === 0) throw new Error(`no articles in ${url}: run npm run bench:generate first`);
// The department with the most articles, one of its agents, and an employee of another department.
const { rows: [dept] } = await raw.query<{ id: string; key: string; n: string }>(
  `SELECT d.id, d.key, count(*) AS n FROM "Article" a JOIN "Department" d ON d.id = a."departmentId" GROUP BY d.id, d.key ORDER BY count(*) DESC, d.key LIMIT 1`,
);
const { rows: [agentRow] } = await raw.query<{ personId: string }>(`SELECT "personId" FROM "RoleGrant" WHERE role = 'AGENT' AND "departmentId" = $1 ORDER BY "personId" LIMIT 1`, [dept!.id]);
const { rows: [employeeRow] } = await raw.query<{ id: string }>(
  `SELECT p.id FROM "Person" p WHERE p."departmentId" <> $1 AND p.active AND NOT EXISTS (SELECT 1 FROM "RoleGrant" g WHERE g."personId" = p.id) ORDER BY p.id LIMIT 1`,
  [dept!.id],
);
const { rows: types } = await raw.query<{ id: string }>(`SELECT id FROM "RequestType" WHERE "departmentId" = $1 AND active ORDER BY id`, [dept!.id]);
const agent = (await loadActor(db(), agentRow!.personId))!;
const employee = (await loadActor(db(), employeeRow!.id))!;
const { rows: departments } = await raw.query<{ id: string }>(`SELECT id FROM "Department" ORDER BY name`);
console.log(
  `database: ${Number(sizes.requests).toLocaleString("en")} requests, ${Number(sizes.articles).toLocaleString("en")} articles in ${sizes.departments} departments; ${dept!.key} has ${dept!.n}; agent ${agent.id}, employee ${employee.id}`,
);

// Words the generator's articles are made of (its titles and bodies), so searches find something.
const { rows: words } = await raw.query<{ word: string }>(
  `SELECT word FROM ts_stat($$SELECT "searchVector" FROM "Article" WHERE "departmentId" = '${dept!.id.replace(/'/g, "''")}'$$) WHERE length(word) >= 4 ORDER BY ndoc DESC, word LIMIT 40`,
);
const w = (i: number) => words[i % words.length]!.word;
const searches = Array.from({ length: 16 }, (_, i) => (i % 4 === 0 ? w(i) : i % 4 === 1 ? `${w(i)} ${w(i + 7)}` : i % 4 === 2 ? `"${w(i)} ${w(i + 1)}"` : `${w(i)} -${w(i + 3)}`));
// A title as it is typed: the first letters of two or three words, growing.
const typed = Array.from({ length: 16 }, (_, i) => [w(i), w(i + 5), w(i + 11)].slice(0, 2 + (i % 2)).join(" ").slice(0, 6 + (i % 12)));

type Result = { name: string; p50: number; p95: number; baseP95: number };
const results: Result[] = [];
async function bench(name: string, app: (i: number) => Promise<unknown>, baseline: (i: number) => Promise<unknown>) {
  const a = await timeRuns(RUNS, app, Math.min(20, RUNS));
  const b = await timeRuns(RUNS, baseline, Math.min(20, RUNS));
  const r = { name, p50: percentile(a, 50), p95: percentile(a, 95), baseP95: percentile(b, 95) };
  results.push(r);
  console.log(`${name.padEnd(50)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms   raw SQL p95 ${r.baseP95.toFixed(1).padStart(6)} ms   ratio ${(r.p95 / r.baseP95).toFixed(1)}×`);
}
const rawQuery = async (q: { text: string; values: unknown[] } | null) => (q ? raw.query(q.text, q.values) : null);

for (const [who, actor] of [["the department's agent", agent], ["an employee", employee]] as const) {
  await bench(
    `knowledge search, as ${who}`,
    async (i) => searchArticles({ actor: (await loadActor(db(), actor.id))!, query: searches[i % searches.length]!, limit: 8 }),
    (i) => rawQuery(rankArticlesQuery({ actor, query: { websearch: searches[i % searches.length]! }, limit: 8 })),
  );
}
await bench(
  `suggestions while filing, as an employee`,
  async (i) => suggestArticles({ actor: (await loadActor(db(), employee.id))!, input: { typeId: types[i % types.length]!.id, title: typed[i % typed.length]! } }),
  async (i) => {
    await raw.query(`SELECT id, "departmentId" FROM "RequestType" WHERE id = $1 AND active`, [types[i % types.length]!.id]);
    await rawQuery(rankArticlesQuery({ actor: employee, query: { typed: typed[i % typed.length]! }, departmentId: dept!.id, typeId: types[i % types.length]!.id, limit: 5 }));
  },
);
const readable = articleReadableSql(employee, "a");
await bench(
  `catalogue cards' most read answers (${departments.length} departments)`,
  async () => popularArticles({ actor: (await loadActor(db(), employee.id))!, departmentIds: departments.map((d) => d.id) }),
  () =>
    raw.query(
      `SELECT t."departmentId", t.slug, t.title FROM unnest($1::text[]) AS dep(id) CROSS JOIN LATERAL (
         SELECT a."departmentId", a.slug, a.title FROM "Article" a WHERE a."departmentId" = dep.id AND ${readable.text.replace(/\$\d+/g, (m) => `$${Number(m.slice(1)) + 1}`)}
         ORDER BY a."viewCount" DESC, a.id LIMIT 3) t`,
      [departments.map((d) => d.id), ...readable.values],
    ),
);

await raw.end();
await db().$disconnect();
console.log(JSON.stringify({ database: url, runs: RUNS, sizes, results }, null, 0));
