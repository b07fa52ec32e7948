// `npm run test:faults`: the desk under faults, as a reliability engineer would try it. Starts its
// own PostgreSQL (Debian's binaries, its own data folder and port, fsync on), an SMTP sink and two
// app instances (production build, migrations run as their own step), drives a bounded mixed load of
// API clients that retry with their Idempotency-Key, injects the faults below one after the other,
// and prints what was acknowledged, lost, duplicated, the errors by kind and the time to recover,
// the emails and the SLA notices. Exits 1 when a target is missed.
//   faults: two instances starting together on a database without the job schema; kill -9 of an
//   instance; PostgreSQL restarted in fast and in immediate mode; SIGTERM to an instance's launcher
//   (container semantics) and to its process group; kill -9 of `db:migrate` at moments of a migration.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "../support/app-server";
import { startSmtpCapture } from "../support/smtp-capture";

const root = path.resolve(import.meta.dirname, "../..");
const artifacts = path.join(root, "tests/.artifacts/faults");
fs.mkdirSync(artifacts, { recursive: true });
// Each instance's log is appended to across its restarts within a run, so an earlier run's must go
// first: the report counts unhandled errors in these files.
for (const name of ["A", "B"]) fs.rmSync(path.join(artifacts, `instance-${name}.log`), { force: true });
const bin = "/usr/lib/postgresql/15/bin";
const asRoot = process.getuid?.() === 0;
const log = (m: string) => console.log(`[faults ${new Date().toISOString().slice(11, 19)}] ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

if (!fs.existsSync(path.join(root, ".next/BUILD_ID"))) {
  log("no production build: running next build");
  if (spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit" }).status !== 0) process.exit(1);
}

// ---------------------------------------------------------------- PostgreSQL of our own
const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), "desk-faults-pg-"));
const dataDir = path.join(pgDir, "data");
const pgPort = await freePort();
function pgCmd(args: string[]) {
  const cmd = asRoot ? "runuser" : args[0]!;
  const full = asRoot ? ["-u", "postgres", "--", ...args] : args.slice(1);
  const r = spawnSync(cmd, full, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr || r.stdout}`);
  return r.stdout;
}
if (asRoot) spawnSync("chown", ["postgres", pgDir]);
pgCmd([`${bin}/initdb`, "-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-instructions"]);
const pgOptions = `-p ${pgPort} -k ${pgDir} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200`;
const pgCtl = (...args: string[]) => pgCmd([`${bin}/pg_ctl`, "-D", dataDir, "-l", path.join(pgDir, "server.log"), "-o", pgOptions, "-w", ...args]);
pgCtl("start");
const serverUrl = `postgresql://postgres@127.0.0.1:${pgPort}/postgres`;
const admin = async (sql: string) => {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
};
await admin("CREATE DATABASE desk");
const url = `postgresql://postgres@127.0.0.1:${pgPort}/desk`;
log(`PostgreSQL 15 on port ${pgPort} (${dataDir})`);

