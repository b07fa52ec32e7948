// Whole pages and writes over HTTP, as people get them, on the `npm run bench:generate` database:
//   npm run bench:http                                  # builds, then 10 and 50 clients, 8 s each
//   npm run bench:http -- --skip-build --duration 5 --connections 10
//   npm run bench:http -- --only queue,health           # some rows only
//   npm run bench:http -- --skip-build --no-load        # bytes and CPU per view only (one request at a time, no autocannon load)
// The production build is started as users start it (tests/support/app-server.ts) against
// BENCH_DATABASE_URL (default desk_bench on local PostgreSQL). People of each role are signed in
// with a session cookie minted the way the app's own next-auth JWT sessions are (same secret, same
// claims); the writes use API tokens made for the run and removed afterwards (the requests, replies
// and status changes they make stay in the bench database).
// Per row: requests/s, latency p50/p99, node CPU per request (every process of the app's process
// group, from /proc), PostgreSQL CPU per request (the backends connected to the bench database, from
// /proc) — both measured one request at a time over --cpu-requests requests, so that no request is
// left in flight to blur them — HTML bytes of one response and how much of it is the inline RSC payload, non-2xx, and the
// ratio of requests/s to GET /api/health measured just before in the same run. Load average printed
// with each block: the machine is shared, so read the ratios. Not a test: figures only.
// The instance serves pages only (DESK_JOBS=false, as a web instance beside a separate job instance
// in production): its job workers would otherwise run in the measured processes, and the dashboard
// roll-up's catch-up after the writes rows touched old requests (every day of their histories
// forgotten and rebuilt, seconds of PostgreSQL a run) was being counted as the pages' CPU. --jobs
// runs them in the instance as `npm start` does.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { startApp, type AppHandle } from "../support/app-server";
import { signedIn } from "../support/signed-in";

const { values: args } = parseArgs({
  options: {
    connections: { type: "string", default: "10,50" },
    duration: { type: "string", default: "8" },
    "cpu-requests": { type: "string", default: "20" },
    "skip-build": { type: "boolean", default: false },
    "no-load": { type: "boolean", default: false },
    only: { type: "string" },
    json: { type: "string" },
    jobs: { type: "boolean", default: false },
  },
});
const CONNECTIONS = args.connections.split(",").map(Number);
const DURATION = Number(args.duration);
const CPU_REQUESTS = Number(args["cpu-requests"]);
const ONLY = args.only ? new Set(args.only.split(",")) : null;
const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/desk_bench";
const dbName = decodeURIComponent(new URL(url).pathname.slice(1));
const CLK_TCK = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

if (!args["skip-build"]) {
  console.log("next build …");
  execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: ["ignore", "ignore", "inherit"] });
}

const raw = new pg.Pool({ connectionString: url, max: 2 });
const one = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
  const { rows } = await raw.query<T>(text, values);
  if (!rows[0]) throw new Error(`no row for ${text}: run npm run bench:generate first`);
  return rows[0];
};

// Who and what: the busiest department, one of its agents, its head, HR, and the requester with most requests in it.
const busy = await one<{ id: string; key: string }>(
  `SELECT d.id, d.key FROM "Request" r JOIN "Department" d ON d.id = r."departmentId" GROUP BY d.id, d.key ORDER BY count(*) DESC LIMIT 1`,
);
const agentId = (await one<{ personId: string }>(`SELECT "personId" FROM "RoleGrant" g WHERE role = 'AGENT' AND "departmentId" = $1
    AND NOT EXISTS (SELECT 1 FROM "RoleGrant" h WHERE h."personId" = g."personId" AND h.role = 'HEAD') ORDER BY "personId" LIMIT 1`, [busy.id])).personId;
