import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { poolConfigFromUrl } from "./pool-config";

const defaultMigrationsDir = path.resolve(import.meta.dirname, "..", "..", "prisma", "migrations");

/**
 * Prisma's own migration lock key: `prisma migrate deploy` takes the same advisory lock, so this
 * runner, the CLI and every other starting instance apply migrations one at a time.
 */
export const MIGRATION_LOCK_KEY = 72707369;

/** Written in `logs` of a migration row this runner started: its SQL ran in one transaction. */
const ATOMIC_MARK = "desk: applied in one transaction";

export function migrationNames(migrationsDir = defaultMigrationsDir): string[] {
  return fs
    .readdirSync(migrationsDir)
    .filter((d) => fs.existsSync(path.join(migrationsDir, d, "migration.sql")))
    .sort();
}

export type MigrateResult = { applied: string[]; recovered: string[] };

/**
 * Applies every pending migration, each in ONE transaction with its record in `_prisma_migrations`
 * (the table `prisma migrate status` reads), so a kill at any moment leaves a migration either
 * wholly applied or wholly unapplied. Starters are serialised by Prisma's advisory lock; the lock is
 * the session's, so a killed starter releases it with its connection.
 *
 * Each migration's row is written (committed) before its transaction starts: a row that this
 * runner started and that never finished is a transaction that never committed (a kill, a lost
 * connection), so the next start marks it rolled back and applies the migration again. A row left
 * unfinished by `prisma migrate deploy` of an older version is not ours to judge (its statements
 * ran one by one): start-up stops with what to do.
 */
export async function migrateDatabase(options: { url: string; migrationsDir?: string; log?: (message: string) => void }): Promise<MigrateResult> {
  const dir = options.migrationsDir ?? defaultMigrationsDir;
  const client = new pg.Client(poolConfigFromUrl(options.url));
  // A lost connection mid-migration is reported by the query that was running; without a listener
  // the client's own 'error' event would crash the process instead.
  client.on("error", () => {});
  await client.connect();
  try {
    // A starter killed mid-statement is noticed within a second (PostgreSQL 14+), so its
    // transaction rolls back and its lock is released without waiting for a long statement to end.
    await client.query("SET client_connection_check_interval = 1000").catch(() => {});
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);

    const recovered = await client.query<{ migration_name: string }>(
      `UPDATE "_prisma_migrations" SET "rolled_back_at" = now(), "logs" = "logs" || E'\\nrecovered: its transaction never committed, applied again'
        WHERE "finished_at" IS NULL AND "rolled_back_at" IS NULL AND "logs" LIKE $1 || '%'
        RETURNING "migration_name"`,
      [ATOMIC_MARK],
    );
    for (const r of recovered.rows) options.log?.(`migration ${r.migration_name} was interrupted before it committed: applying it again`);

    const unfinished = await client.query<{ migration_name: string }>(
      `SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NULL AND "rolled_back_at" IS NULL`,
    );
    if (unfinished.rows.length) {
      const names = unfinished.rows.map((r) => r.migration_name).join(", ");
      throw new Error(
        `Migration ${names} was started by an older version's \`prisma migrate deploy\` (statement by statement) and never finished: part of it may be applied. ` +
          `Check the schema against its migration.sql, finish or undo it by hand, then run \`node scripts/prisma.mjs migrate resolve --rolled-back ${unfinished.rows[0]!.migration_name}\`.`,
      );
    }

    const done = await client.query<{ migration_name: string }>(
      `SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
    );
    const finished = new Set(done.rows.map((r) => r.migration_name));
    const applied: string[] = [];
    for (const name of migrationNames(dir).filter((m) => !finished.has(m))) {
      const script = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      await applyOne(client, name, script);
      applied.push(name);
      options.log?.(`applied migration ${name}`);
    }
    return { applied, recovered: recovered.rows.map((r) => r.migration_name) };
  } finally {
    // Ending the session releases the advisory lock.
    await client.end().catch(() => {});
  }
}

async function applyOne(client: pg.Client, name: string, script: string): Promise<void> {
  const id = crypto.randomUUID();
  const checksum = crypto.createHash("sha256").update(script).digest("hex");
  await client.query(`INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "logs", "started_at") VALUES ($1, $2, $3, $4, now())`, [
    id,
    checksum,
    name,
    ATOMIC_MARK,
  ]);
  try {
    await client.query("BEGIN");
    // The whole file as one simple-protocol query: PostgreSQL runs its statements in order inside
    // this transaction, so the file is never split on `;` here.
    await client.query(script);
    await client.query(`UPDATE "_prisma_migrations" SET "finished_at" = now(), "applied_steps_count" = 1 WHERE "id" = $1`, [id]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    // Recorded as failed and rolled back (nothing of it is applied): the next start applies it again.
    await client
      .query(`UPDATE "_prisma_migrations" SET "rolled_back_at" = now(), "logs" = "logs" || E'\\nfailed and rolled back: ' || $2 WHERE "id" = $1`, [id, message])
      .catch(() => {});
    throw new Error(`migration ${name} failed and was rolled back (nothing of it is applied): ${message}`);
  }
}

/**
 * Applies pending migrations (see migrateDatabase) and returns the names it applied. Kept for the
 * callers (launcher, test databases, benchmarks).
 */
export async function migrateIfNeeded(databaseUrl: string, options: { log?: (message: string) => void } = {}): Promise<string[]> {
  const { applied } = await migrateDatabase({ url: databaseUrl, log: options.log });
  return applied;
}
