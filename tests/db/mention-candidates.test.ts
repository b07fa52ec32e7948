import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { addWatcher } from "@/lib/requests/add-watcher";
import { fileRequest } from "@/lib/requests/file-request";
import { checkMentions, mentionCandidates } from "@/lib/requests/mention-candidates";
import { actorOf, seedDesk, seedPerson, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";

type Desk = Awaited<ReturnType<typeof seedDesk>>;

let desk: Desk;
let watcher: Actor;
let requestId: string;

const local = (a: { email: string }) => a.email.split("@")[0]!;
const offered = async (actor: Actor, query: string) => (await mentionCandidates({ actor, requestId, query })).map((c) => ({ id: c.id, handle: c.handle, readsNotes: c.readsNotes }));

beforeEach(async () => {
  desk = await seedDesk();
  watcher = await actorOf((await seedPerson({ departmentId: desk.other.id })).id);
  ({ id: requestId } = await fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title: "Broken chair", description: "It wobbles.", submissionKey: `k-${uid()}` } }));
  await addWatcher({ actor: desk.requester, input: { requestId, personId: watcher.id } });
});

describe("who an @ offers", () => {
  it("an agent is offered the request's readers, told who reads internal notes, never outsiders or themselves", async () => {
    expect(await offered(desk.agent, local(desk.requester))).toEqual([{ id: desk.requester.id, handle: local(desk.requester), readsNotes: false }]);
    expect(await offered(desk.agent, local(watcher))).toEqual([{ id: watcher.id, handle: local(watcher), readsNotes: false }]);
    expect(await offered(desk.agent, local(desk.head))).toEqual([{ id: desk.head.id, handle: local(desk.head), readsNotes: true }]);
    // An agent of another department may not read the request; the writer is not offered to themselves.
    expect(await offered(desk.agent, local(desk.outsiderAgent))).toEqual([]);
    expect(await offered(desk.agent, local(desk.agent))).toEqual([]);
  });

  it("a requester is offered the department's agents without learning who reads notes; inactive people are left out", async () => {
    expect(await offered(desk.requester, local(desk.agent))).toEqual([{ id: desk.agent.id, handle: local(desk.agent), readsNotes: null }]);
    await db().person.update({ where: { id: desk.agent.id }, data: { active: false } });
    expect(await offered(desk.requester, local(desk.agent))).toEqual([]);
  });

  it("a handle shared by two active people is the whole email; % and _ are letters, not patterns", async () => {
    const shared = `shared.${uid()}`;
    const here = await db().person.create({ data: { email: `${shared}@a.example.com`, name: `Shared ${uid()}`, departmentId: desk.other.id } });
    await db().person.create({ data: { email: `${shared}@b.example.com`, name: `Shared ${uid()}`, departmentId: desk.other.id } });
    await addWatcher({ actor: desk.requester, input: { requestId, personId: here.id } });
    expect(await offered(desk.agent, shared)).toEqual([{ id: here.id, handle: here.email, readsNotes: false }]);
    expect(await offered(desk.agent, "%")).toEqual([]);
  });

  it("is refused to those who may not see the request, and for bad input", async () => {
    await expectAppError(mentionCandidates({ actor: desk.outsiderAgent, requestId, query: "" }), "NOT_FOUND");
    await expectAppError(mentionCandidates({ actor: desk.agent, requestId: "no-such-request", query: "" }), "NOT_FOUND");
    await expectAppError(mentionCandidates({ actor: desk.agent, requestId, query: "x".repeat(101) }), "INVALID_INPUT");
    await expectAppError(mentionCandidates({ actor: desk.agent, requestId, query: "a\u0000b" }), "INVALID_INPUT");
  });
});

describe("mentions checked before sending", () => {
  it("names the handles that match nobody and the people who may not read that kind of comment", async () => {
    const body = `Ask @${local(desk.requester)}, @${local(desk.head)} and @nobody.${uid()} please.`;
    const note = await checkMentions({ actor: desk.agent, requestId, body, visibility: "INTERNAL" });
    expect(note.unmatched).toEqual([body.match(/@(nobody\.[^ ]+) /)![1]]);
    expect(note.unreadable).toEqual([{ handle: local(desk.requester), name: desk.requester.name }]);

    const reply = await checkMentions({ actor: desk.agent, requestId, body, visibility: "PUBLIC" });
    expect(reply.unmatched).toHaveLength(1);
    expect(reply.unreadable).toEqual([]);

    // An agent of another department exists but may not read this request.
    const outsider = await checkMentions({ actor: desk.requester, requestId, body: `cc @${local(desk.outsiderAgent)}`, visibility: "PUBLIC" });
    expect(outsider).toEqual({ unmatched: [], unreadable: [{ handle: local(desk.outsiderAgent), name: desk.outsiderAgent.name }] });
  });

  it("is refused for internal notes to a requester, to outsiders, and for bad input", async () => {
    await expectAppError(checkMentions({ actor: desk.requester, requestId, body: "@x", visibility: "INTERNAL" }), "FORBIDDEN");
    await expectAppError(checkMentions({ actor: desk.outsiderAgent, requestId, body: "@x", visibility: "PUBLIC" }), "NOT_FOUND");
    await expectAppError(checkMentions({ actor: desk.agent, requestId, body: "@x", visibility: "SECRET" as "PUBLIC" }), "INVALID_INPUT");
  });
});
