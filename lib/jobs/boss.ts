import PgBoss from "pg-boss";
import type pg from "pg";
import { poolConfigFromUrl } from "@/lib/db/pool-config";

/**
 * pg-boss on the desk's database. On PostgreSQL it keeps a small pool of its own; on the embedded
 * database it must share the app's single connection, so its SQL goes through the app's pool.
 */
export function createBoss(options: { url: string; embedded: boolean; pool: pg.Pool }): PgBoss {
  const common = { schema: "pgboss", supervise: true, schedule: false, maintenanceIntervalSeconds: 15 };
  if (options.embedded) {
    return new PgBoss({ ...common, db: { executeSql: (text, values) => options.pool.query(text, values) } });
  }
  const { host, port, user, password, database, ssl } = poolConfigFromUrl(options.url);
  return new PgBoss({ ...common, host, port, user, password: typeof password === "string" ? password : undefined, database, ssl, max: 3 });
}
