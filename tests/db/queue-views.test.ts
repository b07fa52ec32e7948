import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { exportQueueCsv } from "@/lib/requests/export-queue-csv";
import { fileRequest } from "@/lib/requests/file-request";
import { listQueue } from "@/lib/requests/list-queue";
import { queueLayout, setDefaultQueueView, setQueueColumns } from "@/lib/requests/queue-layout";
import { deleteQueueView, findSavedQueueView, saveQueueView, savedQueueViews } from "@/lib/requests/saved-queue-views";
import { updateRequest } from "@/lib/requests/update-request";
import { defaultQueueColumns } from "@/lib/validation/queue-views";
import { actorOf, seedDesk, seedPerson, seedRequestType, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";

type Desk = Awaited<ReturnType<typeof seedDesk>>;
let desk: Desk;
/** A second agent of the same department. */
let colleague: Desk["agent"];

beforeEach(async () => {
  desk = await seedDesk();
  colleague = await actorOf((await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "AGENT", departmentId: desk.provider.id }] })).id);
});

const file = (title = "Broken chair") => fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title, description: "It wobbles", submissionKey: `k-${uid()}` } });
const save = (actor: Desk["agent"], name: string, filter: Record<string, string>, shared = false, departmentKey = desk.provider.key) =>
  saveQueueView({ actor, input: { departmentKey, name, shared, filter } });
const names = async (actor: Desk["agent"], departmentId = desk.provider.id) => (await savedQueueViews({ actor, departmentId })).map((v) => v.name);
const viewsCount = () => db().savedQueueView.count({ where: { departmentId: { in: [desk.provider.id, desk.other.id] } } });

