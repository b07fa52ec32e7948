import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { bulkUpdateRequests } from "@/lib/requests/bulk-update-requests";
import { fileRequest } from "@/lib/requests/file-request";
import { listQueue } from "@/lib/requests/list-queue";
import { updateRequest } from "@/lib/requests/update-request";
import type { SlaBadge } from "@/lib/service-levels/sla-badges";
import { priorities, type QueueFilter } from "@/lib/validation/requests";
import { actorOf, seedDepartment, seedDesk, seedPerson, seedPolicies, seedRequestType, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";

type Desk = Awaited<ReturnType<typeof seedDesk>>;
let desk: Desk;


const file = async (options: { typeId?: string; actor?: Desk["requester"]; title?: string } = {}) =>
  fileRequest({
    actor: options.actor ?? desk.requester,
    input: { typeId: options.typeId ?? desk.type.id, title: options.title ?? "Broken chair", description: "It wobbles", submissionKey: `k-${uid()}` },
  });
const version = async (id: string) => (await db().request.findUniqueOrThrow({ where: { id } })).version;
const queue = (filter: QueueFilter = {}, extra: { pageSize?: number; now?: Date } = {}) => listQueue({ actor: desk.agent, departmentKey: desk.provider.key, filter, ...extra });
const ids = async (filter: QueueFilter = {}) => (await queue(filter)).rows.map((r) => r.id).sort();
const sorted = (...list: string[]) => [...list].sort();

/** Every page of a queue, following nextCursor. */
async function allPages(filter: QueueFilter, pageSize: number, now?: Date) {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const result = await queue({ ...filter, ...(cursor ? { cursor } : {}) }, { pageSize, now });
    expect(result.rows.length).toBeLessThanOrEqual(pageSize);
    seen.push(...result.rows.map((r) => r.id));
    if (!result.nextCursor) return seen;
    cursor = result.nextCursor;
  }
  throw new Error("more than 50 pages");
}

beforeEach(async () => {
  desk = await seedDesk();
});

describe("queue filters and saved views", () => {
  it("filters by status, priority, type, assignee, team, requester's department and title, and applies saved views", async () => {
    const otherType = await seedRequestType({ departmentId: desk.provider.id });
    const team = await db().team.create({ data: { departmentId: desk.provider.id, name: `Team ${uid()}` } });
    const third = await seedDepartment();
    const thirdRequester = await actorOf((await seedPerson({ departmentId: third.id })).id);
    const a = await file({ title: "Printer jam" });
    const b = await file({ typeId: otherType.id });
    const c = await file({ actor: thirdRequester });
    const d = await file();
    await updateRequest({ actor: desk.agent, input: { requestId: a.id, expectedVersion: 1, assigneeId: desk.agent.id, priority: "HIGH" } });
    await updateRequest({ actor: desk.agent, input: { requestId: b.id, expectedVersion: 1, assigneeId: desk.head.id } });
    await updateRequest({ actor: desk.agent, input: { requestId: c.id, expectedVersion: 1, status: "WAITING_ON_REQUESTER" } });
    await updateRequest({ actor: desk.agent, input: { requestId: d.id, expectedVersion: 1, status: "RESOLVED" } });
    await db().request.update({ where: { id: b.id }, data: { teamId: team.id } });

    expect(await ids()).toEqual(sorted(a.id, b.id, c.id));
    expect(await ids({ status: "ALL" })).toEqual(sorted(a.id, b.id, c.id, d.id));
    expect(await ids({ status: "RESOLVED" })).toEqual([d.id]);
    expect(await ids({ priority: "HIGH" })).toEqual([a.id]);
    expect(await ids({ type: otherType.id })).toEqual([b.id]);
    expect(await ids({ assignee: "me" })).toEqual([a.id]);
    expect(await ids({ assignee: desk.head.id })).toEqual([b.id]);
    expect(await ids({ assignee: "none" })).toEqual([c.id]);
    expect(await ids({ assignee: "any" })).toEqual(sorted(a.id, b.id, c.id));
    expect(await ids({ team: team.id })).toEqual([b.id]);
    expect(await ids({ team: "none" })).toEqual(sorted(a.id, c.id));
    expect(await ids({ from: third.id })).toEqual([c.id]);
    expect(await ids({ from: desk.other.id, status: "ALL" })).toEqual(sorted(a.id, b.id, d.id));
    expect(await ids({ q: "printer" })).toEqual([a.id]);
    expect(await ids({ q: "100%_" })).toEqual([]);

    expect(await ids({ view: "mine" })).toEqual([a.id]);
    expect(await ids({ view: "unassigned" })).toEqual([c.id]);
    expect(await ids({ view: "waiting" })).toEqual([c.id]);
    expect(await ids({ view: "all" })).toEqual(sorted(a.id, b.id, c.id, d.id));
    // A filter chosen on top of a view still applies, and "anyone" overrides the view's assignee.
    expect(await ids({ view: "all", priority: "HIGH" })).toEqual([a.id]);
    expect(await ids({ view: "mine", assignee: "any" })).toEqual(sorted(a.id, b.id, c.id));
    const breaching = await queue({ view: "breaching" });
    expect(breaching.filter).toMatchObject({ status: "ACTIVE", sort: "due" });
  });

  it("refuses bad values with a message per field, and starts over from a cursor of another order or a tampered one", async () => {
    await file();
    for (const [field, value] of [["status", "DONE"], ["priority", "SOON"], ["sla", "late"], ["sort", "random"], ["view", "everything"], ["type", "x".repeat(65)]] as const) {
      const error = await expectAppError(queue({ [field]: value }), "INVALID_INPUT");
      expect(Object.keys(error.fieldErrors ?? {})).toEqual([field]);
    }
    for (const cursor of ["garbage", Buffer.from("newest|not a date|x").toString("base64url"), Buffer.from("priority|SOON|2026-01-01T00:00:00.000Z|x").toString("base64url")]) {
      expect((await queue({ cursor, sort: "priority" })).rows).toHaveLength(1);
    }
  });

  it("shows nothing to an agent of another department or a requester", async () => {
    await file();
    await expectAppError(listQueue({ actor: desk.outsiderAgent, departmentKey: desk.provider.key, filter: { view: "all" } }), "FORBIDDEN");
    await expectAppError(listQueue({ actor: desk.requester, departmentKey: desk.provider.key, filter: { status: "nonsense" } }), "FORBIDDEN");
  });
});

