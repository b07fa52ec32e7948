import pg from "pg";
const url = "postgresql://postgres@127.0.0.1:5432/desk_bench";
process.env.DATABASE_URL = url; process.env.DESK_EMBEDDED = "false";
const { db } = await import("@/lib/db/client");
const { loadActor } = await import("@/lib/org/load-actor");
const { searchQuery } = await import("@/lib/search/search-requests");
const raw = new pg.Pool({ connectionString: url, max: 1 });
const actor = (await loadActor(db(), process.argv[2] ?? "bu000051"))!;
const q = searchQuery({ actor, query: process.argv[3] ?? "printer", after: null });
let text = q.text; // Prisma.Sql with $n
for (let k = 0; k < 2; k++) {
  const t0 = performance.now();
  const { rows } = await raw.query("EXPLAIN (ANALYZE, BUFFERS) " + text, q.values);
  if (k === 1) console.log(rows.map((r: any) => r["QUERY PLAN"]).join("\n"));
  console.log(performance.now() - t0);
}
await raw.end(); await db().$disconnect();