describe("saved queue views", () => {
  it("keeps a private view to its owner and shows a shared one to the department's agents only", async () => {
    const mine = await save(desk.agent, "My urgent", { priority: "URGENT", assignee: "me" });
    const shared = await save(desk.agent, "Team triage", { assignee: "none", sort: "due" }, true);
    expect(await names(desk.agent)).toEqual(["My urgent", "Team triage"]);
    expect(await names(colleague)).toEqual(["Team triage"]);
    expect(await names(desk.head)).toEqual(["Team triage"]);
    // Nobody outside the department sees either, not even through the department's id.
    expect(await names(desk.outsiderAgent)).toEqual([]);
    expect(await findSavedQueueView({ actor: colleague, departmentId: desk.provider.id, viewId: mine.id })).toBeNull();
    expect(await findSavedQueueView({ actor: desk.outsiderAgent, departmentId: desk.other.id, viewId: shared.id })).toBeNull();
    expect(await findSavedQueueView({ actor: colleague, departmentId: desk.provider.id, viewId: shared.id })).toMatchObject({ name: "Team triage", mine: false, ownerName: desk.agent.name });
  });

  it("applies a saved view's filters on the queue, with 'me' meaning whoever looks, and refuses a view the reader may not use", async () => {
    const a = await file("Assigned to the agent");
    const b = await file("Assigned to the colleague");
    await updateRequest({ actor: desk.agent, input: { requestId: a.id, expectedVersion: 1, assigneeId: desk.agent.id } });
    await updateRequest({ actor: desk.agent, input: { requestId: b.id, expectedVersion: 1, assigneeId: colleague.id } });
    const view = await save(desk.agent, "Mine", { assignee: "me" }, true);
    const rowsOf = async (actor: Desk["agent"], filter: Record<string, string>) => (await listQueue({ actor, departmentKey: desk.provider.key, filter })).rows.map((r) => r.title);
    expect(await rowsOf(desk.agent, { saved: view.id })).toEqual(["Assigned to the agent"]);
    expect(await rowsOf(colleague, { saved: view.id })).toEqual(["Assigned to the colleague"]);
    // A filter chosen on top of the view still applies.
    expect(await rowsOf(desk.agent, { saved: view.id, assignee: "any" })).toHaveLength(2);

    const secret = await save(desk.agent, "Private", { assignee: "none" });
    const refused = await expectAppError(listQueue({ actor: colleague, departmentKey: desk.provider.key, filter: { saved: secret.id } }), "INVALID_INPUT");
    expect(refused.fieldErrors?.saved?.[0]).toMatch(/not shared with you/);
    await expectAppError(listQueue({ actor: colleague, departmentKey: desk.provider.key, filter: { saved: "no-such-view" } }), "INVALID_INPUT");
  });

  it("refuses requesters, agents of other departments, bad names and filters, and duplicate names, saving nothing", async () => {
    await save(desk.agent, "Breaching", { sla: "breached" });
    const before = await viewsCount();
    await expectAppError(save(desk.requester, "Sneaky", {}), "FORBIDDEN");
    await expectAppError(save(desk.outsiderAgent, "Sneaky", {}), "FORBIDDEN");
    await expectAppError(save(desk.agent, "   ", {}), "INVALID_INPUT");
    await expectAppError(save(desk.agent, "x".repeat(61), {}), "INVALID_INPUT");
    await expectAppError(save(desk.agent, "Bad status", { status: "ON_FIRE" }), "INVALID_INPUT");
    await expectAppError(saveQueueView({ actor: desk.agent, input: { departmentKey: desk.provider.key, name: "Paged", shared: false, filter: { cursor: "abc" } as never } }), "INVALID_INPUT");
    const duplicate = await expectAppError(save(desk.agent, "Breaching", {}), "CONFLICT");
    expect(duplicate.fieldErrors?.name?.[0]).toMatch(/already have a view/);
    expect(await viewsCount()).toBe(before);
  });

  it("lets only the owner change or delete a view", async () => {
    const view = await save(desk.agent, "Team triage", { assignee: "none" }, true);
    await expectAppError(saveQueueView({ actor: colleague, input: { departmentKey: desk.provider.key, viewId: view.id, name: "Hijacked", shared: false, filter: {} } }), "NOT_FOUND");
    await expectAppError(deleteQueueView({ actor: colleague, input: { departmentKey: desk.provider.key, viewId: view.id } }), "NOT_FOUND");
    await expectAppError(deleteQueueView({ actor: desk.outsiderAgent, input: { departmentKey: desk.provider.key, viewId: view.id } }), "FORBIDDEN");
    expect(await names(colleague)).toEqual(["Team triage"]);

    await saveQueueView({ actor: desk.agent, input: { departmentKey: desk.provider.key, viewId: view.id, name: "Unassigned, private now", shared: false, filter: { assignee: "none" } } });
    expect(await names(colleague)).toEqual([]);
    await deleteQueueView({ actor: desk.agent, input: { departmentKey: desk.provider.key, viewId: view.id } });
    expect(await names(desk.agent)).toEqual([]);
  });
});

