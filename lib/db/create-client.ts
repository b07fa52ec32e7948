import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client";
import { poolConfigFromUrl } from "./pool-config";

export type Db = PrismaClient;
/** The client a use case gets inside `db().$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * The connection pool of a process. The embedded server takes one connection, so its pool is one:
 * Prisma and the job queue share it, and work queues for the connection instead of corrupting it.
 */
export function createPool(options: { url: string; embedded: boolean; poolMax?: number; applicationName?: string }): pg.Pool {
  const pool = new pg.Pool({ ...poolOptions(options), ...(options.applicationName ? { application_name: options.applicationName } : {}) });
  // An idle connection the server drops (a restart, a terminated backend) leaves the pool, and the
  // next query opens a fresh one; unlistened, the pool's 'error' event would crash the process.
  pool.on("error", () => {});
  // A connection the server ends while it is checked out emits 'error' on the client itself, and
  // pg-pool listens there only while the connection is idle (and pool.query only once): every
  // connection keeps a listener for its whole life. The borrower still sees the failure, as its
  // query's rejection.
  pool.on("connect", (client) => client.on("error", () => {}));
  return releaseDeadClients(pool);
}

/**
 * A connection that dies while checked out (a PostgreSQL restart, a terminated backend) goes back
 * to the pool to be destroyed, whatever its borrower does next. Prisma's driver adapter leaks it
 * otherwise: an interactive transaction whose connection died fails its ROLLBACK and never calls
 * release(), so each one killed mid-transaction holds a pool slot for good, and after `max` of them
 * every query waits out connectionTimeoutMillis until the process restarts (seen in the fault run:
 * an instance never healthy again after PostgreSQL restarted in immediate mode; reproduced in
 * tests/db/pool-dead-connections.test.ts). Release becomes idempotent, so the borrower's own late
 * release() is a no-op, and an 'error' from the dead connection has a listener.
 */
function releaseDeadClients(pool: pg.Pool): pg.Pool {
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  pool.connect = ((...args: unknown[]) => {
    if (args.length > 0) return connect(...args); // the callback form: not used by the desk or its libraries' pools
    return (connect() as Promise<pg.PoolClient>).then((client) => {
      const release = client.release.bind(client);
      let released = false;
      const ignore = () => {};
      const onEnd = () => client.release(true);
      client.on("error", ignore);
      client.once("end", onEnd);
      client.release = ((error?: Error | boolean) => {
        if (released) return;
        released = true;
        client.off("error", ignore);
        client.off("end", onEnd);
        release(error);
      });
      return client;
    });
  }) as pg.Pool["connect"];
  return pool;
}

function poolOptions(options: { url: string; embedded: boolean; poolMax?: number }): pg.PoolConfig {
  return {
    ...poolConfigFromUrl(options.url),
    // PostgreSQL's JIT compiles any statement its planner costs above jit_above_cost, and the
    // desk's bounded queries (the search's month-by-month candidates, the reports' CTEs) are costed
    // far above what they do: at 1,000,000 requests the agent's search spent 306 ms of its 345 ms
    // compiling. Off for the desk's connections unless DATABASE_URL's `options` says otherwise.
    ...(options.embedded ? {} : { options: new URL(options.url).searchParams.get("options") ?? "-c jit=off" }),
    max: options.embedded ? 1 : (options.poolMax ?? 10),
    idleTimeoutMillis: options.embedded ? 0 : 10_000,
    // PostgreSQL: a saturated pool (or an unreachable server) fails the wait after 10 s, answered
    // 503 "busy" (lib/db/unavailable.ts). Embedded: requests queue for its single connection.
    connectionTimeoutMillis: options.embedded ? 0 : 10_000,
  };
}

/**
 * One code path for PostgreSQL and the embedded PGlite: both are reached over the wire protocol.
 * Given a pool, the client shares it and leaves closing it to its owner; otherwise it owns its own
 * pool and $disconnect() closes it (which the launcher relies on to free the embedded connection).
 */
/** `transactionOptions`: instead of the desk's (bench:generate's bulk roll-ups on a loaded machine). */
export function createPrismaClient(options: {
  url: string;
  embedded: boolean;
  poolMax?: number;
  pool?: pg.Pool;
  transactionOptions?: { maxWait: number; timeout: number };
}): PrismaClient {
  const adapter = new PrismaPg(options.pool ?? poolOptions(options));
  return new PrismaClient({
    adapter,
    // Transactions wait for the single embedded connection rather than fail.
    transactionOptions: options.transactionOptions ?? (options.embedded ? { maxWait: 60_000, timeout: 60_000 } : { maxWait: 5_000, timeout: 15_000 }),
  });
}
