import { createTemplateDatabase, createTestDatabase, TEMPLATE_ENV } from "./test-database";

/**
 * The db tier's databases. On PostgreSQL (TEST_DATABASE_URL): one migrated template, which every
 * worker copies into a database of its own before its first file (tests/support/db-worker-setup.ts),
 * so files run in parallel. On the embedded PGlite: one database, files one at a time.
 */
export default async function setup() {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const template = await createTemplateDatabase(server);
    process.env[TEMPLATE_ENV] = template.name;
    process.env.DESK_EMBEDDED = "false";
    console.log(`db tier on PostgreSQL: a copy of ${template.name} per worker`);
    return () => template.stop();
  }
  const database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.DESK_EMBEDDED = String(database.embedded);
  console.log("db tier on embedded PGlite");
  return () => database.stop();
}
