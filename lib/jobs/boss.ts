import PgBoss from "pg-boss";
import type pg from "pg";
import { createPool } from "@/lib/db/create-client";

/**
 * pg-boss on the desk's database, its SQL always through a pool made by createPool: on PostgreSQL a
 * small pool of its own (3), on the embedded database the app's single connection. pg-boss's own
 * pool listened only for the pool's errors, so a checked-out connection that PostgreSQL ended
 * during a restart could raise an uncaught exception (the fault run saw two); createPool's
 * connections always have a listener. `close` ends the pool it made, after the boss has stopped.
 */
export function createBoss(options: { url: string; embedded: boolean; pool: pg.Pool }): { boss: PgBoss; close: () => Promise<void> } {
  const common = { schema: "pgboss", supervise: true, schedule: false, maintenanceIntervalSeconds: 15 };
  const pool = options.embedded ? options.pool : createPool({ url: options.url, embedded: false, poolMax: 3, applicationName: "pgboss" });
  let closed = false;
  // Once closed, SQL is skipped and answers undefined, exactly as pg-boss's own pool does after stop
  // (its callers expect that; a job finishing late is not marked complete and pg-boss retries it
  // after its expiry), instead of rejecting on an ended pool as an unhandled rejection.
  const skipped = undefined as unknown as pg.QueryResult;
  const boss = new PgBoss({ ...common, db: { executeSql: async (text, values) => (closed && !options.embedded ? skipped : pool.query(text, values)) } });
  return {
    boss,
    close: async () => {
      if (options.embedded || closed) return;
      closed = true;
      await pool.end().catch(() => {});
    },
  };
}
