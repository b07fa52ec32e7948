import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { addComment } from "@/lib/requests/add-comment";
import { addWatcher } from "@/lib/requests/add-watcher";
import { cancelRequest } from "@/lib/requests/cancel-request";
import { fileRequest } from "@/lib/requests/file-request";
import { getRequest } from "@/lib/requests/get-request";
import { listMyRequests } from "@/lib/requests/list-my-requests";
import { removeWatcher } from "@/lib/requests/remove-watcher";
import { reopenRequest } from "@/lib/requests/reopen-request";
import { reopenWindowDays } from "@/lib/requests/request-policy";

const REOPEN_WINDOW_DAYS = reopenWindowDays();
import { searchPeople } from "@/lib/requests/search-people";
import { updateRequest } from "@/lib/requests/update-request";
import { actorOf, seedDesk, seedPerson, seedPolicies, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";

type Desk = Awaited<ReturnType<typeof seedDesk>>;

const DAY = 24 * 60 * 60 * 1000;

let desk: Desk;
/** Two co-workers of the requester's department, and one who has left. */
let colleague: Actor;
let another: Actor;
let leaverId: string;

beforeEach(async () => {
  desk = await seedDesk();
  colleague = await actorOf((await seedPerson({ departmentId: desk.other.id })).id);
  another = await actorOf((await seedPerson({ departmentId: desk.other.id })).id);
  leaverId = (await seedPerson({ departmentId: desk.other.id, active: false })).id;
});

async function file() {
  return fileRequest({
    actor: desk.requester,
    input: { typeId: desk.type.id, title: "Projector broken", description: "The projector in room 2 shows nothing.", submissionKey: `key-${uid()}` },
  });
}

const watcherIds = async (requestId: string) =>
  (await db().watcher.findMany({ where: { requestId }, orderBy: { createdAt: "asc" } })).map((w) => w.personId).sort();

const eventsOf = (requestId: string, type?: string) => db().requestEvent.findMany({ where: { requestId, ...(type ? { type } : {}) }, orderBy: { id: "asc" } });

const snapshot = async (requestId: string) => ({
  request: await db().request.findUniqueOrThrow({ where: { id: requestId }, select: { status: true, version: true, closedAt: true, resolvedAt: true } }),
  watchers: await watcherIds(requestId),
  events: await db().requestEvent.count({ where: { requestId } }),
  comments: await db().comment.count({ where: { requestId } }),
});

async function resolve(requestId: string) {
  const r = await db().request.findUniqueOrThrow({ where: { id: requestId } });
  await updateRequest({ actor: desk.agent, input: { requestId, expectedVersion: r.version, status: "RESOLVED" } });
  return db().request.findUniqueOrThrow({ where: { id: requestId } });
}

describe("watchers", () => {
  it("lets the requester add a co-worker: a row, an event, and the request in their list", async () => {
    const { id, reference } = await file();
    await expect(addWatcher({ actor: desk.requester, input: { requestId: id, personId: colleague.id } })).resolves.toEqual({ added: true });

    expect(await watcherIds(id)).toEqual([colleague.id]);
    const [event] = await eventsOf(id, "watcher_added");
    expect(event).toMatchObject({ actorId: desk.requester.id, to: { personId: colleague.id, name: colleague.name } });
    // Following is not a change of the request: nobody's open form goes stale.
    expect((await db().request.findUniqueOrThrow({ where: { id } })).version).toBe(1);

    const mine = (await listMyRequests({ actor: colleague })).rows;
    expect(mine.map((r) => [r.reference, r.watching])).toEqual([[reference, true]]);
  });

  it("lets existing watchers and the department's agents add people too", async () => {
    const { id } = await file();
    await addWatcher({ actor: desk.requester, input: { requestId: id, personId: colleague.id } });
    await addWatcher({ actor: colleague, input: { requestId: id, personId: another.id } });
    await addWatcher({ actor: desk.agent, input: { requestId: id, personId: desk.head.id } });
    expect(await watcherIds(id)).toEqual([colleague.id, another.id, desk.head.id].sort());
    expect((await eventsOf(id, "watcher_added")).map((e) => e.actorId)).toEqual([desk.requester.id, colleague.id, desk.agent.id]);
  });

  it("treats adding an existing watcher as a no-op, even twice at once", async () => {
    const { id } = await file();
    const results = await Promise.all([
      addWatcher({ actor: desk.requester, input: { requestId: id, personId: colleague.id } }),
      addWatcher({ actor: desk.agent, input: { requestId: id, personId: colleague.id } }),
    ]);
    expect(results.filter((r) => r.added)).toHaveLength(1);
    await expect(addWatcher({ actor: desk.requester, input: { requestId: id, personId: colleague.id } })).resolves.toEqual({ added: false });
    expect(await watcherIds(id)).toEqual([colleague.id]);
    expect(await eventsOf(id, "watcher_added")).toHaveLength(1);
  });

  it("refuses the requester themself, inactive or unknown people and bad input, changing nothing", async () => {
    const { id } = await file();
    const before = await snapshot(id);
    const self = await expectAppError(addWatcher({ actor: desk.agent, input: { requestId: id, personId: desk.requester.id } }), "INVALID_INPUT");
    expect(self.fieldErrors?.personId?.[0]).toMatch(/requester/i);
    const inactive = await expectAppError(addWatcher({ actor: desk.requester, input: { requestId: id, personId: leaverId } }), "INVALID_INPUT");
    expect(inactive.fieldErrors?.personId?.[0]).toMatch(/active co-workers/i);
    await expectAppError(addWatcher({ actor: desk.requester, input: { requestId: id, personId: "nobody" } }), "INVALID_INPUT");
    const blank = await expectAppError(addWatcher({ actor: desk.requester, input: { requestId: id, personId: "  " } }), "INVALID_INPUT");
    expect(blank.fieldErrors?.personId).toBeDefined();
    await expectAppError(addWatcher({ actor: desk.requester, input: { requestId: id } as never }), "INVALID_INPUT");
    await expectAppError(removeWatcher({ actor: desk.requester, input: { requestId: "", personId: colleague.id } }), "INVALID_INPUT");
    expect(await snapshot(id)).toEqual(before);
  });

  it("shows an outsider nothing: another department's agent gets NOT_FOUND for every change", async () => {
    const { id } = await file();
    await addWatcher({ actor: desk.requester, input: { requestId: id, personId: colleague.id } });
    const before = await snapshot(id);
    await expectAppError(addWatcher({ actor: desk.outsiderAgent, input: { requestId: id, personId: another.id } }), "NOT_FOUND");
    await expectAppError(removeWatcher({ actor: desk.outsiderAgent, input: { requestId: id, personId: colleague.id } }), "NOT_FOUND");
    await expectAppError(cancelRequest({ actor: desk.outsiderAgent, input: { requestId: id, expectedVersion: 1, reason: "not mine" } }), "NOT_FOUND");
    expect(await snapshot(id)).toEqual(before);
  });

  it("lets a watcher leave but not remove others; the requester and agents remove anyone", async () => {
    const { id, reference } = await file();
    for (const person of [colleague, another, desk.head]) await addWatcher({ actor: desk.requester, input: { requestId: id, personId: person.id } });

    const denied = await expectAppError(removeWatcher({ actor: colleague, input: { requestId: id, personId: another.id } }), "FORBIDDEN");
    expect(denied.userMessage).toMatch(/stop following yourself/i);
    expect(await watcherIds(id)).toHaveLength(3);

    await expect(removeWatcher({ actor: colleague, input: { requestId: id, personId: colleague.id } })).resolves.toEqual({ removed: true });
    await expectAppError(getRequest({ actor: colleague, reference }), "NOT_FOUND");
    expect((await listMyRequests({ actor: colleague })).rows).toHaveLength(0);

    await removeWatcher({ actor: desk.requester, input: { requestId: id, personId: another.id } });
    await removeWatcher({ actor: desk.agent, input: { requestId: id, personId: desk.head.id } });
    expect(await watcherIds(id)).toEqual([]);
    await expect(removeWatcher({ actor: desk.agent, input: { requestId: id, personId: another.id } })).resolves.toEqual({ removed: false });

    const removed = await eventsOf(id, "watcher_removed");
    expect(removed.map((e) => [e.actorId, (e.from as { personId: string }).personId])).toEqual([
      [colleague.id, colleague.id],
      [desk.requester.id, another.id],
      [desk.agent.id, desk.head.id],
    ]);
  });

  it("shows a watcher public replies and status changes but never internal notes", async () => {
    const { id, reference } = await file();
    await addWatcher({ actor: desk.requester, input: { requestId: id, personId: colleague.id } });
    await addComment({ actor: desk.agent, input: { requestId: id, body: "Public: a technician is coming", visibility: "PUBLIC" } });
    await addComment({ actor: desk.agent, input: { requestId: id, body: "Internal: bulb is on back order", visibility: "INTERNAL" } });
    await addComment({ actor: colleague, input: { requestId: id, body: "Same in room 3" } });

    const view = await getRequest({ actor: colleague, reference });
    expect(view.viewer).toMatchObject({ isAgent: false, isRequester: false, isWatcher: true, seesOnlyAsFollower: true, can: { view: true, seeInternal: false, reply: true, note: false, cancel: false, unfollow: true } });
    expect(view.watchers.map((w) => w.id)).toEqual([colleague.id]);
    expect(view.timeline.flatMap((t) => (t.kind === "comment" ? [t.body] : []))).toEqual(["Public: a technician is coming", "Same in room 3"]);
    const eventTypes = view.timeline.flatMap((t) => (t.kind === "event" ? [t.type] : []));
    expect(eventTypes).toContain("status_changed");
    expect(eventTypes).not.toContain("watcher_added");
  });

  it("lets nobody start following a closed request, but lets followers leave it", async () => {
    const { id } = await file();
    await addWatcher({ actor: desk.requester, input: { requestId: id, personId: colleague.id } });
    await cancelRequest({ actor: desk.requester, input: { requestId: id, expectedVersion: 1, reason: "Sorted it myself" } });
    await expectAppError(addWatcher({ actor: desk.requester, input: { requestId: id, personId: another.id } }), "CONFLICT");
    await removeWatcher({ actor: colleague, input: { requestId: id, personId: colleague.id } });
    expect(await watcherIds(id)).toEqual([]);
  });
});

describe("searching people for the picker", () => {
  it("finds active people by name, surname or email prefix, at most 10, with minimal fields", async () => {
    const tag = `Zq${uid()}`;
    const people = [];
    for (let i = 0; i < 12; i++) people.push(await seedPerson({ departmentId: desk.other.id, name: `${tag} Person${String(i).padStart(2, "0")}` }));
    await seedPerson({ departmentId: desk.other.id, name: `${tag} Gone`, active: false });
    const surname = await seedPerson({ departmentId: desk.provider.id, name: `Alex ${tag}son` });

    const byName = await searchPeople({ actor: desk.requester, query: tag.toLowerCase() });
    expect(byName).toHaveLength(10);
    // "Alex <tag>son" matches by surname and sorts first; the inactive person never shows.
    expect(byName.every((p) => p.name.includes(tag) && !p.name.endsWith("Gone"))).toBe(true);
    expect(byName[0]!.id).toBe(surname.id);
    expect(Object.keys(byName[0]!).sort()).toEqual(["department", "id", "name"]);

    expect((await searchPeople({ actor: desk.requester, query: `${tag}son` })).map((p) => p.id)).toEqual([surname.id]);
    const email = people[3]!.email;
    expect((await searchPeople({ actor: desk.requester, query: email.slice(0, -3) })).map((p) => p.id)).toEqual([people[3]!.id]);
    // Only prefixes: the middle of a word does not match.
    expect(await searchPeople({ actor: desk.requester, query: tag.slice(2) })).toEqual([]);
    await expectAppError(searchPeople({ actor: desk.requester, query: " a " }), "INVALID_INPUT");
    // LIKE wildcards in the query are literal characters, not "match everything".
    expect(await searchPeople({ actor: desk.requester, query: "%_" })).toEqual([]);
  });
});

describe("cancelling a request", () => {
  it("closes it with the reason as a public reply, a status event and stopped SLA clocks", async () => {
    await seedPolicies(desk.provider.id, [{ firstResponse: 60, resolution: 480 }]);
    const { id, reference } = await file();
    expect(await db().slaClock.count({ where: { requestId: id, stoppedAt: null } })).toBe(2);

    await expect(cancelRequest({ actor: desk.requester, input: { requestId: id, expectedVersion: "1", reason: "  Found a spare projector  " } })).resolves.toEqual({
      version: 2,
    });

    const r = await db().request.findUniqueOrThrow({ where: { id } });
    expect(r).toMatchObject({ status: "CLOSED", version: 2, resolvedAt: null });
    expect(r.closedAt).toBeInstanceOf(Date);
    const comments = await db().comment.findMany({ where: { requestId: id } });
    expect(comments.map((c) => [c.body, c.visibility, c.authorId])).toEqual([["Found a spare projector", "PUBLIC", desk.requester.id]]);
    const events = await eventsOf(id);
    expect(events.map((e) => e.type)).toEqual(["created", "status_changed", "commented"]);
    expect(events[1]).toMatchObject({ actorId: desk.requester.id, from: { status: "NEW" }, to: { status: "CLOSED", cancelled: true } });
    expect(events[2]!.to).toMatchObject({ commentId: comments[0]!.id, visibility: "PUBLIC" });

    const clocks = await db().slaClock.findMany({ where: { requestId: id } });
    expect(clocks.length).toBeGreaterThan(0);
    expect(clocks.every((c) => c.stoppedAt !== null && c.state !== "RUNNING")).toBe(true);
    expect(clocks.map((c) => c.metric)).not.toContain("NEXT_REPLY");

    const view = await getRequest({ actor: desk.requester, reference });
    expect(view.status).toBe("CLOSED");
  });

  it("works while the request waits on the requester", async () => {
    const { id } = await file();
    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: 1, status: "WAITING_ON_REQUESTER" } });
    await cancelRequest({ actor: desk.requester, input: { requestId: id, expectedVersion: 2, reason: "No longer needed" } });
    const event = (await eventsOf(id, "status_changed")).at(-1);
    expect(event).toMatchObject({ from: { status: "WAITING_ON_REQUESTER" }, to: { status: "CLOSED", cancelled: true } });
  });

  it("is the requester's alone: agents and watchers are FORBIDDEN", async () => {
    const { id } = await file();
    await addWatcher({ actor: desk.requester, input: { requestId: id, personId: colleague.id } });
    const before = await snapshot(id);
    const error = await expectAppError(cancelRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: 1, reason: "closing" } }), "FORBIDDEN");
    expect(error.userMessage).toMatch(/only the person who filed/i);
    await expectAppError(cancelRequest({ actor: colleague, input: { requestId: id, expectedVersion: 1, reason: "closing" } }), "FORBIDDEN");
    expect(await snapshot(id)).toEqual(before);
  });

  it("refuses a resolved or closed request as CONFLICT, a stale form as STALE_VERSION, bad input as INVALID_INPUT", async () => {
    const { id } = await file();
    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: 1, priority: "HIGH" } });
    let before = await snapshot(id);
    const stale = await expectAppError(cancelRequest({ actor: desk.requester, input: { requestId: id, expectedVersion: 1, reason: "Never mind" } }), "STALE_VERSION");
    expect(stale.userMessage).toMatch(/someone else changed/i);
    const blank = await expectAppError(cancelRequest({ actor: desk.requester, input: { requestId: id, expectedVersion: 2, reason: "   " } }), "INVALID_INPUT");
    expect(blank.fieldErrors?.reason).toBeDefined();
    await expectAppError(cancelRequest({ actor: desk.requester, input: { requestId: id, expectedVersion: "two", reason: "x" } }), "INVALID_INPUT");
    expect(await snapshot(id)).toEqual(before);

    const resolved = await resolve(id);
    before = await snapshot(id);
    const conflict = await expectAppError(
      cancelRequest({ actor: desk.requester, input: { requestId: id, expectedVersion: resolved.version, reason: "Never mind" } }),
      "CONFLICT",
    );
    expect(conflict.userMessage).toMatch(/already resolved/i);
    expect(await snapshot(id)).toEqual(before);

    const other = await file();
    await cancelRequest({ actor: desk.requester, input: { requestId: other.id, expectedVersion: 1, reason: "first" } });
    await expectAppError(cancelRequest({ actor: desk.requester, input: { requestId: other.id, expectedVersion: 2, reason: "again" } }), "CONFLICT");
  });
});

