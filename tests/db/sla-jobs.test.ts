import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db, dbPool } from "@/lib/db/client";
import { createPool, createPrismaClient, type Db } from "@/lib/db/create-client";
import { startJobs } from "@/lib/jobs/run-jobs";
import type { EmailJob } from "@/lib/notifications/notify";
import { fileRequest } from "@/lib/requests/file-request";
import { updateRequest } from "@/lib/requests/update-request";
import { sweepSlaClocks } from "@/lib/service-levels/sweep";
import { seedDesk, seedPolicies, uid } from "../support/factories";

type Desk = Awaited<ReturnType<typeof seedDesk>>;
type Runner = Awaited<ReturnType<typeof startJobs>>;

const url = process.env.DATABASE_URL!;
const embedded = process.env.DESK_EMBEDDED === "true";
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

let desk: Desk;
let runners: Runner[] = [];
let extraClients: Db[] = [];
let delivered: EmailJob[] = [];

beforeEach(async () => {
  desk = await seedDesk();
  await seedPolicies(desk.provider.id, [{ firstResponse: 60, resolution: 480 }]);
  delivered = [];
});

afterEach(async () => {
  await Promise.all(runners.map((r) => r.stop()));
  await Promise.all(extraClients.map((c) => c.$disconnect()));
  runners = [];
  extraClients = [];
});

/** An app instance's workers. On PostgreSQL each has its own connections, as separate processes would. */
async function startInstance() {
  let client = db();
  let pool = dbPool();
  if (!embedded) {
    // The embedded server takes one connection, so there the two workers share this process's pool.
    pool = createPool({ url, embedded: false, poolMax: 3 });
    client = createPrismaClient({ url, embedded: false, pool });
    extraClients.push(client);
  }
  const runner = await startJobs({
    db: client,
    pool,
    url,
    embedded,
    baseUrl: "http://desk.test",
    sweepEverySeconds: 1,
    deliver: async (mail) => void delivered.push(mail),
    log: () => undefined,
  });
  runners.push(runner);
  return runner;
}

async function overdueRequest() {
  const { id } = await fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title: "Leaking tap", description: "Drips", submissionKey: `k-${uid()}` } });
  await setThresholds(id, [90, 75, 60]);
  return id;
}

/** As if the first-response clock had been running for a while: thresholds this many minutes ago (negative: ahead). */
async function setThresholds(requestId: string, [at50, at75, at100]: [number, number, number]) {
  await db().slaClock.updateMany({
    where: { requestId, metric: "FIRST_RESPONSE" },
    data: { warnAt50: minutesAgo(at50), warnAt75: minutesAgo(at75), dueAt: minutesAgo(at100), nextNoticeAt: minutesAgo(at50) },
  });
}