describe("queue orders with keyset pages", () => {
  const minute = 60_000;
  let all: string[];

  beforeEach(async () => {
    await seedPolicies(desk.provider.id, [
      { priorities: ["URGENT", "HIGH"], firstResponse: 30, resolution: 240 },
      { priorities: ["NORMAL"], firstResponse: 60, resolution: 480 },
    ]);
    all = [];
    for (let i = 0; i < 13; i++) all.push((await file({ title: `Request ${i}` })).id);
    // Priorities of every kind (LOW has no SLA), a waiting (paused) one and a resolved one.
    const plan: Record<number, { priority?: (typeof priorities)[number]; status?: "WAITING_ON_REQUESTER" | "RESOLVED" }> = {
      0: { priority: "URGENT" }, 1: { priority: "LOW" }, 2: { priority: "HIGH" }, 3: { priority: "URGENT" }, 4: { priority: "LOW" },
      5: { status: "WAITING_ON_REQUESTER" }, 6: { status: "RESOLVED" }, 7: { priority: "HIGH" }, 9: { priority: "URGENT" },
    };
    for (const [i, change] of Object.entries(plan)) await updateRequest({ actor: desk.agent, input: { requestId: all[Number(i)]!, expectedVersion: 1, ...change } });
    // Ties on createdAt, and on due time, that only the id separates.
    const at = new Date(Date.now() - 90 * minute);
    await db().request.updateMany({ where: { id: { in: [all[8]!, all[9]!, all[10]!, all[11]!] } }, data: { createdAt: at } });
    await db().slaClock.updateMany({ where: { requestId: { in: [all[10]!, all[11]!, all[12]!] }, metric: "FIRST_RESPONSE" }, data: { dueAt: new Date(Date.now() + 5 * minute), warnAt75: new Date(Date.now() - 10 * minute) } });
  });

  /** The order each sort promises, computed here from the rows themselves. */
  async function expected(sort: string, status: "ALL" | "ACTIVE") {
    const rows = await db().request.findMany({
      where: { id: { in: all }, ...(status === "ACTIVE" ? { status: { in: ["NEW", "OPEN", "WAITING_ON_REQUESTER"] } } : {}) },
      select: { id: true, createdAt: true, priority: true },
    });
    const clocks = await db().slaClock.findMany({ where: { requestId: { in: all }, segment: 0, stoppedAt: null, paused: false, dueAt: { not: null } } });
    const due = new Map<string, { at: number; clock: string }>();
    for (const c of clocks) {
      const current = due.get(c.requestId);
      const at = c.dueAt!.getTime();
      if (!current || at < current.at || (at === current.at && c.id < current.clock)) due.set(c.requestId, { at, clock: c.id });
    }
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const newest = (a: (typeof rows)[number], b: (typeof rows)[number]) => b.createdAt.getTime() - a.createdAt.getTime() || byId(b, a);
    const order = {
      newest,
      oldest: (a: (typeof rows)[number], b: (typeof rows)[number]) => -newest(a, b),
      priority: (a: (typeof rows)[number], b: (typeof rows)[number]) =>
        priorities.indexOf(b.priority) - priorities.indexOf(a.priority) || a.createdAt.getTime() - b.createdAt.getTime() || byId(a, b),
      due: (a: (typeof rows)[number], b: (typeof rows)[number]) => {
        const da = due.get(a.id);
        const dbb = due.get(b.id);
        if (da && dbb) return da.at - dbb.at || byId(a, b);
        if (da || dbb) return da ? -1 : 1;
        return newest(a, b);
      },
    }[sort]!;
    return rows.sort(order).map((r) => r.id);
  }

  for (const sort of ["newest", "oldest", "priority", "due"]) {
    for (const status of ["ALL", "ACTIVE"] as const) {
      it(`pages "${sort}" (${status}) without duplicates or gaps, in the promised order`, async () => {
        const want = await expected(sort, status);
        for (const pageSize of [1, 3, 4, 50]) {
          const got = await allPages({ sort, status }, pageSize);
          expect(new Set(got).size, `page size ${pageSize}`).toBe(got.length);
          expect(got, `page size ${pageSize}`).toEqual(want);
        }
      });
    }
  }

  it("filters by SLA state exactly as the queue's badges show it, at any moment", async () => {
    const stateOf = (badge: SlaBadge | undefined) =>
      !badge ? "none" : badge.state === "breached" ? "breached" : badge.state === "paused" ? "paused" : badge.used >= 0.75 ? "due_soon" : "on_track";
    const seen = new Set<string>();
    for (const offset of [0, 25, 50, 120]) {
      const now = new Date(Date.now() + offset * minute);
      const everything = await queue({ status: "ALL" }, { now });
      for (const sla of ["breached", "due_soon", "paused", "on_track", "none"]) {
        const got = (await queue({ status: "ALL", sla }, { now })).rows.map((r) => r.id).sort();
        const want = everything.rows.filter((r) => stateOf(r.sla) === sla).map((r) => r.id).sort();
        expect(got, `${sla} at +${offset} min`).toEqual(want);
        if (got.length) seen.add(sla);
      }
    }
    expect([...seen].sort()).toEqual(["breached", "due_soon", "none", "on_track", "paused"]);
  });
});

