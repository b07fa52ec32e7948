// lib/jobs/boss.ts answers pg-boss's SQL with nothing once its pool is closed (BossSql). That is only
// sound while pg-boss itself does the same and its late readers handle it: both are pinned here
// against the installed pg-boss, so an upgrade that changes either fails this test.
import { createRequire } from "node:module";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createBoss } from "@/lib/jobs/boss";

const require = createRequire(import.meta.url);
const job = "00000000-0000-4000-8000-000000000000";

describe("pg-boss after close", () => {
  // Never connected: a query reaching the pool after end() would reject ("Cannot use a pool after calling end").
  const closedBoss = async () => {
    const made = createBoss({ url: "postgresql://nobody@127.0.0.1:1/none", embedded: false, pool: new pg.Pool() });
    await made.close();
    return made;
  };

  it("sends no SQL once closed: the ended pool is not touched and the answer is nothing", async () => {
    const { executeSql } = await closedBoss();
    await expect(executeSql("SELECT 1", [])).resolves.toBeUndefined();
  });

  it("is what pg-boss's own Db answers when not open", async () => {
    const Db = require("pg-boss/src/db.js") as new (config: object) => { executeSql(text: string, values: unknown[]): Promise<unknown> };
    await expect(new Db({}).executeSql("SELECT 1", [])).resolves.toBeUndefined();
  });

  it("is handled by the readers that run after stop: completing, failing and fetching a job", async () => {
    const { boss } = await closedBoss();
    await expect(boss.complete("q", job)).resolves.toMatchObject({ requested: 1, affected: 0 });
    await expect(boss.fail("q", job)).resolves.toMatchObject({ requested: 1, affected: 0 });
    await expect(boss.fetch("q")).resolves.toEqual([]);
  });
});
