// `npm run db:migrate`: applies pending migrations to DATABASE_URL, each in one transaction, and
// exits. Run it as its own deployment step (then start instances with DESK_MIGRATE=false).
import { migrateDatabase } from "../lib/db/migrate";
import { parseEnv } from "../lib/env";

const config = parseEnv(process.env);
if (!config.DATABASE_URL) {
  console.error("[migrate] DATABASE_URL is required (the embedded database is migrated by `npm start` itself)");
  process.exit(1);
}
const started = Date.now();
try {
  const { applied } = await migrateDatabase({ url: config.DATABASE_URL, log: (m) => console.log(`[migrate] ${m}`) });
  console.log(`[migrate] ${applied.length ? `${applied.length} migration(s) applied` : "the schema is up to date"} in ${Date.now() - started} ms`);
} catch (error) {
  console.error(`[migrate] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
