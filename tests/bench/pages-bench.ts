// Server time of the busiest pages on the large organisation of `npm run bench:generate`:
//   npm run bench:pages
// Each page is timed as the server renders it: the same lib/ calls the page makes, one after the
// other as the page awaits them, plus loading the signed-in person as every request does. Beside it,
// in the same run, the raw SQL a hand-written page would need (pg, no Prisma), as the baseline
// ratio. Prints p50 and p95 in milliseconds. Not a test: figures only.
import pg from "pg";
import { percentile, timeRuns } from "./timing";

const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/desk_bench";
process.env.DATABASE_URL = url;
process.env.DESK_EMBEDDED = "false";
process.env.LOG_LEVEL ??= "warn";
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
/** BENCH_ONLY=search times only the rows whose name contains it. */
const ONLY = process.env.BENCH_ONLY;

const { db } = await import("@/lib/db/client");
const { loadActor } = await import("@/lib/org/load-actor");
const { listQueue } = await import("@/lib/requests/list-queue");
const { getRequest, assignableAgents } = await import("@/lib/requests/get-request");
const { requestClocks } = await import("@/lib/service-levels/sla-badges");
const { searchRequests, searchQuery } = await import("@/lib/search/search-requests");
const { listMyRequests } = await import("@/lib/requests/list-my-requests");
const { searchAll } = await import("@/lib/search/search-all");
const { rankArticlesQuery } = await import("@/lib/knowledge/rank-articles");

// The baseline's connections run as the desk's do (lib/db/create-client.ts): JIT off.
const raw = new pg.Pool({ connectionString: url, max: 4, options: "-c jit=off" });

