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

const migrated = Date.now();
const applied = await migrateIfNeeded(url);
log(applied.length ? `applied migrations ${applied.join(", ")} in ${Date.now() - migrated} ms` : "database schema is up to date");

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
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const child = spawn(process.execPath, [nextBin, mode, "-p", String(config.PORT)], {
  stdio: "inherit",
  env: { ...process.env, ...childEnv },
});
log(`desk on ${config.NEXTAUTH_URL}`);

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (child.exitCode === null) child.kill("SIGTERM");
  await embedded?.stop();
  process.exit(code);
}
child.on("exit", (code) => void stop(code ?? 0));
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

function embeddedSecret(dataDir: string): string {
  // A per-installation secret kept beside the embedded data, so sessions survive a restart.
  const file = path.join(dataDir, "auth-secret");
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}