const headId = (await one<{ personId: string }>(`SELECT "personId" FROM "RoleGrant" WHERE role = 'HEAD' AND "departmentId" = $1 ORDER BY "personId" LIMIT 1`, [busy.id])).personId;
const hrId = (await one<{ personId: string }>(`SELECT "personId" FROM "RoleGrant" WHERE role = 'HR' ORDER BY "personId" LIMIT 1`)).personId;
const requesterId = (
  await one<{ requesterId: string }>(
    `SELECT "requesterId" FROM "Request" r WHERE "departmentId" = $1 AND NOT EXISTS (SELECT 1 FROM "RoleGrant" g WHERE g."personId" = r."requesterId")
      GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    [busy.id],
  )
).requesterId;
const type = await one<{ id: string; slug: string }>(`SELECT id, slug FROM "RequestType" WHERE "departmentId" = $1 AND active ORDER BY "sortOrder", id LIMIT 1`, [busy.id]);
const { rows: agentRefs } = await raw.query<{ ref: string }>(
  `SELECT $2 || '-' || number AS ref FROM "Request" WHERE "departmentId" = $1 ORDER BY md5(id) LIMIT 200`,
  [busy.id, busy.key],
);
const { rows: requesterRefs } = await raw.query<{ ref: string }>(
  `SELECT d.key || '-' || r.number AS ref FROM "Request" r JOIN "Department" d ON d.id = r."departmentId" WHERE r."requesterId" = $1 ORDER BY md5(r.id) LIMIT 200`,
  [requesterId],
);
// Status changes go round open requests, each flipped OPEN -> WAITING_ON_REQUESTER -> OPEN ...
const { rows: openRefs } = await raw.query<{ ref: string }>(
  `SELECT $2 || '-' || number AS ref FROM "Request" WHERE "departmentId" = $1 AND status = 'OPEN' ORDER BY md5(id) LIMIT 2000`,
  [busy.id, busy.key],
);
const { rows: replyRefs } = await raw.query<{ ref: string }>(
  `SELECT $2 || '-' || number AS ref FROM "Request" WHERE "departmentId" = $1 AND status IN ('NEW', 'WAITING_ON_REQUESTER') ORDER BY md5(id) LIMIT 200`,
  [busy.id, busy.key],
);
const total = await one<{ n: string }>(`SELECT count(*)::text AS n FROM "Request"`);

const secret = crypto.randomBytes(32).toString("base64");
const { sessionCookie, apiToken, tokenIds } = signedIn(raw, { secret, tokenName: "bench:http" });

type Target = {
  name: string;
  cookie?: string;
  paths: string[];
  method?: "GET" | "POST" | "PUT";
  headers?: Record<string, string>;
  body?: (i: number) => string;
};
const cookies = {
  agent: await sessionCookie(agentId),
  head: await sessionCookie(headId),
  hr: await sessionCookie(hrId),
  requester: await sessionCookie(requesterId),
};
const employeeToken = await apiToken(requesterId);
const agentToken = await apiToken(agentId);
const json = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });
const run = crypto.randomBytes(4).toString("hex");
const flips = new Map<string, number>();

const targets: Target[] = [
  { name: "health", paths: ["/api/health"] },
  { name: "queue", cookie: cookies.agent, paths: [`/queue/${busy.key}`] },
  { name: "request-agent", cookie: cookies.agent, paths: agentRefs.map((r) => `/requests/${r.ref}`) },
  { name: "request-requester", cookie: cookies.requester, paths: requesterRefs.map((r) => `/requests/${r.ref}`) },
  { name: "my-requests", cookie: cookies.requester, paths: ["/requests"] },
  { name: "search", cookie: cookies.agent, paths: ["/search?q=printer"] },
  { name: "dashboard", cookie: cookies.head, paths: [`/insights/${busy.key}`] },
  { name: "sla-report", cookie: cookies.head, paths: [`/insights/${busy.key}/sla`] },
  { name: "organisation", cookie: cookies.hr, paths: ["/insights/organisation"] },
  { name: "catalogue", cookie: cookies.requester, paths: ["/catalog"] },
  { name: "type-form", cookie: cookies.requester, paths: [`/catalog/${busy.key}/${type.slug}`] },
  // A page with little on it (the layout's three statements and the requester's approvals, none waiting):
  // what any page costs before its own work, the floor the main pages' ratios are read against.
  { name: "approvals", cookie: cookies.requester, paths: ["/approvals"] },
  {
    name: "POST file",
    method: "POST",
    paths: ["/api/v1/requests"],
    headers: json(employeeToken),
    body: () => JSON.stringify({ typeId: type.id, title: "Load test request", description: "Filed by npm run bench:http.", fieldValues: {} }),
  },
  {
    name: "POST reply",
    method: "POST",
    paths: replyRefs.map((r) => `/api/v1/requests/${r.ref}/comments`),
    headers: json(agentToken),
    body: () => JSON.stringify({ body: "Looking into it (bench:http).", visibility: "PUBLIC" }),
  },
  {
    name: "PUT status",
    method: "PUT",
    paths: openRefs.map((r) => `/api/v1/requests/${r.ref}/status`),
    headers: json(agentToken),
    body: (i) => {
      const ref = openRefs[i % openRefs.length]!.ref;
      const n = (flips.get(ref) ?? 0) + 1;
      flips.set(ref, n);
      return JSON.stringify({ status: n % 2 ? "WAITING_ON_REQUESTER" : "OPEN" });
    },
  },
];

// --- CPU from /proc -------------------------------------------------------------------------
function cpuTicks(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0;
  }
}
function groupPids(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid) pids.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return pids;
}
async function backendPids(): Promise<number[]> {
  const { rows } = await raw.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [dbName]);
  return rows.map((r) => r.pid);
}
type Snapshot = { node: Map<number, number>; pg: Map<number, number> };
async function snapshot(app: AppHandle): Promise<Snapshot> {
  return {
    node: new Map(groupPids(app.pid).map((p) => [p, cpuTicks(p)])),
    pg: new Map((await backendPids()).map((p) => [p, cpuTicks(p)])),
  };
}
const spent = (before: Map<number, number>, after: Map<number, number>) => {
  let ticks = 0;
  for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
  return (ticks * 1000) / CLK_TCK;
};

async function settle(app: AppHandle) {
  const groupTicks = () => groupPids(app.pid).reduce((sum, p) => sum + cpuTicks(p), 0);
  let last = groupTicks();
  for (let waited = 0; waited < 60_000; waited += 500) {
    await new Promise((r) => setTimeout(r, 500));
    const now = groupTicks();
    if (now - last <= 2) return;
    last = now;
  }
}

// --- load -----------------------------------------------------------------------------------
type Row = {
  name: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  done: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  nodeMs: number;
  pgMs: number;
  htmlBytes: number;
  rscBytes: number;
  ratio: number;
  load: string;
};

// Per target across all its runs, so every filing has an Idempotency-Key of its own and each status change flips.
const counters = new Map<string, number>();
function requestsOf(target: Target) {
  return [
    {
      setupRequest: (req: { headers?: Record<string, string> }) => {
        const n = counters.get(target.name) ?? 0;
        counters.set(target.name, n + 1);
        const headers: Record<string, string> = { ...req.headers, ...(target.headers ?? {}) };
        if (target.cookie) headers.cookie = target.cookie;
        if (target.name === "POST file") headers["idempotency-key"] = `bench-http-${run}-${n}`;
        return { ...req, method: target.method ?? "GET", path: target.paths[n % target.paths.length], headers, body: target.body?.(n) };
      },
    },
  ];
}

async function probe(app: AppHandle, target: Target): Promise<{ html: number; rsc: number }> {
  const headers: Record<string, string> = { ...(target.headers ?? {}) };
  if (target.cookie) headers.cookie = target.cookie;
  if (target.name === "POST file") headers["idempotency-key"] = `bench-http-${run}-probe`;
  const res = await fetch(app.baseUrl + target.paths[0], { method: target.method ?? "GET", headers, body: target.body?.(0), redirect: "manual" });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${target.name}: ${target.paths[0]} answered ${res.status}: ${text.slice(0, 300)}`);
  // The inline RSC payload: what self.__next_f.push(...) scripts carry beside the HTML.
  let rsc = 0;
  for (const m of text.matchAll(/<script[^>]*>self\.__next_f\.push\(([\s\S]*?)\)<\/script>/g)) rsc += Buffer.byteLength(m[1]!);
  return { html: Buffer.byteLength(text), rsc };
}