// The busiest department and one of its agents; a requester with many requests in it.
const { rows: [busy] } = await raw.query<{ id: string; key: string; n: string }>(
  `SELECT d.id, d.key, count(*) AS n FROM "Request" r JOIN "Department" d ON d.id = r."departmentId" GROUP BY d.id, d.key ORDER BY count(*) DESC LIMIT 1`,
);
if (!busy) throw new Error(`no requests in ${url}: run npm run bench:generate first`);
const { rows: [agentRow] } = await raw.query<{ personId: string }>(`SELECT "personId" FROM "RoleGrant" WHERE role = 'AGENT' AND "departmentId" = $1 ORDER BY "personId" LIMIT 1`, [busy.id]);
const { rows: [requesterRow] } = await raw.query<{ requesterId: string }>(
  `SELECT "requesterId" FROM "Request" WHERE "departmentId" = $1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  [busy.id],
);
const agentId = agentRow!.personId;
const requesterId = requesterRow!.requesterId;
const agent = (await loadActor(db(), agentId))!;
const requester = (await loadActor(db(), requesterId))!;
const { rows: [counts] } = await raw.query<{ requests: string; open: string }>(
  `SELECT count(*) AS requests, count(*) FILTER (WHERE status NOT IN ('RESOLVED', 'CLOSED')) AS open FROM "Request" WHERE "departmentId" = $1`,
  [busy.id],
);
const { rows: [total] } = await raw.query<{ n: string }>(`SELECT count(*) AS n FROM "Request"`);
console.log(`database: ${Number(total!.n).toLocaleString("en")} requests; ${busy.key} has ${Number(counts!.requests).toLocaleString("en")}, ${Number(counts!.open).toLocaleString("en")} open; agent ${agentId}, requester ${requesterId}`);

// Requests to open: random ones of the busy department, as its agent; the requester's own, as them.
const { rows: agentRefs } = await raw.query<{ id: string; number: number }>(
  `SELECT id, number FROM "Request" WHERE "departmentId" = $1 ORDER BY md5(id) LIMIT $2`,
  [busy.id, RUNS],
);
const { rows: requesterRefs } = await raw.query<{ id: string; number: number; key: string; departmentId: string }>(
  `SELECT r.id, r.number, d.key, r."departmentId" FROM "Request" r JOIN "Department" d ON d.id = r."departmentId" WHERE r."requesterId" = $1 ORDER BY md5(r.id) LIMIT $2`,
  [requesterId, RUNS],
);

type Result = { name: string; p50: number; p95: number; baseP95?: number };
const results: Result[] = [];

const time = (runs: number, fn: (i: number) => Promise<unknown>) => timeRuns(runs, fn, Math.min(20, runs));
const pct = percentile;

async function bench(name: string, app: (i: number) => Promise<unknown>, baseline: (i: number) => Promise<unknown>) {
  if (ONLY && !name.includes(ONLY)) return;
  const a = await time(RUNS, app);
  const b = await time(RUNS, baseline);
  const r = { name, p50: pct(a, 50), p95: pct(a, 95), baseP95: pct(b, 95) };
  results.push(r);
  console.log(`${name.padEnd(46)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms   raw SQL p95 ${r.baseP95.toFixed(1).padStart(6)} ms   ratio ${(r.p95 / r.baseP95).toFixed(1)}×`);
}

// --- Queue ---------------------------------------------------------------------------------
const queueSql = (statusFilter: boolean, after: { at: Date; id: string } | null) =>
  raw.query(
    `SELECT r.id, r.number, r.title, r.status, r.priority, r.version, r."createdAt", r."updatedAt", t.name AS type, p.name AS requester, rd.name AS "requesterDepartment", a.id AS "assigneeId", a.name AS assignee,
            c.metric, c.state, c."dueAt", c.paused
       FROM "Request" r JOIN "RequestType" t ON t.id = r."typeId" JOIN "Person" p ON p.id = r."requesterId" JOIN "Department" rd ON rd.id = r."requesterDepartmentId"
       LEFT JOIN "Person" a ON a.id = r."assigneeId"
       LEFT JOIN LATERAL (SELECT metric, state, "dueAt", paused FROM "SlaClock" WHERE "requestId" = r.id AND segment = 0 AND "stoppedAt" IS NULL ORDER BY "dueAt" LIMIT 1) c ON true
      WHERE r."departmentId" = $1 ${statusFilter ? `AND r.status IN ('NEW', 'OPEN', 'WAITING_ON_REQUESTER')` : ""}
        ${after ? `AND (r."createdAt", r.id) < ($2, $3)` : ""}
      ORDER BY r."createdAt" DESC, r.id DESC LIMIT 51`,
    after ? [busy.id, after.at, after.id] : [busy.id],
  );

const queuePage = async (filter: Record<string, string>) => {
  const actor = await loadActor(db(), agentId);
  const queue = await listQueue({ actor: actor!, departmentKey: busy.key, filter });
  await assignableAgents(queue.department.id);
  return queue;
};
await bench("queue, first page (open requests)", () => queuePage({}), () => queueSql(true, null));
await bench("queue, first page (all statuses)", () => queuePage({ status: "ALL" }), () => queueSql(false, null));

// Next pages: a chain of cursors from deep in the queue, each page once.
const cursors: string[] = [];
const rawCursors: { at: Date; id: string }[] = [];
{
  let cursor: string | null | undefined;
  for (let i = 0; i < RUNS + 20; i++) {
    const page = await listQueue({ actor: agent, departmentKey: busy.key, filter: { status: "ALL", ...(cursor ? { cursor } : {}) } });
    if (!page.nextCursor) break;
    cursors.push(page.nextCursor);
    const last = page.rows.at(-1)!;
    rawCursors.push({ at: last.createdAt, id: last.id });
    cursor = page.nextCursor;
  }
}
await bench(
  `queue, next page (pages 2 to ${cursors.length + 1}, all statuses)`,
  (i) => queuePage({ status: "ALL", cursor: cursors[i % cursors.length]! }),
  (i) => queueSql(false, rawCursors[i % rawCursors.length]!),
);

// --- Request page ----------------------------------------------------------------------------
const requestSql = async (id: string, staff: boolean) => {
  await raw.query(
    `SELECT r.*, d.key, t.name, p.name, a.name FROM "Request" r JOIN "Department" d ON d.id = r."departmentId" JOIN "RequestType" t ON t.id = r."typeId"
       JOIN "Person" p ON p.id = r."requesterId" LEFT JOIN "Person" a ON a.id = r."assigneeId" WHERE r.id = $1`,
    [id],
  );
  await raw.query(`SELECT c.*, p.name FROM "Comment" c JOIN "Person" p ON p.id = c."authorId" WHERE c."requestId" = $1 ${staff ? "" : `AND c.visibility = 'PUBLIC'`} ORDER BY c."createdAt"`, [id]);
  await raw.query(`SELECT e.*, p.name FROM "RequestEvent" e LEFT JOIN "Person" p ON p.id = e."actorId" WHERE e."requestId" = $1 ORDER BY e.id`, [id]);
  await raw.query(`SELECT * FROM "SlaClock" WHERE "requestId" = $1`, [id]);
};
await bench(
  `request page, as the department's agent`,
  async (i) => {
    const actor = await loadActor(db(), agentId);
    const request = await getRequest({ actor: actor!, reference: `${busy.key}-${agentRefs[i % agentRefs.length]!.number}` });
    await assignableAgents(request.department.id);
    await requestClocks(request.id, request.department.id);
  },
  (i) => requestSql(agentRefs[i % agentRefs.length]!.id, true),
);
await bench(
  `request page, as its requester`,
  async (i) => {
    const ref = requesterRefs[i % requesterRefs.length]!;
    const actor = await loadActor(db(), requesterId);
    const request = await getRequest({ actor: actor!, reference: `${ref.key}-${ref.number}` });
    await requestClocks(request.id, request.department.id);
  },
  (i) => requestSql(requesterRefs[i % requesterRefs.length]!.id, false),
);

// --- My requests -----------------------------------------------------------------------------
// The requester's list with what to expect of each request (its requester-facing SLA clocks).
const myRequestsSql = async (all: boolean) => {
  const { rows } = await raw.query<{ id: string }>(
    `SELECT r.id, r.number, r.title, r.status, r."requesterId", r."createdAt", r."updatedAt", r."resolvedAt", r."closedAt", d.key, d.name, d."timeZone", t.name AS type, a.name AS assignee
       FROM "Request" r JOIN "Department" d ON d.id = r."departmentId" JOIN "RequestType" t ON t.id = r."typeId" LEFT JOIN "Person" a ON a.id = r."assigneeId"
      WHERE (r."requesterId" = $1 OR r.id = ANY(ARRAY(SELECT "requestId" FROM "Watcher" WHERE "personId" = $1)))
        ${all ? "" : `AND r.status IN ('NEW', 'OPEN', 'WAITING_ON_REQUESTER', 'RESOLVED')`}
      ORDER BY r."updatedAt" DESC, r.id DESC LIMIT 51`,
    [requesterId],
  );
  await raw.query(`SELECT "requestId", metric, cycle, state, paused, "dueAt", "stoppedAt", "breachedAt" FROM "SlaClock" WHERE "requestId" = ANY($1) AND segment = 0`, [rows.map((r) => r.id)]);
};
for (const show of ["open", "all"] as const) {
  await bench(
    `my requests (${show === "open" ? "in progress" : "all, including closed"}), as the requester`,
    async () => {
      const actor = await loadActor(db(), requesterId);
      await listMyRequests({ actor: actor!, show });
    },
    () => myRequestsSql(show === "all"),
  );
}

// --- Search ----------------------------------------------------------------------------------
const queries = ["printer", "vpn password", "broken monitor", '"docking station"', "refund -travel", "quota storage share", "catering", "visa certificate"];
for (const [who, personId, actor] of [["agent", agentId, agent], ["requester", requesterId, requester]] as const) {
  await bench(
    `search, as ${who === "agent" ? "the busy department's agent" : "an employee (own requests)"}`,
    async (i) => {
      const a = await loadActor(db(), personId);
      await searchRequests({ actor: a!, query: queries[i % queries.length]! });
    },
    async (i) => {
      const q = searchQuery({ actor, query: queries[i % queries.length]!, after: null });
      await raw.query(q.text, q.values);
    },
  );
}
// The one search of the header: requests and knowledge articles for the same words (lib/search/search-all.ts),
// beside the raw SQL of both halves.
const { rows: [articleCount] } = await raw.query<{ n: string }>(`SELECT count(*) AS n FROM "Article"`);
console.log(`knowledge: ${Number(articleCount!.n).toLocaleString("en")} articles`);
for (const [who, personId, actor] of [["agent", agentId, agent], ["requester", requesterId, requester]] as const) {
  await bench(
    `search over requests and articles, as ${who === "agent" ? "the busy department's agent" : "an employee"}`,
    async (i) => {
      const a = await loadActor(db(), personId);
      await searchAll({ actor: a!, query: queries[i % queries.length]! });
    },
    async (i) => {
      const query = queries[i % queries.length]!;
      const q = searchQuery({ actor, query, after: null });
      await raw.query(q.text, q.values);
      const articles = rankArticlesQuery({ actor, query: { websearch: query }, limit: 5 })!;
      await raw.query(articles.text, articles.values);
    },
  );
}
await raw.end();
await db().$disconnect();
console.log(JSON.stringify({ database: url, runs: RUNS, results }, null, 0));
