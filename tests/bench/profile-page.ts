// CPU profile of the production server while it serves one page, on the bench:generate database:
//   npx tsx tests/bench/profile-page.ts --path /insights/organisation --role hr --views 50 [--keep]
// or one API write, called as bench:http calls it (an API token made for the run, removed afterwards):
//   npx tsx tests/bench/profile-page.ts --write file|reply|status --views 300
// Starts the built app (`next start`, the server in one process) with --cpu-prof, signs the person in with a
// minted session cookie (as bench:http does), fetches the page --views times one after the other,
// stops the app and prints the functions with most self time and the share per package, from the
// largest profile written. Not a test: figures only.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { spawn } from "node:child_process";
import { freePort } from "../support/app-server";
import { generateTokenSecret } from "@/lib/api-tokens/token-secret";

const { values: args } = parseArgs({
  options: { path: { type: "string", default: "/insights/organisation" }, role: { type: "string", default: "hr" }, views: { type: "string", default: "20" }, write: { type: "string" }, top: { type: "string", default: "25" }, keep: { type: "boolean", default: false } },
});
const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/desk_bench";
const raw = new pg.Pool({ connectionString: url, max: 1 });
const roleOf: Record<string, string> = { hr: "HR", agent: "AGENT", head: "HEAD", admin: "ADMIN" };
const role = roleOf[args.role] ?? "HR";
const { rows } = await raw.query<{ id: string; email: string; name: string; authVersion: number }>(
  `SELECT p.id, p.email, p.name, p."authVersion" FROM "Person" p JOIN "RoleGrant" g ON g."personId" = p.id WHERE g.role = $1 ORDER BY p.id LIMIT 1`,
  [role],
);
const person = rows[0];
if (!person) throw new Error(`nobody with role ${role}: run npm run bench:generate first`);
const write = args.write ? await prepareWrite(args.write) : null;
const secret = crypto.randomBytes(32).toString("base64");
const token = await encode({ secret, token: { sub: person.id, email: person.email, name: person.name, personId: person.id, authVersion: person.authVersion }, maxAge: 3600 });

