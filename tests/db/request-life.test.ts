import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { addComment } from "@/lib/requests/add-comment";
import { fileRequest } from "@/lib/requests/file-request";
import { getRequest } from "@/lib/requests/get-request";
import { listMyRequests } from "@/lib/requests/list-my-requests";
import { listQueue } from "@/lib/requests/list-queue";
import { reopenRequest } from "@/lib/requests/reopen-request";
import { updateRequest } from "@/lib/requests/update-request";
import type { FieldDefinitionInput } from "@/lib/validation/fields";
import { seedDesk, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";

type Desk = Awaited<ReturnType<typeof seedDesk>>;

const fields = [
  { key: "room", label: "Room", kind: "text", required: true },
  { key: "floor", label: "Floor", kind: "number", integer: true, min: 0, max: 40 },
  { key: "urgency", label: "How bad is it", kind: "select", options: ["Annoying", "Blocking"], required: true },
] satisfies FieldDefinitionInput[];


async function file(desk: Desk, overrides: Record<string, unknown> = {}) {
  return fileRequest({
    actor: desk.requester,
    input: {
      typeId: desk.type.id,
      title: "Radiator is cold",
      description: "The radiator in 4.12 has been cold since Monday.",
      fieldValues: { room: "4.12", floor: "4", urgency: "Blocking" },
      submissionKey: `key-${uid()}`,
      ...overrides,
    },
  });
}

const numberOf = (reference: string) => Number(reference.split("-")[1]);
const requestSeq = async (departmentId: string) => (await db().department.findUniqueOrThrow({ where: { id: departmentId } })).requestSeq;

let desk: Desk;
beforeEach(async () => {
  desk = await seedDesk(fields);
});

describe("filing a request", () => {
  it("numbers it per department, records the requester's department and a created event", async () => {
    const first = await file(desk);
    const second = await file(desk);
    expect(first.reference).toBe(`${desk.provider.key}-1001`);
    expect(second.reference).toBe(`${desk.provider.key}-1002`);
    const row = await db().request.findUniqueOrThrow({ where: { id: first.id }, include: { events: true } });
    expect(row.requesterDepartmentId).toBe(desk.other.id);
    expect(row.status).toBe("NEW");
    expect(row.fieldValues).toEqual({ room: "4.12", floor: 4, urgency: "Blocking" });
    expect(row.events.map((e) => e.type)).toEqual(["created"]);
  });

  it("files one request when the same form is submitted twice, even concurrently", async () => {
    const submissionKey = `key-${uid()}`;
    const results = await Promise.all([file(desk, { submissionKey }), file(desk, { submissionKey }), file(desk, { submissionKey })]);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db().request.count({ where: { requesterId: desk.requester.id } })).toBe(1);
    // A racer that lost took a number before its filing failed: that number is skipped, never reused.
    const next = await file(desk);
    expect(numberOf(next.reference)).toBeGreaterThan(numberOf(results[0].reference));
    expect(numberOf(next.reference)).toBe(await requestSeq(desk.provider.id));
  });

  it("files concurrent requests into one department side by side, each with its own number", async () => {
    // As in the demo organisation: the type's default team assigns by hand.
    const team = await db().team.create({ data: { departmentId: desk.provider.id, name: `Team ${uid()}` } });
    await db().requestType.update({ where: { id: desk.type.id }, data: { defaultTeamId: team.id } });
    const results = await Promise.all(Array.from({ length: 20 }, () => file(desk)));
    expect(results.every((r) => r.created)).toBe(true);
    const numbers = results.map((r) => numberOf(r.reference)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => 1001 + i));
    const rows = await db().request.findMany({ where: { departmentId: desk.provider.id }, include: { events: true } });
    expect(rows).toHaveLength(20);
    expect(rows.every((r) => r.teamId === team.id && r.events.map((e) => e.type).join() === "created")).toBe(true);
  });

  it("rejects bad field values with a message per field and files nothing", async () => {
    const error = await expectAppError(file(desk, { fieldValues: { floor: "99", urgency: "Meh" } }), "INVALID_INPUT");
    expect(error.fieldErrors).toMatchObject({
      room: ["Room is required"],
      floor: ["Floor must be at most 40"],
      urgency: [expect.stringContaining("How bad is it")],
    });
    await expectAppError(file(desk, { title: "x" }), "INVALID_INPUT");
    expect(await db().request.count({ where: { requesterId: desk.requester.id } })).toBe(0);
    // Refused before a number is taken: the department's numbering has no gap for it.
    expect(await requestSeq(desk.provider.id)).toBe(1000);
  });

  it("refuses an unknown or inactive request type as not found", async () => {
    await expectAppError(file(desk, { typeId: "nope" }), "NOT_FOUND");
    await db().requestType.update({ where: { id: desk.type.id }, data: { active: false } });
    await expectAppError(file(desk), "NOT_FOUND");
  });
});

