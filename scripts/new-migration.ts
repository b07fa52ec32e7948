// npm run db:new-migration -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql from the difference between the last
// committed schema and the edited prisma/schema.prisma. Diffing against a live database fails with
// engine "js" (PRISMA-OFFLINE.md), so the diff is schema to schema; the CLI still wants a database
// to talk to, which a throwaway in-memory PGlite provides.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedDatabase } from "../lib/db/embedded";
import { runPrismaCli } from "../lib/db/prisma-cli";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_").toLowerCase();
if (!name) {
  console.error("usage: npm run db:new-migration -- <name>");
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, "..");
const migrations = path.join(root, "prisma", "migrations");
const hasMigrations = fs.existsSync(migrations) && fs.readdirSync(migrations).some((d) => /^\d/.test(d));

let from = ["--from-empty"];
if (hasMigrations) {
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "desk-schema-")), "schema.prisma");
  fs.writeFileSync(tmp, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { cwd: root }));
  from = ["--from-schema-datamodel", tmp];
}

const db = await startEmbeddedDatabase({ dataDir: "memory://" });
try {
  const { stdout } = await runPrismaCli(
    ["migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    db.url,
  );
  if (!/\S/.test(stdout.replace(/^--.*$/gm, ""))) {
    console.log("schema.prisma matches the last migration: nothing to write");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(migrations, `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), stdout);
    const lock = path.join(migrations, "migration_lock.toml");
    if (!fs.existsSync(lock)) fs.writeFileSync(lock, 'provider = "postgresql"\n');
    console.log(`wrote ${path.relative(root, dir)}/migration.sql`);
  }
} finally {
  await db.stop();
}
