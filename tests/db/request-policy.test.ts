import fs from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openAttachment } from "@/lib/attachments/open-attachment";
import { permissionTable, type Actor, type RoleName } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { addComment } from "@/lib/requests/add-comment";
import { addWatcher } from "@/lib/requests/add-watcher";
import { fileRequest } from "@/lib/requests/file-request";
import { getRequest } from "@/lib/requests/get-request";
import { listMyRequests } from "@/lib/requests/list-my-requests";
import { listMyRequestsPage } from "@/lib/requests/list-my-requests-page";
import {
  commentVisibleSql,
  mayReadSql,
  mayReadWhere,
  requestColumns,
  requestViewer,
  requestVisibleSql,
  visibleAttachments,
  visibleComments,
  visibleRequests,
  type ViewerCan,
} from "@/lib/requests/request-policy";
import { searchRequests } from "@/lib/search/search-requests";
import { pngBytes } from "../support/files";
import { actorOf, seedDepartment, seedPerson, seedRequestType, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";

/**
 * One request with a public reply, an internal note and a file on each (and one filed with it),
 * seen by every kind of person. For each, the request policy's `viewer.can` flags are the truth;
 * the Prisma scopes, the SQL predicates (directly and through search), the attachment download,
 * the request page's read and the notifications (everyone is @mentioned in both comments) must all
 * agree with them.
 */

const filesRoot = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? "/tmp"}/desk-files-policy-${process.pid}-${Date.now()}`;
  process.env.DESK_FILES_DIR = dir;
  return dir;
});

const people = ["requester", "follower", "agent", "head", "agentElsewhere", "headElsewhere", "hr", "admin", "stranger"] as const;
type Who = (typeof people)[number];

/** What each person may do on the (open, unassigned-to-them) request: the policy as the product describes it. */
const expected: Record<Who, Pick<ViewerCan, "view" | "seeInternal" | "reply" | "note" | "changeStatus" | "transfer" | "cancel" | "follow" | "removeFollowers" | "unfollow">> = {
  requester: { view: true, seeInternal: false, reply: true, note: false, changeStatus: false, transfer: false, cancel: true, follow: true, removeFollowers: true, unfollow: false },
  follower: { view: true, seeInternal: false, reply: true, note: false, changeStatus: false, transfer: false, cancel: false, follow: true, removeFollowers: false, unfollow: true },
  agent: { view: true, seeInternal: true, reply: true, note: true, changeStatus: true, transfer: true, cancel: false, follow: true, removeFollowers: true, unfollow: false },
  head: { view: true, seeInternal: true, reply: true, note: true, changeStatus: true, transfer: true, cancel: false, follow: true, removeFollowers: true, unfollow: false },
  agentElsewhere: { view: false, seeInternal: false, reply: false, note: false, changeStatus: false, transfer: false, cancel: false, follow: false, removeFollowers: false, unfollow: false },
  headElsewhere: { view: false, seeInternal: false, reply: false, note: false, changeStatus: false, transfer: false, cancel: false, follow: false, removeFollowers: false, unfollow: false },
  hr: { view: false, seeInternal: false, reply: false, note: false, changeStatus: false, transfer: false, cancel: false, follow: false, removeFollowers: false, unfollow: false },
  admin: { view: false, seeInternal: false, reply: false, note: false, changeStatus: false, transfer: false, cancel: false, follow: false, removeFollowers: false, unfollow: false },
  stranger: { view: false, seeInternal: false, reply: false, note: false, changeStatus: false, transfer: false, cancel: false, follow: false, removeFollowers: false, unfollow: false },
};

const word = () => `w${uid()}${uid()}`;
const words = { title: word(), reply: word(), note: word() };
const upload = (name: string) => new File([new Uint8Array(pngBytes())], name, { type: "image/png" });

let actors: Record<Who, Actor>;
let requestId: string;
let reference: string;
let replyId: string;
let noteId: string;
let files: { filed: string; reply: string; note: string };
let viewers: Record<Who, ReturnType<typeof requestViewer>>;

beforeAll(async () => {
  const provider = await seedDepartment();
  const elsewhere = await seedDepartment();
  const home = await seedDepartment();
  const type = await seedRequestType({ departmentId: provider.id });
  const seeded = {
    requester: await seedPerson({ departmentId: home.id }),
    follower: await seedPerson({ departmentId: home.id }),
    agent: await seedPerson({ departmentId: provider.id, roles: [{ role: "AGENT", departmentId: provider.id }] }),
    head: await seedPerson({ departmentId: provider.id, roles: [{ role: "HEAD", departmentId: provider.id }] }),
    agentElsewhere: await seedPerson({ departmentId: elsewhere.id, roles: [{ role: "AGENT", departmentId: elsewhere.id }] }),
    headElsewhere: await seedPerson({ departmentId: elsewhere.id, roles: [{ role: "HEAD", departmentId: elsewhere.id }] }),
    hr: await seedPerson({ departmentId: home.id, roles: [{ role: "HR" }] }),
    admin: await seedPerson({ departmentId: home.id, roles: [{ role: "ADMIN" }] }),
    stranger: await seedPerson({ departmentId: home.id }),
  };
  actors = Object.fromEntries(await Promise.all(people.map(async (who) => [who, await actorOf(seeded[who].id)] as const))) as Record<Who, Actor>;

  const filed = await fileRequest({
    actor: actors.requester,
    input: { typeId: type.id, title: `Projector ${words.title}`, description: "It flickers.", submissionKey: `key-${uid()}` },
    files: [upload("filed.png")],
  });
  requestId = filed.id;
  reference = filed.reference;
  await addWatcher({ actor: actors.requester, input: { requestId, personId: actors.follower.id } });
  const everyone = people.map((who) => `@${actors[who].email}`).join(" ");
  replyId = (await addComment({ actor: actors.agent, input: { requestId, body: `Reply ${words.reply} to ${everyone}` }, files: [upload("reply.png")] })).commentId;
  noteId = (await addComment({ actor: actors.agent, input: { requestId, body: `Note ${words.note} for ${everyone}`, visibility: "INTERNAL" }, files: [upload("note.png")] })).commentId;

  const attachments = await db().attachment.findMany({ where: { requestId }, select: { id: true, commentId: true } });
  files = {
    filed: attachments.find((a) => a.commentId === null)!.id,
    reply: attachments.find((a) => a.commentId === replyId)!.id,
    note: attachments.find((a) => a.commentId === noteId)!.id,
  };
  const request = await db().request.findUniqueOrThrow({ where: { id: requestId }, include: { watchers: true } });
  viewers = Object.fromEntries(
    people.map((who) => [
      who,
      requestViewer(actors[who], { ...request, isWatcher: request.watchers.some((w) => w.personId === actors[who].id) }),
    ]),
  ) as Record<Who, ReturnType<typeof requestViewer>>;
});

afterAll(() => {
  fs.rmSync(filesRoot, { recursive: true, force: true });
});

describe.each(people)("the request policy for %s", (who) => {
  const actor = () => actors[who];
  const can = () => viewers[who].can;

  it("gives the flags the product describes", () => {
    expect(can()).toMatchObject(expected[who]);
    // Nothing without seeing the request; no internal note without seeing the request.
    if (!can().view) expect(Object.values(can()).every((flag) => !flag)).toBe(true);
    if (can().seeInternal) expect(can().view).toBe(true);
  });

  it("scopes Prisma queries as the flags say", async () => {
    expect(await db().request.count({ where: { AND: [{ id: requestId }, visibleRequests(actor())] } })).toBe(can().view ? 1 : 0);
    const comments = await db().comment.findMany({ where: { AND: [{ requestId }, visibleComments(actor())] }, select: { id: true } });
    expect(comments.map((c) => c.id).sort()).toEqual(readable().sort());
    const attachments = await db().attachment.findMany({ where: { AND: [{ requestId }, visibleAttachments(actor())] }, select: { id: true } });
    expect(attachments.map((a) => a.id).sort()).toEqual(openable().sort());
  });

  it("builds SQL predicates that agree with the Prisma scopes", async () => {
    const r = requestColumns("r");
    const [row] = await db().$queryRaw<{ n: number }[]>(
      Prisma.sql`SELECT count(*)::int AS n FROM "Request" r WHERE r.id = ${requestId} AND ${requestVisibleSql(actor(), r)}`,
    );
    expect(row!.n).toBe(can().view ? 1 : 0);
    const comments = await db().$queryRaw<{ id: string }[]>(
      Prisma.sql`SELECT c.id FROM "Comment" c JOIN "Request" r ON r.id = c."requestId"
                  WHERE r.id = ${requestId} AND ${requestVisibleSql(actor(), r)} AND ${commentVisibleSql(actor(), "c", r)}`,
    );
    expect(comments.map((c) => c.id).sort()).toEqual(readable().sort());
  });

  it("finds through search exactly what the flags let them read", async () => {
    const found = async (query: string) => {
      const result = await searchRequests({ actor: actor(), query });
      return result.kind === "results" && result.hits.some((h) => h.id === requestId);
    };
    expect(await found(words.title)).toBe(can().view);
    expect(await found(words.reply)).toBe(can().view);
    expect(await found(words.note)).toBe(can().seeInternal);
    // A request number is a jump only for those who may see it.
    const jump = await searchRequests({ actor: actor(), query: reference });
    expect(jump.kind === "jump").toBe(can().view);
  });

  it("lets them download exactly the files the flags allow", async () => {
    for (const [file, allowed] of [
      [files.filed, can().view],
      [files.reply, can().view],
      [files.note, can().seeInternal],
    ] as const) {
      if (allowed) {
        const opened = await openAttachment({ actor: actor(), id: file });
        opened.body.destroy();
        expect(opened.id).toBe(file);
      } else {
        await expectAppError(openAttachment({ actor: actor(), id: file }), "NOT_FOUND");
      }
    }
  });

  it("reads the request page as the flags say", async () => {
    if (!can().view) {
      await expectAppError(getRequest({ actor: actor(), reference }), "NOT_FOUND");
      return;
    }
    const page = await getRequest({ actor: actor(), reference });
    expect(page.viewer.can).toEqual(can());
    const comments = page.timeline.flatMap((t) => (t.kind === "comment" ? [t.id] : []));
    expect(comments.sort()).toEqual(readable().sort());
    const shownFiles = [...page.attachments, ...page.timeline.flatMap((t) => (t.kind === "comment" ? t.attachments : []))].map((a) => a.id);
    expect(shownFiles.sort()).toEqual(openable().sort());
    // Events other than the public kinds are internal: following it was recorded as "watcher_added".
    const eventTypes = page.timeline.flatMap((t) => (t.kind === "event" ? [t.type] : []));
    expect(eventTypes).toContain("created");
    expect(eventTypes.includes("watcher_added")).toBe(can().seeInternal);
  });

  it("is told only of what the flags let them read, and of all of it when mentioned", async () => {
    const notices = await db().notification.findMany({ where: { requestId, personId: actor().id }, select: { kind: true, body: true } });
    const aboutNote = notices.filter((n) => n.kind === "internal_note" || n.body.includes(words.note));
    const aboutReply = notices.filter((n) => n.kind === "reply" || n.body.includes(words.reply));
    // The author is never told of their own comment; everyone else was @mentioned in both.
    const author = who === "agent";
    expect(aboutNote.length > 0).toBe(can().seeInternal && !author);
    expect(aboutReply.length > 0).toBe(can().view && !author);
    const mails = await db().emailDelivery.findMany({ where: { requestId, personId: actor().id }, select: { text: true } });
    if (!can().seeInternal) expect(mails.some((m) => m.text.includes(words.note))).toBe(false);
    if (!can().view) expect(mails).toEqual([]);
  });

  it("lists it among their own requests (page and API) exactly when they filed or follow it and the flags let them see it", async () => {
    expect(await listsAsOwn(actor())).toEqual(ownedBy(who) && can().view);
  });

  const readable = () => [...(can().view ? [replyId] : []), ...(can().seeInternal ? [noteId] : [])];
  const openable = () => [...(can().view ? [files.filed, files.reply] : []), ...(can().seeInternal ? [files.note] : [])];
});

/** Filed or followed: the people whose own requests these are, if the policy lets them see it. */
const ownedBy = (who: Who) => who === "requester" || who === "follower";

/** Whether the request is on the person's "My requests" page and in the API's list of theirs; both must agree. */
async function listsAsOwn(actor: Actor) {
  const onPage = (await listMyRequests({ actor, show: "all" })).rows.some((r) => r.id === requestId);
  const inApi = (await listMyRequestsPage({ actor, status: "ALL" })).rows.some((r) => r.id === requestId);
  expect(inApi).toBe(onPage);
  return onPage;
}

/**
 * Lists, pages, files and search ask the policy rather than keep rules of their own: take a role out of
 * `request.view` or `request.viewInternal` and what it granted leaves that person's lists, page, downloads and search.
 */
describe("when the permission table changes", () => {
  const table = permissionTable as unknown as Record<string, readonly RoleName[]>;
  const original = permissionTable["request.view"];
  afterEach(() => {
    table["request.view"] = original;
  });

  it.each([
    ["watcher", "follower", "requester"],
    ["requester", "requester", "follower"],
  ] as const)("without %s in request.view, the %s no longer lists it and the %s still does", async (role, loses, keeps) => {
    table["request.view"] = original.filter((r) => r !== role);
    const request = await db().request.findUniqueOrThrow({ where: { id: requestId }, include: { watchers: true } });
    const sees = (who: Who) => requestViewer(actors[who], { ...request, isWatcher: request.watchers.some((w) => w.personId === actors[who].id) }).can.view;
    expect(sees(loses)).toBe(false);
    expect(sees(keeps)).toBe(true);
    expect(await listsAsOwn(actors[loses])).toBe(false);
    expect(await listsAsOwn(actors[keeps])).toBe(true);
  });

  it("without agent in request.viewInternal, an agent reads the request but no longer its internal note, file or events anywhere", async () => {
    const internal = "request.viewInternal";
    const originalInternal = permissionTable[internal];
    table[internal] = originalInternal.filter((r) => r !== "agent");
    try {
      const agent = actors.agent;
      const page = await getRequest({ actor: agent, reference });
      expect(page.viewer.can.seeInternal).toBe(false);
      expect(page.timeline.flatMap((t) => (t.kind === "comment" ? [t.id] : []))).toEqual([replyId]);
      expect(page.timeline.some((t) => t.kind === "event" && t.type === "watcher_added")).toBe(false);
      await expectAppError(openAttachment({ actor: agent, id: files.note }), "NOT_FOUND");
      const search = await searchRequests({ actor: agent, query: words.note });
      expect(search.kind === "results" && search.hits.some((h) => h.id === requestId)).toBe(false);
      // The head, still in the rule, reads all of it.
      const headPage = await getRequest({ actor: actors.head, reference });
      expect(headPage.timeline.flatMap((t) => (t.kind === "comment" ? [t.id] : [])).sort()).toEqual([replyId, noteId].sort());
    } finally {
      table[internal] = originalInternal;
    }
  });
});

/**
 * Who may be told about a request is one rule written twice: as a Prisma `where` (notify(), mentions)
 * and as SQL (the write path reads the people with the request, lib/requests/load-for-change.ts). Both
 * must name exactly the people the viewer flags say, with the table as it is and with each role taken
 * out of request.view or request.viewInternal in turn; an inactive agent is named by neither.
 */
describe("mayReadWhere and mayReadSql name the same people", () => {
  const table = permissionTable as unknown as Record<string, readonly RoleName[]>;
  let inactiveAgentId: string;
  beforeAll(async () => {
    const request = await db().request.findUniqueOrThrow({ where: { id: requestId } });
    inactiveAgentId = (await seedPerson({ departmentId: request.departmentId, roles: [{ role: "AGENT", departmentId: request.departmentId }], active: false })).id;
  });

  async function named(internal: boolean) {
    const request = await db().request.findUniqueOrThrow({ where: { id: requestId }, select: { id: true, departmentId: true, requesterId: true } });
    const ids = [...people.map((who) => actors[who].id), inactiveAgentId];
    const viaWhere = await db().person.findMany({ where: { AND: [{ id: { in: ids } }, mayReadWhere(request, { internal })] }, select: { id: true } });
    const viaSql = await db().$queryRaw<{ id: string }[]>`
      SELECT p.id FROM "Person" p JOIN "Request" r ON r.id = ${requestId}
      WHERE p.id = ANY(${ids}::text[]) AND ${mayReadSql("p", requestColumns("r"), { internal })}`;
    return { where: viaWhere.map((p) => p.id).sort(), sql: viaSql.map((p) => p.id).sort() };
  }
  const byFlag = (flag: "view" | "seeInternal") => people.filter((who) => expected[who][flag]).map((who) => actors[who].id).sort();

  it.each([false, true])("with the table as it is (internal: %s), both name exactly who the flags say", async (internal) => {
    const { where, sql } = await named(internal);
    expect(sql).toEqual(where);
    expect(where).toEqual(byFlag(internal ? "seeInternal" : "view"));
    expect(where).not.toContain(inactiveAgentId);
  });

  const cases = (["request.view", "request.viewInternal"] as const).flatMap((action) => permissionTable[action].map((role) => [action, role] as const));
  it.each(cases)("without %s's %s, both still agree", async (action, role) => {
    const original = permissionTable[action];
    table[action] = original.filter((r) => r !== role);
    try {
      for (const internal of [false, true]) {
        const { where, sql } = await named(internal);
        expect(sql, `internal: ${internal}`).toEqual(where);
      }
    } finally {
      table[action] = original;
    }
  });
});