// Migrations as their own step, as the README says to deploy.
// Scripts run as `node --import tsx`, never through tsx's CLI: the CLI is a second process that, on a
// busy machine, SIGKILLs its child when the child is slow to acknowledge a signal (and a kill -9 of
// the CLI would leave the script running), so the harness would not be testing what it says.
const tsx = ["--import", "tsx"];
const migrate = spawnSync(process.execPath, [...tsx, "scripts/migrate.ts"], { cwd: root, env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
if (migrate.status !== 0) throw new Error(`db:migrate failed: ${migrate.stderr}`);

// ---------------------------------------------------------------- data and tokens
process.env.DATABASE_URL = url;
process.env.DESK_EMBEDDED = "false";
process.env.LOG_LEVEL = "silent";
const { db } = await import("@/lib/db/client");
const { seedDesk, seedPolicies } = await import("../support/factories");
const { createApiToken } = await import("@/lib/api-tokens/create-api-token");
const desk = await seedDesk([]);
// Minutes-long targets on a round-the-clock calendar: warnings and breaches come due during the run.
await seedPolicies(desk.provider.id, [{ requestTypeIds: [desk.type.id], firstResponse: 2, resolution: 3 }]);
const requesterToken = (await createApiToken({ actor: desk.requester, input: { name: "faults", expiresIn: "never" } })).secret;
const agentToken = (await createApiToken({ actor: desk.agent, input: { name: "faults", expiresIn: "never" } })).secret;

const smtp = await startSmtpCapture();

// ---------------------------------------------------------------- app instances
type Instance = { name: string; port: number; base: string; child: ChildProcess; logFile: string; exited: Promise<void>; startedAt: number };
const secret = crypto.randomBytes(32).toString("base64url");
const ports = { A: await freePort(), B: await freePort() };
const instances: Record<"A" | "B", Instance> = {} as never;
function startInstance(name: "A" | "B"): Instance {
  const port = ports[name];
  const logFile = path.join(artifacts, `instance-${name}.log`);
  const out = fs.openSync(logFile, "a");
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "start"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", out, out],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: url,
      DESK_MIGRATE: "false",
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      DESK_API_RATE_LIMIT: "1000000",
      DESK_SHUTDOWN_GRACE_SECONDS: "20",
      LOG_LEVEL: "warn",
      DESK_EMBEDDED: "",
    },
  });
  fs.closeSync(out);
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const instance = { name, port, base: `http://127.0.0.1:${port}`, child, logFile, exited, startedAt: Date.now() };
  instances[name] = instance;
  return instance;
}
async function health(i: Instance): Promise<{ status: number; body: string } | null> {
  try {
    const res = await fetch(`${i.base}/api/health`, { signal: AbortSignal.timeout(3000) });
    return { status: res.status, body: await res.text() };
  } catch {
    return null;
  }
}
async function waitHealthy(i: Instance, want: RegExp = /"ok"|"degraded"/, timeoutMs = 120_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const h = await health(i);
    if (h?.status === 200 && want.test(h.body)) return Date.now() - started;
    await sleep(250);
  }
  throw new Error(`instance ${i.name} not healthy within ${timeoutMs} ms (see ${i.logFile})`);
}
const killGroup = (i: Instance, signal: NodeJS.Signals) => {
  try {
    process.kill(-i.child.pid!, signal);
  } catch {
    /* gone */
  }
};

// ---------------------------------------------------------------- load
type Outcome = "ok" | "500" | "503" | "429" | "409" | "4xx" | "refused" | "cut" | "timeout";
type Attempt = { instance: "A" | "B"; startedAt: number; endedAt: number; outcome: Outcome; detail?: string };
const attempts: Attempt[] = [];
const acked = { requests: new Map<string, string>(), comments: new Map<string, string>(), statuses: 0 };
let phase = "start";
const phaseOf = new Map<Attempt, string>();
let running = true;