describe("bulk assign and bulk status", () => {
  it("assigns every selected request through the single-change rules and skips the one someone else changed", async () => {
    const requests = [await file(), await file(), await file(), await file()];
    const [a, b, c, stale] = requests;
    // Someone else takes one of them after the agent's page was rendered.
    await updateRequest({ actor: desk.head, input: { requestId: stale!.id, expectedVersion: 1, priority: "HIGH" } });

    const result = await bulkUpdateRequests({
      actor: desk.agent,
      input: { items: requests.map((r) => ({ requestId: r.id, expectedVersion: 1 })), assigneeId: desk.agent.id },
    });
    expect(result.summary).toBe("3 updated, 1 skipped: changed by someone else");
    expect(result.outcomes.map((o) => o.outcome)).toEqual(["updated", "updated", "updated", "skipped"]);
    for (const r of [a!, b!, c!]) {
      const row = await db().request.findUniqueOrThrow({ where: { id: r.id }, include: { events: { orderBy: { id: "asc" } } } });
      expect([row.assigneeId, row.status, row.version]).toEqual([desk.agent.id, "OPEN", 2]);
      expect(row.events.map((e) => e.type)).toEqual(["created", "assigned", "status_changed"]);
    }
    const untouched = await db().request.findUniqueOrThrow({ where: { id: stale!.id } });
    expect([untouched.assigneeId, untouched.version]).toEqual([null, 2]);
  });

  it("sets a status on each, refreshes the SLA clocks, and reports requests already in that state", async () => {
    await seedPolicies(desk.provider.id, [{ firstResponse: 60, resolution: 480 }]);
    const a = await file();
    const b = await file();
    await updateRequest({ actor: desk.agent, input: { requestId: b.id, expectedVersion: 1, status: "RESOLVED" } });
    const result = await bulkUpdateRequests({
      actor: desk.head,
      input: { items: [{ requestId: a.id, expectedVersion: 1 }, { requestId: b.id, expectedVersion: 2 }], status: "RESOLVED" },
    });
    expect(result.summary).toBe("1 updated, 1 already so");
    expect((await db().request.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("RESOLVED");
    const open = await db().slaClock.count({ where: { requestId: a.id, stoppedAt: null } });
    expect(open).toBe(0);
    expect(await version(b.id)).toBe(2);
  });

  it("lets an agent of another department or a requester change nothing", async () => {
    const requests = [await file(), await file()];
    const items = requests.map((r) => ({ requestId: r.id, expectedVersion: 1 }));
    const eventsBefore = await db().requestEvent.count({ where: { requestId: { in: requests.map((r) => r.id) } } });

    const outsider = await bulkUpdateRequests({ actor: desk.outsiderAgent, input: { items, assigneeId: desk.outsiderAgent.id } });
    expect(outsider.summary).toBe("0 updated, 2 skipped: not found");
    const requester = await bulkUpdateRequests({ actor: desk.requester, input: { items, status: "CLOSED" } });
    expect(requester.summary).toBe("0 updated, 2 skipped: not allowed");
    expect(requester.outcomes.every((o) => o.outcome === "skipped" && o.code === "FORBIDDEN")).toBe(true);

    for (const r of requests) {
      const row = await db().request.findUniqueOrThrow({ where: { id: r.id } });
      expect([row.status, row.assigneeId, row.version]).toEqual(["NEW", null, 1]);
    }
    expect(await db().requestEvent.count({ where: { requestId: { in: requests.map((r) => r.id) } } })).toBe(eventsBefore);
  });

  it("refuses bad input as a whole and changes nothing", async () => {
    const a = await file();
    await expectAppError(bulkUpdateRequests({ actor: desk.agent, input: { items: [], assigneeId: null } }), "INVALID_INPUT");
    await expectAppError(bulkUpdateRequests({ actor: desk.agent, input: { items: [{ requestId: a.id, expectedVersion: 1 }] } }), "INVALID_INPUT");
    await expectAppError(
      bulkUpdateRequests({ actor: desk.agent, input: { items: [{ requestId: a.id, expectedVersion: 1 }, { requestId: a.id, expectedVersion: 1 }], assigneeId: null } }),
      "INVALID_INPUT",
    );
    const notAnAgent = await bulkUpdateRequests({ actor: desk.agent, input: { items: [{ requestId: a.id, expectedVersion: 1 }], assigneeId: desk.requester.id } });
    expect(notAnAgent.outcomes[0]).toMatchObject({ outcome: "skipped", code: "INVALID_INPUT" });
    expect(await version(a.id)).toBe(1);
  });
});

describe("the queue's filter choices and the agent's availability", () => {
  it("offers the department's types in their order, its teams, every department, and reads the agent's availability", async () => {
    const { queueFilterOptions } = await import("@/lib/requests/list-queue");
    const { myAvailability } = await import("@/lib/org/my-availability");
    const later = await seedRequestType({ departmentId: desk.provider.id });
    await db().requestType.update({ where: { id: later.id }, data: { sortOrder: 5 } });
    const team = await db().team.create({ data: { departmentId: desk.provider.id, name: `Team ${uid()}` } });
    const options = await queueFilterOptions(desk.provider.id);
    expect(options.types.map((t) => t.id)).toEqual([desk.type.id, later.id]);
    expect(options.teams).toEqual([{ id: team.id, name: team.name }]);
    expect(options.departments.map((d) => d.id)).toEqual(expect.arrayContaining([desk.provider.id, desk.other.id]));
    const available = await myAvailability({ actor: desk.agent });
    expect(available).toBe((await db().person.findUniqueOrThrow({ where: { id: desk.agent.id } })).available);
  });
});
