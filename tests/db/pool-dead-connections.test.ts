import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createPool, createPrismaClient } from "@/lib/db/create-client";
import { poolConfigFromUrl } from "@/lib/db/pool-config";

// A connection that dies under an interactive transaction (PostgreSQL restarted, a backend
// terminated) must not hold a pool slot for good: Prisma's driver adapter never releases it (its
// ROLLBACK fails first), and once `max` of them leaked every query waited out the connection
// timeout until the process restarted. The fault run found it; this is the same thing, small.
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

describe("the desk's connection pool", () => {
  it.skipIf(!process.env.TEST_DATABASE_URL)("gets back the slots of connections that died inside transactions, and serves the next query at once", async () => {
    const url = process.env.DATABASE_URL!;
    const pool = createPool({ url, embedded: false, poolMax: 2 });
    const prisma = createPrismaClient({ url, embedded: false, pool });
    cleanups.push(() => pool.end(), () => prisma.$disconnect());
    const admin = new pg.Client(poolConfigFromUrl(url));
    await admin.connect();
    cleanups.push(() => admin.end());

    for (let round = 0; round < 3; round++) {
      const pids: number[] = [];
      let inside!: () => void;
      const bothInside = new Promise<void>((r) => (inside = r));
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const transactions = [0, 1].map(() =>
        prisma
          .$transaction(async (tx) => {
            const rows = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
            pids.push(rows[0]!.pid);
            if (pids.length === 2) inside();
            await gate;
            await tx.$queryRaw`SELECT 2`;
          })
          .then(
            () => "committed",
            () => "failed",
          ),
      );
      await bothInside;
      await admin.query("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid", [pids]);
      release();
      expect(await Promise.all(transactions)).toEqual(["failed", "failed"]);
    }
    // Every slot was a dead connection's, three times over: the next query still gets one at once.
    expect(await prisma.$queryRaw<{ ok: number }[]>`SELECT 1 AS ok`).toEqual([{ ok: 1 }]);
    expect(pool.totalCount).toBeLessThanOrEqual(2);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)("a connection ended by the server while checked out, however it was borrowed, is no uncaught exception", async () => {
    const url = process.env.DATABASE_URL!;
    const pool = createPool({ url, embedded: false, poolMax: 3 });
    cleanups.push(() => pool.end());
    const admin = new pg.Client(poolConfigFromUrl(url));
    await admin.connect();
    cleanups.push(() => admin.end());
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.prependListener("uncaughtException", onUncaught);
    cleanups.push(async () => process.off("uncaughtException", onUncaught));
    // The callback form is how pg-pool's own pool.query borrows (pg-boss and Prisma's plain queries);
    // the borrower here holds the connection between two queries when PostgreSQL ends it.
    const borrowed = await new Promise<{ client: pg.PoolClient; done: (release?: unknown) => void }>((resolve, reject) =>
      pool.connect((error, client, done) => (error || !client ? reject(error ?? new Error("no client")) : resolve({ client, done }))),
    );
    const { rows } = await borrowed.client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    await admin.query("SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
    await new Promise((r) => setTimeout(r, 500));
    borrowed.done(true);
    expect(uncaught).toEqual([]);
    expect((await pool.query<{ ok: number }>("SELECT 1 AS ok")).rows).toEqual([{ ok: 1 }]);
  });
});