async function send(method: string, p: string, token: string, body: unknown, prefer: "A" | "B") {
  const key = crypto.randomUUID();
  let target = prefer;
  for (let attempt = 0; attempt < 60; attempt++) {
    const i = instances[target];
    const a: Attempt = { instance: target, startedAt: Date.now(), endedAt: 0, outcome: "ok" };
    phaseOf.set(a, phase);
    attempts.push(a);
    let retryAfter = 0;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(Object.assign(new Error("timed out"), { name: "TimeoutError" })), 20_000);
    try {
      const res = await fetch(`${i.base}/api/v1${p}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": key },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      const json = (await res.json().catch(() => null)) as Record<string, any> | null;
      a.endedAt = Date.now();
      if (res.ok) return json;
      a.outcome = res.status === 500 ? "500" : res.status === 503 ? "503" : res.status === 429 ? "429" : res.status === 409 ? "409" : "4xx";
      if (a.outcome === "4xx" || a.outcome === "409") return null;
      retryAfter = Number(res.headers.get("retry-after") ?? "1");
    } catch (error) {
      a.endedAt = Date.now();
      const code = (error as { cause?: { code?: string } }).cause?.code;
      a.outcome = (error as Error).name === "TimeoutError" ? "timeout" : code === "ECONNREFUSED" ? "refused" : "cut";
      a.detail = `${code ?? ""} ${(error as { cause?: Error }).cause?.message ?? (error as Error).message}`;
    } finally {
      clearTimeout(timer);
    }
    // Retry with the same key, on the other instance first, backing off.
    target = target === "A" ? "B" : "A";
    await sleep(Math.min(2000, 100 * (attempt + 1), retryAfter ? retryAfter * 1000 : Infinity));
  }
  return null;
}

async function client(n: number) {
  const prefer = n % 2 ? "A" : "B";
  const mine: string[] = [];
  for (let k = 0; running; k++) {
    const title = `fault ${n}-${k}`;
    const filed = await send("POST", "/requests", requesterToken, { typeId: desk.type.id, title, description: "Load under faults", fieldValues: {} }, prefer);
    if (filed?.request?.reference) {
      acked.requests.set(title, filed.request.reference as string);
      mine.push(filed.request.reference as string);
    }
    const ref = mine[Math.floor(Math.random() * mine.length)];
    if (!ref || !running) continue;
    const body = `reply ${n}-${k}`;
    const replied = await send("POST", `/requests/${ref}/comments`, requesterToken, { body }, prefer);
    if (replied?.commentId) acked.comments.set(body, replied.commentId as string);
    if (k % 3 === 0 && running) {
      const changed = await send("PUT", `/requests/${ref}/status`, agentToken, { status: k % 2 ? "OPEN" : "WAITING_ON_REQUESTER" }, prefer);
      if (changed) acked.statuses++;
    }
  }
}

// ---------------------------------------------------------------- the run
type PhaseResult = { name: string; recoverMs?: number; cut?: number; note?: string };
const phases: PhaseResult[] = [];

log("fault 1: two instances start together on a database without the job schema");
startInstance("A");
startInstance("B");
await Promise.all([waitHealthy(instances.A), waitHealthy(instances.B)]);
const bothOk = await Promise.all([waitHealthy(instances.A, /"ok"/, 90_000).then(() => true, () => false), waitHealthy(instances.B, /"ok"/, 90_000).then(() => true, () => false)]);
phases.push({ name: "2 instances start together", note: `job workers running: A ${bothOk[0] ? "yes" : "NO"}, B ${bothOk[1] ? "yes" : "NO"}` });

const clients = Array.from({ length: 16 }, (_, n) => client(n));
phase = "baseline";
log("load: 16 retrying clients");
await sleep(10_000);

phase = "kill -9 instance A";
log(phase);
killGroup(instances.A, "SIGKILL");
await instances.A.exited;
await sleep(3000);
startInstance("A");
phases.push({ name: phase, recoverMs: (await waitHealthy(instances.A)) + 3000 });
await sleep(5000);

for (const mode of ["fast", "immediate"] as const) {
  phase = `PostgreSQL restart (${mode})`;
  log(phase);
  const t = Date.now();
  pgCtl("stop", "-m", mode);
  await sleep(3000);
  pgCtl("start");
  await Promise.all([waitHealthy(instances.A), waitHealthy(instances.B)]);
  phases.push({ name: phase, recoverMs: Date.now() - t });
  await sleep(5000);
}

for (const how of ["launcher PID (container)", "process group"] as const) {
  phase = `SIGTERM to ${how}`;
  log(phase);
  const b = instances.B;
  const at = Date.now();
  if (how === "process group") killGroup(b, "SIGTERM");
  else b.child.kill("SIGTERM");
  // Health must turn 503 (or refuse) at once: polled every 25 ms from the signal on.
  let healthTurnedMs = -1;
  while (Date.now() - at < 5000) {
    const h = await health(b);
    if (!h || h.status !== 200) {
      healthTurnedMs = Date.now() - at;
      break;
    }
    await sleep(25);
  }
  await b.exited;
  const stopMs = Date.now() - at;
  // Requests this instance had accepted and did not answer (its own count, logged at exit) ...
  const serverCut = Number(/(\d+) requests were cut by the grace period/.exec(fs.readFileSync(b.logFile, "utf8").split("SIGTERM: draining").pop() ?? "")?.[1] ?? 0);
  // ... and, as the clients saw it, connections reset under requests sent before the signal.
  const clientCut = attempts.filter((x) => x.instance === "B" && x.startedAt >= b.startedAt && x.startedAt < at && x.outcome === "cut").length;
  const cut = serverCut + clientCut;
  startInstance("B");
  const recoverMs = await waitHealthy(instances.B);
  const h = { status: healthTurnedMs };
  phases.push({ name: phase, cut, recoverMs: recoverMs + stopMs, note: `health 503/refused ${h.status >= 0 ? `${h.status} ms after the signal` : "NOT within 5 s"}, drained and exited in ${stopMs} ms` });
  await sleep(5000);
}

phase = "drain";
running = false;
log("stopping the load");
// Each client finishes the write it is retrying (bounded: 60 tries of at most 20 s each).
// (The flag is read from whether the clients finished, not set by the timer: the timer fires later
// whatever happened, and the report is printed minutes after this line.)
let clientsDone = false;
await Promise.race([Promise.all(clients).then(() => (clientsDone = true)), sleep(120_000)]);
const stuck = clientsDone ? 0 : 1;
if (stuck) log("some clients were still retrying after 120 s: counted as not acknowledged");

log("fault: kill -9 of db:migrate at moments of a migration, on a fresh database");
await admin("CREATE DATABASE desk_migrations");
const migUrl = `postgresql://postgres@127.0.0.1:${pgPort}/desk_migrations`;
let killedRuns = 0;
for (const delay of [300, 800, 1500, 2500, 4000, 6000]) {
  const child = spawn(process.execPath, [...tsx, "scripts/migrate.ts"], { cwd: root, env: { ...process.env, DATABASE_URL: migUrl }, stdio: "ignore" });
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  await sleep(delay);
  if (child.exitCode === null) {
    child.kill("SIGKILL");
    killedRuns++;
  }
  await exited;
}
const finalMigrate = spawnSync(process.execPath, [...tsx, "scripts/migrate.ts"], { cwd: root, env: { ...process.env, DATABASE_URL: migUrl }, encoding: "utf8" });
const mc = new pg.Client({ connectionString: migUrl });
await mc.connect();
const finished = Number((await mc.query(`SELECT count(DISTINCT migration_name) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)).rows[0].n);
const tablesFresh = Number((await mc.query(`SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0].n);
await mc.end();
const tablesMain = Number((await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'`)[0]!.n);
const migrationCount = fs.readdirSync(path.join(root, "prisma/migrations")).filter((d) => fs.existsSync(path.join(root, "prisma/migrations", d, "migration.sql"))).length;
const migrationOk = finalMigrate.status === 0 && finished === migrationCount && tablesFresh === tablesMain;
phases.push({ name: "kill -9 of db:migrate", note: `${killedRuns} runs killed mid-way; next start ${finalMigrate.status === 0 ? "succeeded" : "FAILED"}: ${finished}/${migrationCount} migrations, ${tablesFresh}/${tablesMain} tables` });

log("waiting for SLA notices and emails to settle (up to 150 s)");
const settleStart = Date.now();
for (;;) {
  const [queued] = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "EmailDelivery" WHERE status = 'QUEUED'`;
  const [overdue] = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "SlaClock" WHERE "nextNoticeAt" < now() - interval '5 seconds' AND "stoppedAt" IS NULL AND paused = false`;
  if ((Number(queued!.n) === 0 && Number(overdue!.n) === 0) || Date.now() - settleStart > 150_000) break;
  await sleep(2000);
}

// ---------------------------------------------------------------- verification
const titles = await db().request.groupBy({ by: ["title"], where: { title: { startsWith: "fault " } }, _count: true });
const titleCount = new Map(titles.map((t) => [t.title, t._count]));
const lostRequests = [...acked.requests.keys()].filter((t) => !titleCount.has(t)).length;
const dupRequests = titles.filter((t) => t._count > 1).length;
const bodies = await db().comment.groupBy({ by: ["body"], where: { body: { startsWith: "reply " } }, _count: true });
const bodyCount = new Map(bodies.map((b) => [b.body, b._count]));
const lostComments = [...acked.comments.keys()].filter((b) => !bodyCount.has(b)).length;
const dupComments = bodies.filter((b) => b._count > 1).length;

const deliveries = await db().emailDelivery.findMany({ select: { to: true, subject: true, status: true } });
const rowsByKey = new Map<string, number>();
for (const d of deliveries) rowsByKey.set(`${d.to.toLowerCase()}\n${d.subject}`, (rowsByKey.get(`${d.to.toLowerCase()}\n${d.subject}`) ?? 0) + 1);
const mailsByKey = new Map<string, number>();
for (const m of smtp.mails) for (const to of m.to) mailsByKey.set(`${to}\n${m.subject}`, (mailsByKey.get(`${to}\n${m.subject}`) ?? 0) + 1);
let twice = 0;
for (const [k, c] of mailsByKey) twice += Math.max(0, c - (rowsByKey.get(k) ?? 0));
const unsent = deliveries.filter((d) => d.status !== "SENT").length;

const notices = await db().$queryRaw<{ late: number }[]>`SELECT EXTRACT(EPOCH FROM ("firedAt" - "dueAt"))::float8 AS late FROM "SlaNotice" n JOIN "Request" r ON r.id = n."requestId" WHERE r.title LIKE 'fault %'`;
const [overdueAtEnd] = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "SlaClock" WHERE "nextNoticeAt" < now() - interval '60 seconds' AND "stoppedAt" IS NULL AND paused = false`;
const late = notices.filter((n) => n.late > 60).length;
const maxLate = notices.reduce((m, n) => Math.max(m, n.late), 0);

const outageWarnings = ["A", "B"].map((n) => (fs.readFileSync(path.join(artifacts, `instance-${n}.log`), "utf8").match(/a driver rejection no one awaited/g) ?? []).length).reduce((a, b) => a + b, 0);
const unhandled = ["A", "B"].map((n) => (fs.readFileSync(path.join(artifacts, `instance-${n}.log`), "utf8").match(/unhandledRejection|Unhandled Rejection|uncaughtException/gi) ?? []).length).reduce((a, b) => a + b, 0);

// ---------------------------------------------------------------- report
const kinds: Outcome[] = ["ok", "500", "503", "429", "409", "4xx", "refused", "cut", "timeout"];
const phaseNames = ["baseline", "kill -9 instance A", "PostgreSQL restart (fast)", "PostgreSQL restart (immediate)", "SIGTERM to launcher PID (container)", "SIGTERM to process group"];
console.log("\n## Attempts by phase (each retry counted; clients retry 503/429/network errors with the same Idempotency-Key)\n");
console.log(`| phase | ${kinds.join(" | ")} | time to recover | cut by shutdown | note |`);
console.log(`| --- | ${kinds.map(() => "---:").join(" | ")} | ---: | ---: | --- |`);
for (const name of ["2 instances start together", ...phaseNames, "kill -9 of db:migrate"]) {
  const inPhase = attempts.filter((a) => phaseOf.get(a) === name);
  const p = phases.find((x) => x.name === name);
  const counts = kinds.map((k) => inPhase.filter((a) => a.outcome === k).length);
  console.log(`| ${name} | ${counts.join(" | ")} | ${p?.recoverMs !== undefined ? `${(p.recoverMs / 1000).toFixed(1)} s` : ""} | ${p?.cut ?? ""} | ${p?.note ?? ""} |`);
}
const all500 = attempts.filter((a) => a.outcome === "500").length;
console.log("\n## Totals\n");
console.log("| measure | value | target |");
console.log("| --- | ---: | --- |");
const rows: [string, number | string, string, boolean][] = [
  ["acknowledged filings", acked.requests.size, "", true],
  ["acknowledged replies", acked.comments.size, "", true],
  ["acknowledged status changes", acked.statuses, "", true],
  ["lost writes (filings + replies)", lostRequests + lostComments, "0", lostRequests + lostComments === 0],
  ["duplicated writes (filings + replies)", dupRequests + dupComments, "0", dupRequests + dupComments === 0],
  ["500 answers (any phase)", all500, "0", all500 === 0],
  ["clients still retrying 120 s after the load stopped", stuck ? "some" : 0, "0", !stuck],
  ["requests cut by a graceful shutdown", phases.reduce((s, p) => s + (p.cut ?? 0), 0), "0", phases.every((p) => !p.cut)],
  ["unhandledRejection / uncaughtException logged", unhandled, "0", unhandled === 0],
  ["driver rejections during outages, logged as warnings", outageWarnings, "", true],
  ["connection resets seen by clients on requests sent after a SIGTERM (retried)", attempts.filter((a) => a.outcome === "cut" && phaseOf.get(a)?.startsWith("SIGTERM")).length, "", true],
  ["emails queued (rows)", deliveries.length, "", true],
  ["emails sent once or more (captured)", smtp.mails.length, "", true],
  ["emails sent twice (captured beyond their rows)", twice, "0", twice === 0],
  ["emails not sent at the end (still queued after the 150 s settle: throughput, not loss)", unsent, "", true],
  ["SLA notices fired", notices.length, "", true],
  ["SLA notices later than 60 s after due", late, "0", late === 0],
  ["latest SLA notice after due", `${maxLate.toFixed(1)} s`, "≤ 60 s", maxLate <= 60],
  ["SLA clocks overdue > 60 s at the end", Number(overdueAtEnd!.n), "0", Number(overdueAtEnd!.n) === 0],
  ["both instances' job workers up after a simultaneous start", bothOk.every(Boolean) ? "yes" : "no", "yes", bothOk.every(Boolean)],
  ["start-up after a kill at any moment of a migration", migrationOk ? "yes" : "no", "yes", migrationOk],
];
for (const [m, v, t, ok] of rows) console.log(`| ${m} | ${v} | ${t}${ok ? "" : " (MISSED)"} |`);

const cutDetails = attempts.filter((a) => a.outcome === "cut").map((a) => `${phaseOf.get(a)}: ${a.instance} ${a.detail}`);
fs.writeFileSync(path.join(artifacts, "connection-errors.txt"), cutDetails.join("\n"));

// ---------------------------------------------------------------- tear down
for (const i of Object.values(instances)) killGroup(i, "SIGTERM");
await Promise.all(Object.values(instances).map((i) => Promise.race([i.exited, sleep(30_000)])));
for (const i of Object.values(instances)) killGroup(i, "SIGKILL");
await db().$disconnect();
await smtp.stop();
pgCtl("stop", "-m", "fast");
fs.rmSync(pgDir, { recursive: true, force: true });
const missed = rows.filter(([, , , ok]) => !ok).length;
log(missed ? `${missed} target(s) missed (logs in ${artifacts})` : "every target met");
process.exit(missed ? 1 : 0);