// Generous: on a loaded machine pg-boss's start and first poll can take many seconds; the promise
// is "within a minute", and a passing run returns as soon as the condition holds.
async function waitFor<T>(probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 50_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("SLA warnings and breaches", () => {
  it("fires each threshold once as its time comes, warns the heads when nobody is assigned, and logs the breach", async () => {
    const { id } = await fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title: "Leaking tap", description: "Drips", submissionKey: `k-${uid()}` } });
    await setThresholds(id, [10, -10, -30]);
    const sweepAt = async (minutesFromNow: number) =>
      (await sweepSlaClocks(db(), { baseUrl: "http://desk.test", now: minutesAgo(-minutesFromNow) })).fired.filter((f) => f.requestId === id).map((f) => f.percent);
    expect(await sweepAt(0)).toEqual([50]);
    expect(await sweepAt(1)).toEqual([]);
    expect(await sweepAt(15)).toEqual([75]);
    expect(await sweepAt(31)).toEqual([100]);
    expect(await sweepAt(45)).toEqual([]);
    expect((await db().slaClock.findFirstOrThrow({ where: { requestId: id, metric: "FIRST_RESPONSE" } })).nextNoticeAt).toBeNull();

    // Filing also told the department's agents about the new request: only SLA notices count here.
    const notes = await db().notification.findMany({ where: { requestId: id, kind: { startsWith: "sla_" } } });
    expect(notes.every((n) => n.personId === desk.head.id)).toBe(true);
    expect(notes.map((n) => n.kind).sort()).toEqual(["sla_breached", "sla_warning", "sla_warning"]);
    expect(await db().requestEvent.count({ where: { requestId: id, type: "sla_breached" } })).toBe(1);
  });

  it("fires only the breach for a clock found past its target, not the warnings it overtook", async () => {
    const id = await overdueRequest();
    const first = await sweepSlaClocks(db(), { baseUrl: "http://desk.test" });
    expect(first.fired.filter((f) => f.requestId === id).map((f) => f.percent)).toEqual([100]);
    expect((await sweepSlaClocks(db(), { baseUrl: "http://desk.test" })).fired.filter((f) => f.requestId === id)).toEqual([]);
  });

  it("warns afresh when the target changes, and only once per target", async () => {
    const id = await overdueRequest();
    await sweepSlaClocks(db(), { baseUrl: "http://desk.test" });
    // A recomputation (any change of the request) sets the clock up from its first threshold again.
    await db().slaClock.updateMany({ where: { requestId: id, metric: "FIRST_RESPONSE" }, data: { nextNoticeAt: minutesAgo(90) } });
    expect((await sweepSlaClocks(db(), { baseUrl: "http://desk.test" })).fired.filter((f) => f.requestId === id)).toEqual([]);
    await db().slaClock.updateMany({ where: { requestId: id, metric: "FIRST_RESPONSE" }, data: { targetMinutes: 30, nextNoticeAt: minutesAgo(90) } });
    expect((await sweepSlaClocks(db(), { baseUrl: "http://desk.test" })).fired.filter((f) => f.requestId === id).map((f) => f.percent)).toEqual([100]);
  });

  it("warns the assignee and escalates a breach to the head", async () => {
    const id = await overdueRequest();
    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: 1, assigneeId: desk.agent.id } });
    await setThresholds(id, [90, 75, -60]);
    await sweepSlaClocks(db(), { baseUrl: "http://desk.test" });
    await sweepSlaClocks(db(), { baseUrl: "http://desk.test", now: minutesAgo(-61) });
    const notes = await db().notification.findMany({ where: { requestId: id }, orderBy: { kind: "asc" } });
    expect(notes.filter((n) => n.kind === "sla_warning").map((n) => n.personId)).toEqual([desk.agent.id]);
    expect(notes.filter((n) => n.kind === "sla_breached").map((n) => n.personId).sort()).toEqual([desk.agent.id, desk.head.id].sort());
  });

  it("sends the warning to the heads when the assignee has been deactivated", async () => {
    const id = await overdueRequest();
    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: 1, assigneeId: desk.agent.id } });
    await setThresholds(id, [10, -10, -30]);
    await db().person.update({ where: { id: desk.agent.id }, data: { active: false } });
    await sweepSlaClocks(db(), { baseUrl: "http://desk.test" });
    const notes = await db().notification.findMany({ where: { requestId: id, kind: { startsWith: "sla_" } } });
    expect(notes.map((n) => [n.kind, n.personId])).toEqual([["sla_warning", desk.head.id]]);
  });

  it("never fires for a paused clock", async () => {
    const { id } = await fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title: "Paused", description: "x", submissionKey: `k-${uid()}` } });
    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: 1, status: "WAITING_ON_REQUESTER" } });
    await db().slaClock.updateMany({ where: { requestId: id }, data: { dueAt: minutesAgo(5), nextNoticeAt: minutesAgo(5) } });
    const { fired } = await sweepSlaClocks(db(), { baseUrl: "http://desk.test" });
    expect(fired.filter((f) => f.requestId === id)).toEqual([]);
  });

  it("fires exactly once with two app instances' workers racing, and delivers the emails by job", { timeout: 120_000 }, async () => {
    // Started one after the other: on PGlite, pg-boss's first-time schema install racing itself
    // errors inside a multi-statement query, which makes PGlite drop the connection.
    await startInstance();
    await startInstance();
    const ids = await Promise.all([overdueRequest(), overdueRequest(), overdueRequest()]);
    const notices = await waitFor(
      () => db().slaNotice.findMany({ where: { requestId: { in: ids } } }),
      (n) => n.length === 3,
    );
    expect(notices).toHaveLength(3);
    await Promise.all(runners.map((r) => r.requestSweep()));
    await new Promise((r) => setTimeout(r, 2500));
    expect(await db().slaNotice.count({ where: { requestId: { in: ids } } })).toBe(3);
    expect(await db().notification.count({ where: { requestId: { in: ids }, kind: { startsWith: "sla_" } } })).toBe(3);
    const mails = await waitFor(async () => delivered.filter((m) => m.to === desk.head.email), (m) => m.length >= 3);
    expect(mails).toHaveLength(3);
  });

  it("fires what came due while no instance was running, once, after a restart", { timeout: 120_000 }, async () => {
    const first = await startInstance();
    await first.stop();
    runners = [];
    const id = await overdueRequest();
    expect(await db().slaNotice.count({ where: { requestId: id } })).toBe(0);
    await startInstance();
    const notices = await waitFor(() => db().slaNotice.findMany({ where: { requestId: id } }), (n) => n.length === 1);
    expect(notices.map((n) => n.percent)).toEqual([100]);
  });
});

describe("in-app notifications", () => {
  it("are listed and marked read only by their owner", async () => {
    const ids = [await overdueRequest(), await overdueRequest(), await overdueRequest()];
    // Filing told the head about each new request; this test is about the SLA notices alone.
    await db().notification.deleteMany({ where: { requestId: { in: ids } } });
    await sweepSlaClocks(db(), { baseUrl: "http://desk.test" });
    const { listNotifications, markNotificationsRead, unreadCount } = await import("@/lib/notifications/my-notifications");
    expect(await unreadCount(desk.head)).toBe(3);
    expect(await listNotifications({ actor: desk.requester })).toEqual([]);
    const mine = await listNotifications({ actor: desk.head });
    expect(mine.map((n) => n.reference)).toEqual([expect.stringMatching(new RegExp(`^${desk.provider.key}-`)), expect.anything(), expect.anything()]);
    expect(await markNotificationsRead({ actor: desk.requester, ids: mine.map((n) => n.id) })).toEqual({ count: 0 });
    expect(await unreadCount(desk.head)).toBe(3);
    expect(await markNotificationsRead({ actor: desk.head, ids: [mine[0]!.id] })).toEqual({ count: 1 });
    expect(await markNotificationsRead({ actor: desk.head })).toEqual({ count: 2 });
    expect(await db().notification.count({ where: { requestId: { in: ids }, readAt: null } })).toBe(0);
  });
});