let profiledFrom = 0n;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "desk-prof-"));
// --cpu-prof is refused in NODE_OPTIONS, so the server is started here rather than by startApp.
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [`--cpu-prof`, `--cpu-prof-dir=${dir}`, "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
  env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, DESK_EMBEDDED: "false", NEXTAUTH_SECRET: secret, NEXTAUTH_URL: baseUrl, DESK_DATA_DIR: dir, LOG_LEVEL: "warn", DESK_JOBS: "false", DESK_API_RATE_LIMIT: "1000000" },
  stdio: ["ignore", "ignore", "inherit"],
});
const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
try {
  for (let tries = 0; ; tries++) {
    const up = await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false);
    if (up) break;
    if (tries > 240) throw new Error("the server did not answer in 120 s");
    await new Promise((r) => setTimeout(r, 500));
  }
  // The first calls load modules and open pool connections: they are made before the profiled ones and left out of the figures
  // (V8's sample times and process.hrtime both read the monotonic clock).
  const warmUp = Math.min(20, Number(args.views));
  for (let i = -warmUp; i < Number(args.views); i++) {
    if (i === 0) profiledFrom = process.hrtime.bigint() / 1000n;
    const call = write ? write.call(i + warmUp) : { path: args.path, init: { headers: { cookie: `next-auth.session-token=${token}` } } };
    const res = await fetch(`${baseUrl}${call.path}`, call.init);
    if (res.status >= 300) throw new Error(`${call.path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    await res.text();
  }
} finally {
  server.kill("SIGINT");
  await exited;
  await write?.cleanUp();
  await raw.end();
}

/** An API write as bench:http makes it: the busiest department's agent replies and flips statuses, its top requester files. */
async function prepareWrite(kind: string) {
  const one = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    const row = (await raw.query<T>(text, values)).rows[0];
    if (!row) throw new Error(`no row for ${text}: run npm run bench:generate first`);
    return row;
  };
  const busy = await one<{ id: string; key: string }>(`SELECT d.id, d.key FROM "Request" r JOIN "Department" d ON d.id = r."departmentId" GROUP BY d.id, d.key ORDER BY count(*) DESC LIMIT 1`);
  const agentId = (await one<{ personId: string }>(`SELECT "personId" FROM "RoleGrant" g WHERE role = 'AGENT' AND "departmentId" = $1
      AND NOT EXISTS (SELECT 1 FROM "RoleGrant" h WHERE h."personId" = g."personId" AND h.role = 'HEAD') ORDER BY "personId" LIMIT 1`, [busy.id])).personId;
  const requesterId = (await one<{ requesterId: string }>(`SELECT "requesterId" FROM "Request" r WHERE "departmentId" = $1 AND NOT EXISTS (SELECT 1 FROM "RoleGrant" g WHERE g."personId" = r."requesterId")
      GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`, [busy.id])).requesterId;
  const { secret: tokenSecret, prefix, hash } = generateTokenSecret();
  const tokenId = `bench-profile-${crypto.randomBytes(6).toString("hex")}`;
  await raw.query(`INSERT INTO "ApiToken" (id, "personId", name, prefix, "tokenHash") VALUES ($1, $2, 'bench:profile', $3, $4)`, [tokenId, kind === "file" ? requesterId : agentId, prefix, hash]);
  const headers = { authorization: `Bearer ${tokenSecret}`, "content-type": "application/json" };
  const run = crypto.randomBytes(4).toString("hex");
  const cleanUp = async () => {
    await raw.query(`DELETE FROM "ApiIdempotencyKey" WHERE "tokenId" = $1`, [tokenId]);
    await raw.query(`DELETE FROM "ApiToken" WHERE id = $1`, [tokenId]);
  };
  if (kind === "file") {
    const type = await one<{ id: string }>(`SELECT id FROM "RequestType" WHERE "departmentId" = $1 AND active ORDER BY "sortOrder", id LIMIT 1`, [busy.id]);
    const body = JSON.stringify({ typeId: type.id, title: "Load test request", description: "Filed by profile-page.ts.", fieldValues: {} });
    return { cleanUp, call: (i: number) => ({ path: "/api/v1/requests", init: { method: "POST", headers: { ...headers, "idempotency-key": `bench-profile-${run}-${i}` }, body } }) };
  }
  const statuses = kind === "reply" ? "'NEW', 'WAITING_ON_REQUESTER'" : "'OPEN'";
  const { rows: refs } = await raw.query<{ ref: string }>(`SELECT $2 || '-' || number AS ref FROM "Request" WHERE "departmentId" = $1 AND status IN (${statuses}) ORDER BY md5(id) LIMIT 2000`, [busy.id, busy.key]);
  if (kind === "reply") {
    const body = JSON.stringify({ body: "Looking into it (profile-page.ts).", visibility: "PUBLIC" });
    return { cleanUp, call: (i: number) => ({ path: `/api/v1/requests/${refs[i % refs.length]!.ref}/comments`, init: { method: "POST", headers, body } }) };
  }
  if (kind !== "status") throw new Error(`--write is file, reply or status, not ${kind}`);
  // Each request goes OPEN -> WAITING_ON_REQUESTER -> OPEN ... as bench:http flips them.
  return {
    cleanUp,
    call: (i: number) => {
      const status = Math.floor(i / refs.length) % 2 ? "OPEN" : "WAITING_ON_REQUESTER";
      return { path: `/api/v1/requests/${refs[i % refs.length]!.ref}/status`, init: { method: "PUT", headers, body: JSON.stringify({ status }) } };
    },
  };
}

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number };
const files = fs.readdirSync(dir).map((f) => path.join(dir, f));
const largest = files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
if (!largest) throw new Error("no profile written");
const profile = JSON.parse(fs.readFileSync(largest, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
// Idle time is the process waiting (for PostgreSQL, or the next request): not CPU.
let sampledAt = profile.startTime;
profile.samples.forEach((id, i) => {
  sampledAt += profile.timeDeltas[i] ?? 0;
  if (BigInt(Math.round(sampledAt)) < profiledFrom) return;
  if (byId.get(id)?.callFrame.functionName !== "(idle)") self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
if (profiledFrom < BigInt(Math.round(profile.startTime)) || profiledFrom > BigInt(Math.round(sampledAt))) throw new Error("the profile's clock does not match this process's: cannot leave the warm-up out");
const total = [...self.values()].reduce((a, b) => a + b, 0);
const fn = new Map<string, number>();
const pkg = new Map<string, number>();
for (const [id, us] of self) {
  const { functionName, url: file, lineNumber } = byId.get(id)!.callFrame;
  const short = file.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\.next\//, ".next/");
  fn.set(`${functionName || "(anonymous)"} ${short}:${lineNumber + 1}`, (fn.get(`${functionName || "(anonymous)"} ${short}:${lineNumber + 1}`) ?? 0) + us);
  const group = !file ? functionName || "(native)" : file.includes("node_modules/") ? file.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, "$1") : file.includes(".next/server/chunks") ? ".next chunks (app and bundled packages)" : "other";
  pkg.set(group, (pkg.get(group) ?? 0) + us);
}
// Total (inclusive) time per function: each sample counts once for every function on its stack.
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const keyOf = (id: number) => {
  const { functionName, url: file, lineNumber } = byId.get(id)!.callFrame;
  return `${functionName || "(anonymous)"} ${file.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\.next\//, ".next/")}:${lineNumber + 1}`;
};
const inclusive = new Map<string, number>();
for (const [id, us] of self) {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(keyOf(at));
  for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + us);
}
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
console.log(`${args.write ? `API write ${args.write}` : `${args.path} as ${role}`}, ${args.views} views: ${(total / 1000 / Number(args.views)).toFixed(1)} ms sampled per view (${path.basename(largest)})`);
console.log("\nby package or place:");
for (const [k, v] of [...pkg].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${pct(v)}  ${k}`);
console.log("\nfunctions by self time:");
for (const [k, v] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, Number(args.top))) console.log(`  ${pct(v)}  ${k.slice(0, 140)}`);
console.log("\nfunctions by total time (with what they call):");
for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, Number(args.top) * 2)) console.log(`  ${pct(v)}  ${k.slice(0, 140)}`);
if (args.keep) console.log(`\nprofile kept: ${largest} (open it in Chrome's DevTools, Performance tab)`);
else fs.rmSync(dir, { recursive: true, force: true });
