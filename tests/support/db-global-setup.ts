import type { TestProject } from "vitest/node";
import { createTestDatabase } from "./test-database";

/** One migrated database for the db tier; test files run one at a time against it. */
export default async function setup(project: TestProject) {
  const database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.DESK_EMBEDDED = String(database.embedded);
  project.provide("databaseUrl", database.url);
  console.log(`db tier on ${database.embedded ? "embedded PGlite" : "PostgreSQL"}`);
  return () => database.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
