import crypto from "node:crypto";
import pg from "pg";
import { startEmbeddedDatabase } from "../../lib/db/embedded";
import { migrateIfNeeded } from "../../lib/db/migrate";
import { poolConfigFromUrl } from "../../lib/db/pool-config";

export type TestDatabase = { url: string; embedded: boolean; stop: () => Promise<void> };

/**
 * A freshly migrated database for one test run: a new database on the PostgreSQL that
 * TEST_DATABASE_URL points at (dropped afterwards), or an in-memory embedded PGlite otherwise.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) {
    const embedded = await startEmbeddedDatabase({ dataDir: "memory://" });
    await migrateIfNeeded(embedded.url);
    return { url: embedded.url, embedded: true, stop: embedded.stop };
  }
  const name = `desk_test_${crypto.randomBytes(5).toString("hex")}`;
  const admin = new pg.Client(poolConfigFromUrl(server));
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  await migrateIfNeeded(url.toString());
  return {
    url: url.toString(),
    embedded: false,
    async stop() {
      const c = new pg.Client(poolConfigFromUrl(server));
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
