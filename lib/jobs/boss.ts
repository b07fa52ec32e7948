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
  const boss = new PgBoss({ ...common, db: { executeSql: (text, values) => pool.query(text, values) } });
  let closed = false;
  return {
    boss,
    close: async () => {
      if (options.embedded || closed) return;
      closed = true;
      await pool.end().catch(() => {});
    },
  };
}