describe("who sees what", () => {
  it("shows another department's agent nothing: not found, not in any list", async () => {
    const { reference, id } = await file(desk);
    await expectAppError(getRequest({ actor: desk.outsiderAgent, reference }), "NOT_FOUND");
    await expectAppError(addComment({ actor: desk.outsiderAgent, input: { requestId: id, body: "hi" } }), "NOT_FOUND");
    await expectAppError(updateRequest({ actor: desk.outsiderAgent, input: { requestId: id, expectedVersion: 1, status: "RESOLVED" } }), "NOT_FOUND");
    await expectAppError(listQueue({ actor: desk.outsiderAgent, departmentKey: desk.provider.key }), "FORBIDDEN");
    expect((await listMyRequests({ actor: desk.outsiderAgent })).rows).toHaveLength(0);
  });

  it("never shows internal notes to the requester", async () => {
    const { reference, id } = await file(desk);
    await addComment({ actor: desk.agent, input: { requestId: id, body: "Public: on our way", visibility: "PUBLIC" } });
    await addComment({ actor: desk.agent, input: { requestId: id, body: "Internal: the boiler again", visibility: "INTERNAL" } });
    const asRequester = await getRequest({ actor: desk.requester, reference });
    const bodies = asRequester.timeline.flatMap((t) => (t.kind === "comment" ? [t.body] : []));
    expect(bodies).toEqual(["Public: on our way"]);
    expect(asRequester.timeline.filter((t) => t.kind === "event").map((t) => t.type)).not.toContain("assigned");
    const asAgent = await getRequest({ actor: desk.agent, reference });
    expect(asAgent.timeline.filter((t) => t.kind === "comment")).toHaveLength(2);
  });

  it("refuses agent actions to a requester", async () => {
    const { id } = await file(desk);
    await expectAppError(addComment({ actor: desk.requester, input: { requestId: id, body: "psst", visibility: "INTERNAL" } }), "FORBIDDEN");
    await expectAppError(updateRequest({ actor: desk.requester, input: { requestId: id, expectedVersion: 1, status: "RESOLVED" } }), "FORBIDDEN");
    await expectAppError(listQueue({ actor: desk.requester, departmentKey: desk.provider.key }), "FORBIDDEN");
    const row = await db().request.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("NEW");
    expect(await db().comment.count({ where: { requestId: id } })).toBe(0);
  });
});

