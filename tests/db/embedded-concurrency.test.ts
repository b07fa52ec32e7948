import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/create-client";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrateIfNeeded } from "@/lib/db/migrate";

// PGlite is single-session and its socket multiplexer can interleave two connections' messages
// (PRISMA-OFFLINE.md). The desk gives it one connection; this proves concurrent transactions then
// queue correctly instead of corrupting each other, whatever database the rest of the tier uses.
let embedded: EmbeddedDatabase;
let client: Db;

beforeAll(async () => {
  embedded = await startEmbeddedDatabase({ dataDir: "memory://" });
  await migrateIfNeeded(embedded.url);
  client = createPrismaClient({ url: embedded.url, embedded: true });
});

afterAll(async () => {
  await client?.$disconnect();
  await embedded?.stop();
});

describe("embedded database under concurrent requests", () => {
  it("serialises read-modify-write transactions without losing an update", async () => {
    const dept = await client.department.create({ data: { key: "CONC", name: "Concurrency", timeZone: "UTC" } });
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        client.$transaction(async (tx) => {
          const d = await tx.department.findUniqueOrThrow({ where: { id: dept.id } });
          await tx.department.update({ where: { id: dept.id }, data: { requestSeq: d.requestSeq + 1, description: `writer ${i}` } });
        }),
      ),
    );
    expect((await client.department.findUniqueOrThrow({ where: { id: dept.id } })).requestSeq).toBe(1040);
  });

  it("rolls back a failing transaction without disturbing concurrent ones", async () => {
    const dept = await client.department.create({ data: { key: "ROLL", name: "Rollback", timeZone: "UTC" } });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        client.$transaction(async (tx) => {
          await tx.department.update({ where: { id: dept.id }, data: { requestSeq: { increment: 1 } } });
          if (i % 2) throw new Error("boom");
        }),
      ),
    );
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(10);
    expect((await client.department.findUniqueOrThrow({ where: { id: dept.id } })).requestSeq).toBe(1010);
    // Plain queries interleaved with transactions still see consistent data.
    const counts = await Promise.all(Array.from({ length: 10 }, () => client.department.count()));
    expect(new Set(counts).size).toBe(1);
  });
});