/** CPU per request, one request at a time: every request answered before the next, so nothing is left in flight. */
async function cpuPerRequest(app: AppHandle, target: Target): Promise<{ nodeMs: number; pgMs: number }> {
  const before = await snapshot(app);
  const result = await autocannon({ url: app.baseUrl, connections: 1, amount: CPU_REQUESTS, requests: requestsOf(target) });
  const after = await snapshot(app);
  const done = Math.max(result.requests.total, 1);
  return { nodeMs: spent(before.node, after.node) / done, pgMs: spent(before.pg, after.pg) / done };
}

async function measure(app: AppHandle, target: Target, connections: number, base: number | null): Promise<Row> {
  const result = await autocannon({ url: app.baseUrl, connections, duration: DURATION, requests: requestsOf(target) });
  // Let the requests still in flight when the time was up finish before the next row starts.
  await settle(app);
  return {
    name: target.name,
    connections,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    done: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    nodeMs: 0,
    pgMs: 0,
    htmlBytes: 0,
    rscBytes: 0,
    ratio: base ? result.requests.average / base : 1,
    load: fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" "),
  };
}

const kB = (n: number) => (n ? `${(n / 1024).toFixed(0)} kB` : "—");
const header = `${"row".padEnd(18)} ${"conns".padStart(5)} ${"req/s".padStart(7)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"node ms/req".padStart(11)} ${"pg ms/req".padStart(9)} ${"HTML".padStart(7)} ${"of it RSC".padStart(9)} ${"vs health".padStart(9)} ${"non-2xx/err/timeout".padStart(20)}  load`;
const note = "node and pg ms/req: CPU per request measured one request at a time (see cpuPerRequest), the same in both blocks";
const print = (r: Row) =>
  console.log(
    `${r.name.padEnd(18)} ${String(r.connections).padStart(5)} ${r.rps.toFixed(1).padStart(7)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${r.nodeMs.toFixed(1).padStart(11)} ${r.pgMs.toFixed(1).padStart(9)} ${kB(r.htmlBytes).padStart(7)} ${kB(r.rscBytes).padStart(9)} ${r.ratio.toFixed(3).padStart(9)} ${`${r.non2xx}/${r.errors}/${r.timeouts}`.padStart(20)}  ${r.load}`,
  );

