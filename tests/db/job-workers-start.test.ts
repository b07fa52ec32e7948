import crypto from "node:crypto";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createPool, createPrismaClient, type Db } from "@/lib/db/create-client";
import { checkHealth } from "@/lib/db/health";
import { migrateDatabase } from "@/lib/db/migrate";
import { poolConfigFromUrl } from "@/lib/db/pool-config";
import { exclusive, startJobs } from "@/lib/jobs/run-jobs";
import { jobWorkers, keepStarting, restartDelayMs, stopJobWorkers, type JobWorkersState } from "@/lib/jobs/workers-state";

const server = process.env.TEST_DATABASE_URL;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  const state = jobWorkers();
  state.status = "idle";
  state.stopping = false;
});

describe("job workers that fail to start", () => {
  it("are retried with backoff until they run, and health says degraded meanwhile", async () => {
    const state = jobWorkers();
    let tries = 0;
    const errors: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await keepStarting({
      state,
      delayMs: () => 50,
      onError: (_e, delay) => errors.push(delay),
      start: async () => {
        tries++;
        if (tries < 3) throw new Error("deadlock detected");
        await gate; // the third try hangs until released: the state stays "down" meanwhile
        return { stop: async () => undefined };
      },
    });
    expect(state.status).toBe("down");
    await expect.poll(() => tries).toBe(3);
    expect(await checkHealth()).toEqual({ status: "degraded", jobs: "down" });
    release();
    await expect.poll(() => state.status).toBe("running");
    expect(errors).toEqual([50, 50]);
    expect(await checkHealth()).toEqual({ status: "ok" });
  });

  it("stop a retry loop for good on shutdown", async () => {
    const state: JobWorkersState = { status: "idle", stopping: false };
    let tries = 0;
    await keepStarting({ state, delayMs: () => 30, onError: () => undefined, start: async () => ((tries++), Promise.reject(new Error("down"))) });
    await stopJobWorkers(100, state);
    await new Promise((r) => setTimeout(r, 150));
    expect(tries).toBe(1);
  });

  it("back off from 1 s doubling to 30 s, with jitter", () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => restartDelayMs(n, () => 0.5))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(restartDelayMs(0, () => 0)).toBe(750);
    expect(restartDelayMs(0, () => 1)).toBe(1250);
  });

  it.skipIf(!server)("two instances starting together on a database without the job schema both end up with running workers", { timeout: 120_000 }, async () => {
    const name = `desk_jobs_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client(poolConfigFromUrl(server!));
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    cleanups.push(async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    });
    const u = new URL(server!);
    u.pathname = `/${name}`;
    const url = u.toString();
    await migrateDatabase({ url });
    const instance = async () => {
      const pool = createPool({ url, embedded: false, poolMax: 3 });
      const client: Db = createPrismaClient({ url, embedded: false, pool });
      const state: JobWorkersState = { status: "idle", stopping: false };
      cleanups.push(async () => {
        await stopJobWorkers(10_000, state);
        await client.$disconnect();
        // On a loaded machine a worker can still hold a connection after the grace: pool.end() would
        // wait for it forever (the hook timed out at 120 s once). DROP DATABASE ... WITH (FORCE), the
        // next clean-up, ends whatever is left.
        await Promise.race([pool.end(), new Promise((r) => setTimeout(r, 15_000))]);
      });
      await keepStarting({
        state,
        delayMs: (n) => restartDelayMs(n) / 4,
        onError: () => undefined,
        start: () => startJobs({ db: client, pool, url, embedded: false, baseUrl: "http://desk.test", deliver: async () => undefined, log: () => undefined }),
      });
      return state;
    };
    const states = await Promise.all([instance(), instance()]);
    await expect.poll(() => states.map((s) => s.status), { timeout: 60_000 }).toEqual(["running", "running"]);
  });
});

describe("a job that must not overlap with itself", () => {
  it.skipIf(!server)("survives PostgreSQL ending the connection that holds its lock: no uncaught exception, the job finishes, the lock is free again", async () => {
    const applicationName = `exclusive-${crypto.randomUUID().slice(0, 8)}`;
    const pool = new pg.Pool({ ...poolConfigFromUrl(process.env.DATABASE_URL!), application_name: applicationName, max: 3 });
    cleanups.push(() => pool.end());
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", onUncaught);
    cleanups.push(async () => process.off("uncaughtException", onUncaught));

    const result = await exclusive({ pool, embedded: false }, "terminated", async () => {
      // The lock's connection is idle while the job works: a restart ends it now.
      await pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid() AND state = 'idle'", [applicationName]);
      await new Promise((r) => setTimeout(r, 300));
      return "done";
    });
    expect(result).toBe("done");
    expect(uncaught).toEqual([]);
    // The dead connection went with its lock and was not returned to the pool: the next run takes the lock.
    expect(await exclusive({ pool, embedded: false }, "terminated", async () => "again")).toBe("again");
  });
});