describe("working a request", () => {
  it("goes new → open → waiting → open → resolved → reopened, with an event for each step", async () => {
    const { id, reference } = await file(desk);
    await addComment({ actor: desk.agent, input: { requestId: id, body: "Looking at it" } });
    let r = await db().request.findUniqueOrThrow({ where: { id } });
    expect(r.status).toBe("OPEN");
    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: r.version, status: "WAITING_ON_REQUESTER", assigneeId: desk.agent.id } });
    await addComment({ actor: desk.requester, input: { requestId: id, body: "It is room 4.12, left side" } });
    r = await db().request.findUniqueOrThrow({ where: { id } });
    expect(r.status).toBe("OPEN");
    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: r.version, status: "RESOLVED" } });
    r = await db().request.findUniqueOrThrow({ where: { id } });
    expect(r.resolvedAt).not.toBeNull();
    await reopenRequest({ actor: desk.requester, input: { requestId: id, expectedVersion: r.version, reason: "Still cold" } });
    r = await db().request.findUniqueOrThrow({ where: { id } });
    expect(r.status).toBe("OPEN");
    expect(r.resolvedAt).toBeNull();

    const events = await db().requestEvent.findMany({ where: { requestId: id }, orderBy: { id: "asc" } });
    const statuses = events.filter((e) => e.type === "status_changed").map((e) => (e.to as { status: string }).status);
    expect(statuses).toEqual(["OPEN", "WAITING_ON_REQUESTER", "OPEN", "RESOLVED", "OPEN"]);
    const view = await getRequest({ actor: desk.requester, reference });
    expect(view.status).toBe("OPEN");
  });

  it("refuses a stale edit instead of overwriting another agent's change", async () => {
    const { id } = await file(desk);
    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: 1, priority: "HIGH" } });
    const error = await expectAppError(updateRequest({ actor: desk.head, input: { requestId: id, expectedVersion: 1, priority: "LOW" } }), "STALE_VERSION");
    expect(error.userMessage).toMatch(/someone else changed/i);
    const r = await db().request.findUniqueOrThrow({ where: { id } });
    expect(r.priority).toBe("HIGH");
    expect(r.version).toBe(2);
  });

  it("lets exactly one of two concurrent edits of the same version win", async () => {
    const { id } = await file(desk);
    const results = await Promise.allSettled([
      updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: 1, priority: "HIGH" } }),
      updateRequest({ actor: desk.head, input: { requestId: id, expectedVersion: 1, priority: "LOW" } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().requestEvent.count({ where: { requestId: id, type: "priority_changed" } })).toBe(1);
  });

  it("assigns only to agents of the department, and only a requester reopens", async () => {
    const { id } = await file(desk);
    await expectAppError(updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: 1, assigneeId: desk.outsiderAgent.id } }), "INVALID_INPUT");
    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: 1, status: "RESOLVED" } });
    await expectAppError(reopenRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: 2, reason: "again" } }), "FORBIDDEN");
    await expectAppError(reopenRequest({ actor: desk.requester, input: { requestId: id, expectedVersion: 2, reason: "" } }), "INVALID_INPUT");
  });

  it("lists the department's queue with filters and keyset pages", async () => {
    for (let i = 0; i < 53; i++) await file(desk, { title: `Request number ${i}` });
    const first = await listQueue({ actor: desk.agent, departmentKey: desk.provider.key });
    expect(first.rows).toHaveLength(50);
    expect(first.nextCursor).toBeTruthy();
    const second = await listQueue({ actor: desk.agent, departmentKey: desk.provider.key, filter: { cursor: first.nextCursor! } });
    // A tampered page link (a year the database cannot hold, garbage) starts over instead of failing.
    for (const cursor of [Buffer.from(`+275760-09-13T00:00:00.000Z|${first.rows[0]!.id}`).toString("base64url"), "%%%", Buffer.from("0000-01-01T00:00:00Z|x").toString("base64url")]) {
      const again = await listQueue({ actor: desk.agent, departmentKey: desk.provider.key, filter: { cursor } });
      expect(again.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    }
    expect(second.rows).toHaveLength(3);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(53);
    const byNumber = await listQueue({ actor: desk.agent, departmentKey: desk.provider.key, filter: { q: `${desk.provider.key}-1007` } });
    expect(byNumber.rows.map((r) => r.reference)).toEqual([`${desk.provider.key}-1007`]);
    const unassigned = await listQueue({ actor: desk.agent, departmentKey: desk.provider.key, filter: { assignee: "me" } });
    expect(unassigned.rows).toHaveLength(0);
  });
});

describe("the event log", () => {
  it("is append-only in the database itself", async () => {
    const { id } = await file(desk);
    await expect(db().requestEvent.updateMany({ where: { requestId: id }, data: { type: "forged" } })).rejects.toThrow(/append-only/);
    await expect(db().requestEvent.deleteMany({ where: { requestId: id } })).rejects.toThrow(/append-only/);
    // PostgreSQL answers "append-only"; PGlite drops the connection on an error raised by a
    // statement-level trigger. Either way nothing is truncated.
    await expect(db().$executeRawUnsafe(`TRUNCATE "RequestEvent" CASCADE`)).rejects.toThrow();
    expect(await db().requestEvent.count({ where: { requestId: id } })).toBe(1);
  });
});
