// CPU profile of the production server while it serves one page, on the bench:generate database:
//   npx tsx tests/bench/profile-page.ts --path /insights/organisation --role hr --views 50 [--keep]
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

const { values: args } = parseArgs({
  options: { path: { type: "string", default: "/insights/organisation" }, role: { type: "string", default: "hr" }, views: { type: "string", default: "20" }, top: { type: "string", default: "25" }, keep: { type: "boolean", default: false } },
});
const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/desk_bench";
const raw = new pg.Pool({ connectionString: url, max: 1 });
const roleOf: Record<string, string> = { hr: "HR", agent: "AGENT", head: "HEAD", admin: "ADMIN" };
const role = roleOf[args.role] ?? "HR";
const { rows } = await raw.query<{ id: string; email: string; name: string; authVersion: number }>(
  `SELECT p.id, p.email, p.name, p."authVersion" FROM "Person" p JOIN "RoleGrant" g ON g."personId" = p.id WHERE g.role = $1 ORDER BY p.id LIMIT 1`,
  [role],
);
await raw.end();
const person = rows[0];
if (!person) throw new Error(`nobody with role ${role}: run npm run bench:generate first`);
const secret = crypto.randomBytes(32).toString("base64");
const token = await encode({ secret, token: { sub: person.id, email: person.email, name: person.name, personId: person.id, authVersion: person.authVersion }, maxAge: 3600 });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "desk-prof-"));
// --cpu-prof is refused in NODE_OPTIONS, so the server is started here rather than by startApp.
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [`--cpu-prof`, `--cpu-prof-dir=${dir}`, "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
  env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, DESK_EMBEDDED: "false", NEXTAUTH_SECRET: secret, NEXTAUTH_URL: baseUrl, DESK_DATA_DIR: dir, LOG_LEVEL: "warn", DESK_JOBS: "false" },
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
  for (let i = 0; i < Number(args.views); i++) {
    const res = await fetch(`${baseUrl}${args.path}`, { headers: { cookie: `next-auth.session-token=${token}` } });
    if (res.status !== 200) throw new Error(`${args.path} answered ${res.status}`);
    await res.text();
  }
} finally {
  server.kill("SIGINT");
  await exited;
}

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const files = fs.readdirSync(dir).map((f) => path.join(dir, f));
const largest = files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
if (!largest) throw new Error("no profile written");
const profile = JSON.parse(fs.readFileSync(largest, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
// Idle time is the process waiting (for PostgreSQL, or the next request): not CPU.
profile.samples.forEach((id, i) => {
  if (byId.get(id)?.callFrame.functionName !== "(idle)") self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
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
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
console.log(`${args.path} as ${role}, ${args.views} views: ${(total / 1000 / Number(args.views)).toFixed(1)} ms sampled per view (${path.basename(largest)})`);
console.log("\nby package or place:");
for (const [k, v] of [...pkg].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${pct(v)}  ${k}`);
console.log("\nfunctions by self time:");
for (const [k, v] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, Number(args.top))) console.log(`  ${pct(v)}  ${k.slice(0, 140)}`);
if (args.keep) console.log(`\nprofile kept: ${largest} (open it in Chrome's DevTools, Performance tab)`);
else fs.rmSync(dir, { recursive: true, force: true });