describe("the reopen window", () => {
  it(`allows a reopen within ${REOPEN_WINDOW_DAYS} days of resolution and refuses one after, suggesting a new request`, async () => {
    const { id } = await file();
    let r = await resolve(id);
    await db().request.update({ where: { id }, data: { resolvedAt: new Date(Date.now() - (REOPEN_WINDOW_DAYS - 1) * DAY) } });
    await reopenRequest({ actor: desk.requester, input: { requestId: id, expectedVersion: r.version, reason: "Still broken" } });
    expect((await db().request.findUniqueOrThrow({ where: { id } })).status).toBe("OPEN");

    r = await resolve(id);
    await db().request.update({ where: { id }, data: { resolvedAt: new Date(Date.now() - (REOPEN_WINDOW_DAYS + 1) * DAY) } });
    const before = await snapshot(id);
    const error = await expectAppError(reopenRequest({ actor: desk.requester, input: { requestId: id, expectedVersion: r.version, reason: "Broken again" } }), "CONFLICT");
    expect(error.userMessage).toMatch(new RegExp(`more than ${reopenWindowDays()} days ago`));
    expect(error.userMessage).toMatch(/file a new request/i);
    expect(await snapshot(id)).toEqual(before);
  });

  it("takes the window length as an argument", async () => {
    const { id } = await file();
    const r = await resolve(id);
    await db().request.update({ where: { id }, data: { resolvedAt: new Date(Date.now() - 2 * DAY) } });
    await expectAppError(reopenRequest({ actor: desk.requester, input: { requestId: id, expectedVersion: r.version, reason: "Again" }, windowDays: 1 }), "CONFLICT");
    await reopenRequest({ actor: desk.requester, input: { requestId: id, expectedVersion: r.version, reason: "Again" }, windowDays: 3 });
    expect((await db().request.findUniqueOrThrow({ where: { id } })).status).toBe("OPEN");
  });
});

describe("my requests, one page at a time", () => {
  it("pages by 50 with a cursor, in the order most recently changed first, each request once; a tampered cursor starts again", async () => {
    const filed = [];
    for (let i = 0; i < 53; i++) filed.push((await file()).id);
    const first = await listMyRequests({ actor: desk.requester });
    expect(first.rows).toHaveLength(50);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await listMyRequests({ actor: desk.requester, after: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    const seen = [...first.rows, ...second.rows].map((r) => r.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...filed].sort());
    const times = [...first.rows, ...second.rows].map((r) => r.updatedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // Someone else's walk through the pages never shows them the requester's requests.
    expect((await listMyRequests({ actor: colleague, after: first.nextCursor! })).rows).toHaveLength(0);
    for (const tampered of ["garbage", Buffer.from("updated|not-a-date|x").toString("base64url"), "x".repeat(500)]) {
      expect((await listMyRequests({ actor: desk.requester, after: tampered })).rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    }
  });
});
