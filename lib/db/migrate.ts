import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { poolConfigFromUrl } from "./pool-config";
import { migrateDeploy } from "./prisma-cli";

const migrationsDir = path.resolve(import.meta.dirname, "..", "..", "prisma", "migrations");

export function migrationNames(): string[] {
  return fs
    .readdirSync(migrationsDir)
    .filter((d) => fs.existsSync(path.join(migrationsDir, d, "migration.sql")))
    .sort();
}

/**
 * `prisma migrate deploy`, skipped when the database already records every migration as finished:
 * the CLI's WASM schema engine takes ~10 s to start, which would otherwise delay every start.
 * Returns the names of the migrations that were pending.
 */
export async function migrateIfNeeded(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client(poolConfigFromUrl(databaseUrl));
  await client.connect();
  let done = new Set<string>();
  try {
    const table = await client.query<{ exists: boolean }>("SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS exists");
    if (table.rows[0]?.exists) {
      const rows = await client.query<{ migration_name: string }>(
        "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
      );
      done = new Set(rows.rows.map((r) => r.migration_name));
    }
  } finally {
    await client.end();
  }
  const pending = migrationNames().filter((m) => !done.has(m));
  if (pending.length) await migrateDeploy(databaseUrl);
  return pending;
}
