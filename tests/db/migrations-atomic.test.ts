import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrateDatabase, MIGRATION_LOCK_KEY } from "@/lib/db/migrate";
import { poolConfigFromUrl } from "@/lib/db/pool-config";
import { withClient } from "../support/test-database";

// Each test migrates a database of its own (on the tier's server) from a folder of its own.
const server = process.env.TEST_DATABASE_URL;
let url: string;
let dbName: string;
let dir: string;

const admin = <T>(fn: (c: pg.Client) => Promise<T>, target = server!): Promise<T> => withClient(target, fn);

function writeMigration(name: string, sql: string) {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

const tableExists = (name: string) => admin((c) => c.query<{ t: string | null }>("SELECT to_regclass($1)::text AS t", [name]).then((r) => r.rows[0]!.t !== null), url);
const rows = () =>
  admin(
    (c) =>
      c.query<{ migration_name: string; finished: boolean; rolled_back: boolean; logs: string }>(
        `SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back, logs FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
      ),
    url,
  ).then((r) => r.rows);

describe.skipIf(!server)("atomic migrations (PostgreSQL)", () => {
  beforeEach(async () => {
    dbName = `desk_mig_${crypto.randomBytes(4).toString("hex")}`;
    await admin((c) => c.query(`CREATE DATABASE ${dbName}`));
    const u = new URL(server!);
    u.pathname = `/${dbName}`;
    url = u.toString();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "desk-migrations-"));
    writeMigration("001_first", `CREATE TABLE "first" (id int PRIMARY KEY);\nINSERT INTO "first" VALUES (1);`);
  });
  afterEach(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
  });

  it("applies each migration once, recorded where `prisma migrate status` reads it, and nothing on a second start", async () => {
    writeMigration("002_second", `CREATE TABLE "second" (id int);\nCREATE INDEX "second_id" ON "second" (id);`);
    expect(await migrateDatabase({ url, migrationsDir: dir })).toEqual({ applied: ["001_first", "002_second"], recovered: [] });
    expect(await migrateDatabase({ url, migrationsDir: dir })).toEqual({ applied: [], recovered: [] });
    expect((await rows()).map((r) => [r.migration_name, r.finished, r.rolled_back])).toEqual([
      ["001_first", true, false],
      ["002_second", true, false],
    ]);
  });

  it("a failing migration leaves nothing of itself applied, is recorded rolled back, and applies on the next start once fixed", async () => {
    writeMigration("002_broken", `CREATE TABLE "half" (id int);\nSELECT no_such_function();`);
    await expect(migrateDatabase({ url, migrationsDir: dir })).rejects.toThrow(/002_broken failed and was rolled back/);
    expect(await tableExists("first")).toBe(true);
    expect(await tableExists("half")).toBe(false);
    const [, broken] = await rows();
    expect(broken).toMatchObject({ migration_name: "002_broken", finished: false, rolled_back: true });

    writeMigration("002_broken", `CREATE TABLE "half" (id int);`);
    expect((await migrateDatabase({ url, migrationsDir: dir })).applied).toEqual(["002_broken"]);
    expect(await tableExists("half")).toBe(true);
  });

  it("a starter killed (SIGKILL) in the middle of a migration leaves it wholly unapplied, and the next start recovers it", async () => {
    writeMigration("002_slow", `CREATE TABLE "slow" (id int);\nSELECT pg_sleep(60);\nCREATE TABLE "after_sleep" (id int);`);
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "-e", `import("./lib/db/migrate.ts").then((m) => m.migrateDatabase({ url: ${JSON.stringify(url)}, migrationsDir: ${JSON.stringify(dir)} }))`],
      { stdio: "ignore" },
    );
    try {
      // Killed while the migration's transaction runs (its sleep is the moment the kill hit).
      await expect.poll(() => admin((c) => c.query("SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()", [dbName]).then((r) => r.rowCount)), { timeout: 20_000, interval: 100 }).toBe(1);
    } finally {
      child.kill("SIGKILL");
    }
    // PostgreSQL notices the dead client and rolls its transaction back.
    await expect.poll(() => admin((c) => c.query("SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()", [dbName]).then((r) => r.rowCount)), { timeout: 20_000 }).toBe(0);
    expect(await tableExists("slow")).toBe(false);
    expect((await rows()).find((r) => r.migration_name === "002_slow")).toMatchObject({ finished: false, rolled_back: false });

    writeMigration("002_slow", `CREATE TABLE "slow" (id int);\nCREATE TABLE "after_sleep" (id int);`);
    expect(await migrateDatabase({ url, migrationsDir: dir })).toEqual({ applied: ["002_slow"], recovered: ["002_slow"] });
    expect(await tableExists("after_sleep")).toBe(true);
    const slow = (await rows()).filter((r) => r.migration_name === "002_slow");
    expect(slow.map((r) => [r.finished, r.rolled_back])).toEqual([
      [false, true],
      [true, false],
    ]);
  }, 60_000);

  it("concurrent starters are serialised by the advisory lock: every migration is applied exactly once", async () => {
    writeMigration("002_second", `CREATE TABLE "second" (id int);`);
    const results = await Promise.all(Array.from({ length: 4 }, () => migrateDatabase({ url, migrationsDir: dir })));
    expect(results.flatMap((r) => r.applied).sort()).toEqual(["001_first", "002_second"]);
    expect((await rows()).length).toBe(2);
  });

  it("waits for a starter holding the lock (e.g. `prisma migrate deploy`, which takes the same key)", async () => {
    const holder = new pg.Client(poolConfigFromUrl(url));
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    let done = false;
    const run = migrateDatabase({ url, migrationsDir: dir }).then((r) => ((done = true), r));
    await new Promise((r) => setTimeout(r, 300));
    expect(done).toBe(false);
    await holder.end();
    expect((await run).applied).toEqual(["001_first"]);
  });

  it("refuses, with what to do, a migration left unfinished by an older statement-by-statement deploy", async () => {
    await migrateDatabase({ url, migrationsDir: dir });
    await admin((c) => c.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs) VALUES ('x', 'x', '002_old', NULL)`), url);
    await expect(migrateDatabase({ url, migrationsDir: dir })).rejects.toThrow(/002_old .*migrate resolve --rolled-back 002_old/);
  });
});