describe("queue layout", () => {
  it("keeps each agent's columns in their order, and refuses unknown or repeated columns", async () => {
    expect((await queueLayout({ actor: desk.agent, departmentId: desk.provider.id })).columns).toEqual(defaultQueueColumns);
    await setQueueColumns({ actor: desk.agent, input: { departmentKey: desk.provider.key, columns: ["sla", "assignee", "from"] } });
    expect((await queueLayout({ actor: desk.agent, departmentId: desk.provider.id })).columns).toEqual(["sla", "assignee", "from"]);
    expect((await queueLayout({ actor: colleague, departmentId: desk.provider.id })).columns).toEqual(defaultQueueColumns);
    await expectAppError(setQueueColumns({ actor: desk.agent, input: { departmentKey: desk.provider.key, columns: ["sla", "sla"] } }), "INVALID_INPUT");
    await expectAppError(setQueueColumns({ actor: desk.agent, input: { departmentKey: desk.provider.key, columns: ["salary"] as never } }), "INVALID_INPUT");
    await expectAppError(setQueueColumns({ actor: desk.requester, input: { departmentKey: desk.provider.key, columns: [] } }), "FORBIDDEN");
    expect((await queueLayout({ actor: desk.agent, departmentId: desk.provider.id })).columns).toEqual(["sla", "assignee", "from"]);
  });

  it("opens with one default view per agent, only one they may see, and falls back when a colleague's view stops being shared", async () => {
    const shared = await save(desk.agent, "Team triage", { assignee: "none" }, true);
    const secret = await save(desk.agent, "Private", { assignee: "me" });
    await setDefaultQueueView({ actor: colleague, input: { departmentKey: desk.provider.key, view: `saved:${shared.id}` } });
    expect((await queueLayout({ actor: colleague, departmentId: desk.provider.id })).defaultView).toEqual({ kind: "saved", id: shared.id });
    await expectAppError(setDefaultQueueView({ actor: colleague, input: { departmentKey: desk.provider.key, view: `saved:${secret.id}` } }), "INVALID_INPUT");
    await expectAppError(setDefaultQueueView({ actor: colleague, input: { departmentKey: desk.provider.key, view: "everything" } }), "INVALID_INPUT");
    // Setting another replaces it: one default per agent.
    await setDefaultQueueView({ actor: colleague, input: { departmentKey: desk.provider.key, view: "unassigned" } });
    expect((await queueLayout({ actor: colleague, departmentId: desk.provider.id })).defaultView).toEqual({ kind: "builtin", view: "unassigned" });
    await setDefaultQueueView({ actor: colleague, input: { departmentKey: desk.provider.key, view: `saved:${shared.id}` } });
    await saveQueueView({ actor: desk.agent, input: { departmentKey: desk.provider.key, viewId: shared.id, name: "Team triage", shared: false, filter: { assignee: "none" } } });
    expect((await queueLayout({ actor: colleague, departmentId: desk.provider.id })).defaultView).toBeNull();
  });
});

describe("queue export as CSV", () => {
  it("exports the filtered queue through the queue's own query, in the agent's columns, and only what the policy lets them see", async () => {
    const a = await file("Printer, jammed");
    await file("=HYPERLINK(\"http://evil\")");
    await updateRequest({ actor: desk.agent, input: { requestId: a.id, expectedVersion: 1, assigneeId: desk.agent.id, priority: "HIGH" } });
    // A request of another department never shows, whatever the filters say.
    await fileRequest({ actor: desk.requester, input: { typeId: (await seedRequestType({ departmentId: desk.other.id })).id, title: "Elsewhere", description: "x", submissionKey: `k-${uid()}` } });
    await setQueueColumns({ actor: desk.agent, input: { departmentKey: desk.provider.key, columns: ["priority", "assignee"] } });

    const all = await exportQueueCsv({ actor: desk.agent, timeZone: "Europe/Berlin", departmentKey: desk.provider.key, filter: {} });
    const lines = all.body.trimEnd().split("\r\n");
    expect(lines[0]).toBe("Reference,Title,Priority,Assignee");
    expect(lines).toHaveLength(3);
    expect(all.body).not.toContain("Elsewhere");
    expect(all.body).toContain(`"Printer, jammed",High,${desk.agent.name}`);
    // A title that looks like a formula is written as text.
    expect(all.body).toContain(`"'=HYPERLINK(""http://evil"")"`);

    const mine = await exportQueueCsv({ actor: desk.agent, timeZone: "Europe/Berlin", departmentKey: desk.provider.key, filter: { assignee: "me" } });
    expect(mine.body.trimEnd().split("\r\n")).toHaveLength(2);

    await expectAppError(exportQueueCsv({ actor: desk.requester, timeZone: "UTC", departmentKey: desk.provider.key, filter: {} }), "FORBIDDEN");
    await expectAppError(exportQueueCsv({ actor: desk.outsiderAgent, timeZone: "UTC", departmentKey: desk.provider.key, filter: {} }), "FORBIDDEN");
    await expectAppError(exportQueueCsv({ actor: desk.agent, timeZone: "UTC", departmentKey: desk.provider.key, filter: { priority: "SOMETIMES" } }), "INVALID_INPUT");
  });
});
