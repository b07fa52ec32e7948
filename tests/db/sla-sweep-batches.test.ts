import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createPrismaClient } from "@/lib/db/create-client";
import { fileRequest } from "@/lib/requests/file-request";
import { sweepSlaClocks } from "@/lib/service-levels/sweep";
import { seedDesk, seedPolicies, uid } from "../support/factories";

const embedded = process.env.DESK_EMBEDDED === "true";
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

let desk: Awaited<ReturnType<typeof seedDesk>>;
let ids: string[];

beforeEach(async () => {
  desk = await seedDesk();
  await seedPolicies(desk.provider.id, [{ firstResponse: 60, resolution: 480 }]);
  // A backlog: 25 requests whose first-response clocks all passed their target a while ago.
  ids = [];
  for (let i = 0; i < 25; i++) {
    const { id } = await fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title: `Backlog ${i}`, description: "x", submissionKey: `k-${uid()}` } });
    ids.push(id);
  }
  await db().slaClock.updateMany({
    where: { requestId: { in: ids }, metric: "FIRST_RESPONSE" },
    data: { warnAt50: minutesAgo(90), warnAt75: minutesAgo(75), dueAt: minutesAgo(60), nextNoticeAt: minutesAgo(90) },
  });
});

const breaches = () => db().slaNotice.count({ where: { requestId: { in: ids }, percent: 100 } });

describe("SLA sweep in bounded batches", () => {
  it("works through a backlog in batches that each commit, whatever its size", async () => {
    const { fired, batches } = await sweepSlaClocks(db(), { baseUrl: "http://desk.test", batch: 10 });
    expect(fired.filter((f) => ids.includes(f.requestId)).map((f) => f.percent)).toEqual(Array(25).fill(100));
    expect(batches).toBeGreaterThanOrEqual(3);
    expect(await breaches()).toBe(25);
    expect(await db().notification.count({ where: { requestId: { in: ids }, kind: "sla_breached" } })).toBeGreaterThanOrEqual(25);
  });

  it.skipIf(embedded)("two sweeps side by side (two instances) share the backlog and fire each notice once", async () => {
    const other = createPrismaClient({ url: process.env.DATABASE_URL!, embedded: false, poolMax: 2 });
    try {
      const [a, b] = await Promise.all([sweepSlaClocks(db(), { baseUrl: "http://desk.test", batch: 5 }), sweepSlaClocks(other, { baseUrl: "http://desk.test", batch: 5 })]);
      const mine = [...a.fired, ...b.fired].filter((f) => ids.includes(f.requestId));
      expect(mine.length).toBe(25);
      expect(new Set(mine.map((f) => f.requestId)).size).toBe(25);
      expect(await breaches()).toBe(25);
    } finally {
      await other.$disconnect();
    }
  });
});