let app: AppHandle | undefined;
const rows: Row[] = [];
try {
  app = await startApp({
    name: "bench-http",
    timeoutMs: 300_000,
    env: { DATABASE_URL: url, NEXTAUTH_SECRET: secret, DESK_API_RATE_LIMIT: "1000000", DESK_ACTION_RATE_LIMIT: "1000000", LOG_LEVEL: "warn", DESK_JOBS: args.jobs ? "true" : "false" },
  });
  console.log(`${Number(total.n).toLocaleString("en")} requests in ${dbName}; busiest department ${busy.key}; agent ${agentId}, head ${headId}, HR ${hrId}, requester ${requesterId}; ${DURATION} s per row`);
  const sizes = new Map<string, { html: number; rsc: number }>();
  const cpu = new Map<string, { nodeMs: number; pgMs: number }>();
  for (const target of targets) {
    if (ONLY && !ONLY.has(target.name) && target.name !== "health") continue;
    sizes.set(target.name, await probe(app, target));
    // Warm-up: the first calls compile nothing in production, but fill caches and pools.
    await autocannon({ url: app.baseUrl, connections: 2, duration: 1, requests: requestsOf(target) });
    await settle(app);
    cpu.set(target.name, await cpuPerRequest(app, target));
  }
  if (args["no-load"]) {
    console.log(`${"row".padEnd(18)} ${"node ms/req".padStart(11)} ${"pg ms/req".padStart(9)} ${"HTML".padStart(7)} ${"of it RSC".padStart(9)}  (${CPU_REQUESTS} views one at a time, load ${fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")})`);
    for (const [name, c] of cpu) console.log(`${name.padEnd(18)} ${c.nodeMs.toFixed(1).padStart(11)} ${c.pgMs.toFixed(1).padStart(9)} ${kB(sizes.get(name)!.html).padStart(7)} ${kB(sizes.get(name)!.rsc).padStart(9)}`);
  }
  for (const connections of args["no-load"] ? [] : CONNECTIONS) {
    console.log(`\n${connections} connections, ${DURATION} s per row, load average ${fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}; ${note}`);
    console.log(header);
    let base: number | null = null;
    for (const target of targets) {
      if (!sizes.has(target.name)) continue;
      // Each block starts with the baseline, so every ratio compares measurements of one run.
      const row = await measure(app, target, connections, target.name === "health" ? null : base);
      if (target.name === "health") base = row.rps;
      const size = sizes.get(target.name)!;
      Object.assign(row, cpu.get(target.name));
      if (!target.method) Object.assign(row, { htmlBytes: size.html, rscBytes: size.rsc });
      rows.push(row);
      print(row);
    }
  }
} finally {
  await app?.stop();
  if (tokenIds.length) await raw.query(`DELETE FROM "ApiIdempotencyKey" WHERE "tokenId" = ANY($1)`, [tokenIds]).catch(() => {});
  if (tokenIds.length) await raw.query(`DELETE FROM "ApiToken" WHERE id = ANY($1)`, [tokenIds]).catch(() => {});
  await raw.end();
}
if (args.json) fs.writeFileSync(args.json, JSON.stringify(rows, null, 2));
