// The desk's launcher: `npm start` (after a build), `npm run dev`, and the e2e tests all come here.
// Without DATABASE_URL it starts the embedded PGlite in DESK_DATA_DIR, applies migrations, seeds the
// demo organisation on first start, then runs Next.js against it; with DATABASE_URL it only migrates.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../lib/db/embedded";
import { createPrismaClient } from "../lib/db/create-client";
import { migrateIfNeeded } from "../lib/db/migrate";
import { parseEnv } from "../lib/env";
import { seedDemoOrganisation } from "../prisma/seed/demo";

const mode = process.argv[2] === "dev" ? "dev" : "start";
const config = parseEnv(process.env);
const log = (msg: string) => console.log(`[desk] ${msg}`);

let embedded: EmbeddedDatabase | undefined;
let url = config.DATABASE_URL;
const childEnv: Record<string, string> = {};

if (!url) {
  const started = Date.now();
  embedded = await startEmbeddedDatabase({ dataDir: config.DESK_DATA_DIR });
  url = embedded.url;
  childEnv.DESK_EMBEDDED = "true";
  log(`embedded database in ${path.resolve(config.DESK_DATA_DIR)} (${embedded.created ? "created" : "opened"} in ${Date.now() - started} ms)`);
  if (!config.NEXTAUTH_SECRET) childEnv.NEXTAUTH_SECRET = embeddedSecret(config.DESK_DATA_DIR);
} else {
  childEnv.DESK_EMBEDDED = "false";
  if (!config.NEXTAUTH_SECRET) {
    console.error("[desk] NEXTAUTH_SECRET is required with DATABASE_URL (at least 32 characters, e.g. `openssl rand -base64 32`)");
    process.exit(1);
  }
}
childEnv.DATABASE_URL = url;

// Each migration runs in one transaction under an advisory lock (lib/db/migrate.ts): a start killed
// mid-migration leaves it unapplied, and the next start applies it. With DATABASE_URL, migrations
// may instead run as their own deployment step (`npm run db:migrate`, then DESK_MIGRATE=false).
if (embedded || config.DESK_MIGRATE) {
  const migrated = Date.now();
  try {
    const applied = await migrateIfNeeded(url, { log });
    log(applied.length ? `applied ${applied.length} migration(s) in ${Date.now() - migrated} ms` : "database schema is up to date");
  } catch (error) {
    console.error(`[desk] ${error instanceof Error ? error.message : String(error)}`);
    await embedded?.stop();
    process.exit(1);
  }
}

if (embedded && config.DESK_DEMO) {
  const client = createPrismaClient({ url, embedded: true });
  try {
    const seeded = await client.setting.findUnique({ where: { key: "demoOrganisation" } });
    const empty = (await client.department.count()) === 0;
    if (!seeded && empty) {
      const t = Date.now();
      const counts = await seedDemoOrganisation(client);
      log(`seeded the demo organisation (${counts.departments} departments, ${counts.people} people, ${counts.requests} requests) in ${Date.now() - t} ms`);
    }
  } finally {
    await client.$disconnect();
  }
}

// The embedded server takes one connection: everything above has disconnected before Next starts.
// Production runs Next behind the desk's own server (scripts/next-server.ts), which drains on SIGTERM.
const require = createRequire(import.meta.url);
const args =
  mode === "dev"
    ? [require.resolve("next/dist/bin/next"), "dev", "-p", String(config.PORT)]
    : ["--import", "tsx", path.join(import.meta.dirname, "next-server.ts")];
const child = spawn(process.execPath, args, {
  stdio: "inherit",
  env: { ...process.env, ...childEnv, ...(mode === "start" ? { NODE_ENV: "production" } : {}) },
});
log(`desk on ${config.NEXTAUTH_URL}`);

// SIGTERM (to this process alone, as PID 1 of a container, or to the whole process group): Next
// drains first, bounded by DESK_SHUTDOWN_GRACE_SECONDS; only then is the embedded database stopped.
let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), (config.DESK_SHUTDOWN_GRACE_SECONDS + 10) * 1000);
    await exited;
    clearTimeout(killer);
  }
  await embedded?.stop();
  process.exit(code);
}
child.on("exit", (code) => {
  if (stopping) return;
  // Next stopped on its own (a crash, or a signal sent to it alone): stop the database behind it too.
  void (async () => {
    stopping = true;
    await embedded?.stop();
    process.exit(code ?? 0);
  })();
});
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

function embeddedSecret(dataDir: string): string {
  // A per-installation secret kept beside the embedded data, so sessions survive a restart.
  const file = path.join(dataDir, "auth-secret");
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}
