import PgBoss from "pg-boss";
import type pg from "pg";
import { createPool } from "@/lib/db/create-client";

/**
 * What pg-boss's SQL answers: a result, or nothing once the pool is closed. That is pg-boss's own
 * contract (node_modules/pg-boss/src/db.js resolves undefined when not opened, and the readers that
 * can run after stop, complete/fail/fetch, read `result?.rows` / `result && result.rows`), but its
 * types.d.ts declares every answer a result. tests/unit/boss-closed.test.ts pins both halves against
 * pg-boss itself, so an upgrade that changes either fails there.
 */
export type BossSql = (text: string, values: unknown[]) => Promise<pg.QueryResult | undefined>;

/** The one place pg-boss is handed a BossSql under its declared Db type (see BossSql for why that is sound). */
const asPgBossDb = (executeSql: BossSql): PgBoss.Db => ({ executeSql }) as PgBoss.Db;

/**
 * pg-boss on the desk's database, its SQL always through a pool made by createPool: on PostgreSQL a
 * small pool of its own (3), on the embedded database the app's single connection. pg-boss's own
 * pool listened only for the pool's errors, so a checked-out connection that PostgreSQL ended
 * during a restart could raise an uncaught exception (the fault run saw two); createPool's
 * connections always have a listener. `close` ends the pool it made, after the boss has stopped.
 */
export function createBoss(options: { url: string; embedded: boolean; pool: pg.Pool }): { boss: PgBoss; close: () => Promise<void>; executeSql: BossSql } {
  const common = { schema: "pgboss", supervise: true, schedule: false, maintenanceIntervalSeconds: 15 };
  const pool = options.embedded ? options.pool : createPool({ url: options.url, embedded: false, poolMax: 3, applicationName: "pgboss" });
  let closed = false;
  // Once closed, SQL is not sent and answers nothing, as pg-boss's own pool does after stop: a job
  // finishing after stop (pg-boss completes it without awaiting) is then not marked complete and
  // pg-boss retries it after its expiry, instead of an unhandled rejection from an ended pool.
  const executeSql: BossSql = async (text, values) => (closed && !options.embedded ? undefined : pool.query(text, values));
  const boss = new PgBoss({ ...common, db: asPgBossDb(executeSql) });
  return {
    boss,
    executeSql,
    close: async () => {
      if (options.embedded || closed) return;
      closed = true;
      await pool.end().catch(() => {});
    },
  };
}
