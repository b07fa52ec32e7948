import { TEMPLATE_ENV, workerDatabaseUrl } from "./test-database";

// Runs before every db test file, in its worker: on PostgreSQL, every connection the file opens
// (lib/db's client, pg-boss, the tests' own pools) reads DATABASE_URL, which is its worker's copy of
// the template. On the embedded PGlite the global setup already set DATABASE_URL for all.
const server = process.env.TEST_DATABASE_URL;
const template = process.env[TEMPLATE_ENV];
if (server && template) {
  process.env.DATABASE_URL = await workerDatabaseUrl(server, template, process.env.VITEST_POOL_ID ?? "1");
}
