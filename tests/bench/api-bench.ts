// Throughput of filing requests through the REST API, against a bare route of the same app:
//   npx next build && npm run bench:api                 # PostgreSQL, then the embedded PGlite
//   npm run bench:api -- --db postgres --duration 20    # one of them, longer
// For each database: a fresh one (PostgreSQL: a database created on BENCH_PG_URL's server and
// dropped afterwards; PGlite: a new data folder), migrated and seeded with the demo organisation;
// an API token for a seeded employee; the built app started on it as users start it
// (tests/support/app-server.ts). Then `connections` concurrent clients for `duration` seconds on
// GET /api/health (one SELECT 1: the baseline) and on POST /api/v1/requests, each POST with its own
// Idempotency-Key. Prints requests/s, latency p50/p97.5/p99, non-2xx and errors, and the ratio.
// The API's rate limit is lifted for the run (DESK_API_RATE_LIMIT), so what is measured is filing.
// Not a test: figures only.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { startApp, type AppHandle } from "../support/app-server";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { createPrismaClient } from "@/lib/db/create-client";
import { migrateIfNeeded } from "@/lib/db/migrate";
import { generateTokenSecret } from "@/lib/api-tokens/token-secret";
import { seedDemoOrganisation } from "../../prisma/seed/demo";

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "both" },
    connections: { type: "string", default: "50" },
    duration: { type: "string", default: "10" },
  },
});
const CONNECTIONS = Number(args.connections);
const DURATION = Number(args.duration);
const serverUrl = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

type Prepared = { env: Record<string, string>; token: string; typeId: string; fieldValues: Record<string, unknown>; cleanup: () => Promise<void> };

/** Seeds the demo organisation and makes a token for an employee; returns what the POST body needs. */
type Field = { key: string; kind: string; required?: boolean; options?: string[]; min?: number };

function answers(fields: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const f of (fields as Field[] | null) ?? []) {
    if (!f.required) continue;
    values[f.key] = { number: f.min ?? 1, date: "2030-01-15", select: f.options?.[0], multiselect: f.options?.slice(0, 1), checkbox: true }[f.kind] ?? "Load test";
  }
  return values;
}

async function seed(url: string, embedded: boolean): Promise<{ token: string; typeId: string; fieldValues: Record<string, unknown> }> {
  await migrateIfNeeded(url);
  const client = createPrismaClient({ url, embedded, poolMax: 1 });
  try {
    await seedDemoOrganisation(client);
    const person = await client.person.findFirstOrThrow({ where: { active: true, roles: { none: {} } }, orderBy: { email: "asc" }, select: { id: true } });
    const { secret, prefix, hash } = generateTokenSecret();
    await client.apiToken.create({ data: { personId: person.id, name: "bench:api", prefix, tokenHash: hash } });
    // The first type, with an answer to each of its required fields, so one body fits every call.
    const type = await client.requestType.findFirstOrThrow({ where: { active: true }, orderBy: { id: "asc" }, select: { id: true, fields: true } });
    return { token: secret, typeId: type.id, fieldValues: answers(type.fields) };
  } finally {
    await client.$disconnect();
  }
}

async function preparePostgres(): Promise<Prepared> {
  const name = `desk_api_bench_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  try {
    const seeded = await seed(url.toString(), false);
    return { env: { DATABASE_URL: url.toString(), NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64") }, ...seeded, cleanup: drop };
  } catch (error) {
    await drop();
    throw error;
  }
}

async function preparePglite(): Promise<Prepared> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "desk-api-bench-"));
  const cleanup = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  const embedded = await startEmbeddedDatabase({ dataDir });
  try {
    const seeded = await seed(embedded.url, true);
    return { env: { DESK_DATA_DIR: dataDir }, ...seeded, cleanup };
  } finally {
    // The app opens the folder itself: nothing else may hold it then.
    await embedded.stop();
  }
}

type Figures = { rps: number; p50: number; p975: number; p99: number; total: number; non2xx: number; errors: number; timeouts: number };

async function load(options: { url: string; method?: "GET" | "POST"; headers?: Record<string, string>; body?: string; uniqueKey?: boolean; duration: number }): Promise<Figures> {
  let n = 0;
  const run = crypto.randomBytes(4).toString("hex");
  const result = await autocannon({
    url: options.url,
    connections: CONNECTIONS,
    duration: options.duration,
    method: options.method ?? "GET",
    headers: options.headers,
    body: options.body,
    requests: options.uniqueKey
      ? [
          {
            setupRequest: (req) => {
              n += 1;
              return { ...req, headers: { ...req.headers, "idempotency-key": `bench-${run}-${n}` } };
            },
          },
        ]
      : undefined,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p975: result.latency.p97_5,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

const line = (label: string, f: Figures) =>
  `${label.padEnd(34)} ${f.rps.toFixed(0).padStart(6)} req/s   p50 ${String(f.p50).padStart(5)} ms   p97.5 ${String(f.p975).padStart(5)} ms   p99 ${String(f.p99).padStart(5)} ms   ` +
  `${f.total} done, ${f.non2xx} non-2xx, ${f.errors} errors, ${f.timeouts} timeouts`;

async function bench(kind: "postgres" | "pglite") {
  const started = Date.now();
  const prepared = kind === "postgres" ? await preparePostgres() : await preparePglite();
  let app: AppHandle | undefined;
  try {
    app = await startApp({ name: `bench-api-${kind}`, env: { ...prepared.env, DESK_API_RATE_LIMIT: "1000000", LOG_LEVEL: "warn" } });
    const headers = { authorization: `Bearer ${prepared.token}`, "content-type": "application/json" };
    const body = JSON.stringify({ typeId: prepared.typeId, title: "Load test request", description: "Filed by npm run bench:api to measure create throughput.", fieldValues: prepared.fieldValues });
    const health = `${app.baseUrl}/api/health`;
    const create = `${app.baseUrl}/api/v1/requests`;
    // Warm-up: the first calls load the routes and fill the pools.
    const probe = await fetch(create, { method: "POST", headers: { ...headers, "idempotency-key": `warm-${crypto.randomUUID()}` }, body });
    if (probe.status !== 201) throw new Error(`POST /api/v1/requests answered ${probe.status}: ${await probe.text()}`);
    if ((await fetch(health)).status !== 200) throw new Error("GET /api/health is not 200");
    await load({ url: health, duration: 2 });
    await load({ url: create, method: "POST", headers, body, uniqueKey: true, duration: 2 });

    console.log(`\n${kind === "postgres" ? "PostgreSQL" : "embedded PGlite"}: ${CONNECTIONS} connections, ${DURATION} s each (ready in ${((Date.now() - started) / 1000).toFixed(0)} s)`);
    const base = await load({ url: health, duration: DURATION });
    console.log(line("GET /api/health (SELECT 1)", base));
    const filed = await load({ url: create, method: "POST", headers, body, uniqueKey: true, duration: DURATION });
    console.log(line("POST /api/v1/requests", filed));
    console.log(`ratio: filing serves ${(filed.rps / base.rps).toFixed(3)} of the baseline's requests/s; p50 latency ${(filed.p50 / Math.max(base.p50, 1)).toFixed(1)}× the baseline's`);
    return { database: kind, connections: CONNECTIONS, durationSeconds: DURATION, health: base, create: filed };
  } finally {
    await app?.stop();
    await prepared.cleanup();
  }
}

const kinds = args.db === "both" ? (["postgres", "pglite"] as const) : ([args.db as "postgres" | "pglite"] as const);
const results = [];
for (const kind of kinds) results.push(await bench(kind));
console.log(JSON.stringify(results));
