import crypto from "node:crypto";
import pg from "pg";
import { startEmbeddedDatabase } from "../../lib/db/embedded";
import { migrateIfNeeded } from "../../lib/db/migrate";
import { poolConfigFromUrl } from "../../lib/db/pool-config";

export type TestDatabase = { url: string; embedded: boolean; stop: () => Promise<void> };

/**
 * The migrated template of a db tier run on PostgreSQL (set by tests/support/db-global-setup.ts,
 * inherited by the workers): every worker's database and every database a test creates is a copy of
 * it, which takes a fraction of a second where migrating takes many.
 */
export const TEMPLATE_ENV = "DESK_TEST_TEMPLATE";

/** One connection to `url` for `fn`, closed after it whatever happens. */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client(poolConfigFromUrl(url));
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function urlOf(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(server: string, name: string): Promise<void> {
  await withClient(server, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/**
 * A freshly migrated database for one test run: a new database on the PostgreSQL that
 * TEST_DATABASE_URL points at (a copy of the run's template when there is one; dropped by stop()),
 * or an in-memory embedded PGlite otherwise.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) {
    const embedded = await startEmbeddedDatabase({ dataDir: "memory://" });
    await migrateIfNeeded(embedded.url);
    return { url: embedded.url, embedded: true, stop: embedded.stop };
  }
  const name = `desk_test_${crypto.randomBytes(5).toString("hex")}`;
  const template = process.env[TEMPLATE_ENV];
  await withClient(server, (c) => c.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`));
  if (!template) await migrateIfNeeded(urlOf(server, name));
  return { url: urlOf(server, name), embedded: false, stop: () => dropDatabase(server, name) };
}

/**
 * The template of a parallel db tier run: migrated once, then closed to connections so that no test
 * can hold it open while a worker copies it (CREATE DATABASE … TEMPLATE needs it unused).
 * stop() drops it and every worker's copy.
 */
export async function createTemplateDatabase(server: string): Promise<{ name: string; stop: () => Promise<void> }> {
  const name = `desk_test_${crypto.randomBytes(5).toString("hex")}`;
  await withClient(server, (c) => c.query(`CREATE DATABASE ${name}`));
  await migrateIfNeeded(urlOf(server, name));
  await withClient(server, (c) => c.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`));
  return {
    name,
    async stop() {
      const copies = await withClient(server, (c) => c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${name}\\_w%`]));
      for (const { datname } of copies.rows) await dropDatabase(server, datname);
      await withClient(server, (c) => c.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE false`));
      await dropDatabase(server, name);
    },
  };
}

/**
 * The database of one vitest worker (VITEST_POOL_ID, 1…maxWorkers): made from the template before
 * the worker's first test file and kept for its later ones, as the one database of a serial run was.
 */
export async function workerDatabaseUrl(server: string, template: string, poolId: string): Promise<string> {
  if (!/^\d+$/.test(poolId)) throw new Error(`VITEST_POOL_ID is not a number: ${poolId}`);
  const name = `${template}_w${poolId}`;
  await withClient(server, async (c) => {
    const exists = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount) return;
    // One worker holds a pool id at a time, so nobody else creates this name meanwhile.
    await c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  });
  return urlOf(server, name);
}
