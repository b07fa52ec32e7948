import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { slaCompliance } from "@/lib/reports/sla-compliance";
import { addComment } from "@/lib/requests/add-comment";
import { addWatcher } from "@/lib/requests/add-watcher";
import { fileRequest } from "@/lib/requests/file-request";
import { getRequest } from "@/lib/requests/get-request";
import { linkRequests, unlinkRequests } from "@/lib/requests/link-requests";
import { mergeRequest } from "@/lib/requests/merge-request";
import { currentReference, requestRelations } from "@/lib/requests/request-relations";
import { transferRequest } from "@/lib/requests/transfer-request";
import { transferOutcome } from "@/lib/requests/transfer-outcome";
import { updateRequest } from "@/lib/requests/update-request";
import { recomputeClocks } from "@/lib/service-levels/refresh-clocks";
import { actorOf, seedDesk, seedPerson, seedPolicies, seedRequestType, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";

type Desk = Awaited<ReturnType<typeof seedDesk>>;


let desk: Desk;
/** The receiving department: an agent there, and a request type. */
let receiving: { id: string; key: string; agent: Actor; typeId: string };

beforeEach(async () => {
  desk = await seedDesk();
  const type = await seedRequestType({ departmentId: desk.other.id });
  receiving = { id: desk.other.id, key: desk.other.key, agent: desk.outsiderAgent, typeId: type.id };
  await seedPolicies(desk.provider.id, [{ firstResponse: 60, resolution: 480 }]);
  await seedPolicies(desk.other.id, [{ firstResponse: 30, resolution: 240 }]);
});

const file = (actor: Actor = desk.requester, title = "Broken chair") =>
  fileRequest({ actor, input: { typeId: desk.type.id, title, description: "It wobbles", submissionKey: `k-${uid()}` } });
const row = (id: string) => db().request.findUniqueOrThrow({ where: { id } });
const requestSeq = async (departmentId: string) => (await db().department.findUniqueOrThrow({ where: { id: departmentId } })).requestSeq;
const eventsOf = (requestId: string, type?: string) => db().requestEvent.findMany({ where: { requestId, ...(type ? { type } : {}) }, orderBy: { id: "asc" } });

/** Everything a refused change must leave as it was. */
const snapshot = async (requestId: string) => ({
  request: await row(requestId),
  events: await db().requestEvent.count({ where: { requestId } }),
  aliases: await db().requestAlias.count({ where: { requestId } }),
  watchers: await db().watcher.count({ where: { requestId } }),
  links: await db().requestLink.count({ where: { OR: [{ requestAId: requestId }, { requestBId: requestId }] } }),
  clocks: (await db().slaClock.findMany({ where: { requestId }, orderBy: [{ segment: "asc" }, { metric: "asc" }] })).map((c) => [c.segment, c.metric, c.state]),
});

const transfer = (actor: Actor, requestId: string, extra: Partial<{ toDepartmentId: string; typeId: string; reason: string; expectedVersion: number }> = {}) =>
  transferRequest({ actor, input: { requestId, expectedVersion: extra.expectedVersion ?? 1, toDepartmentId: receiving.id, reason: "This is theirs", ...extra } });

describe("transfer to another department", () => {
  it("keeps the requester's answers to the old type's questions on the transfer event", async () => {
    const typed = await seedRequestType({ departmentId: desk.provider.id, fields: [{ key: "room", label: "Which room?", kind: "text", required: true }] });
    const { id } = await fileRequest({ actor: desk.requester, input: { typeId: typed.id, title: "Lamp", description: "Dark", fieldValues: { room: "4.12" }, submissionKey: `k-${uid()}` } });
    await transfer(desk.agent, id);
    expect((await eventsOf(id, "transferred"))[0]!.from).toMatchObject({ fields: [{ label: "Which room?", value: "4.12" }] });
  });

  it("shows the answers under their labels after the transfer, to the receiving agent and the requester, never under raw keys", async () => {
    const typed = await seedRequestType({
      departmentId: desk.provider.id,
      fields: [
        { key: "safetyRisk", label: "Is anyone at risk?", kind: "checkbox" },
        { key: "room", label: "Which room?", kind: "text", required: true },
      ],
    });
    const { id } = await fileRequest({ actor: desk.requester, input: { typeId: typed.id, title: "Loose cable", description: "Across the floor", fieldValues: { safetyRisk: true, room: "4.12" }, submissionKey: `k-${uid()}` } });
    const { reference } = await transfer(desk.agent, id);
    for (const reader of [receiving.agent, desk.requester]) {
      const view = await getRequest({ actor: reader, reference });
      expect(view.fields.map((f) => [f.label, f.value]).sort()).toEqual([
        ["Is anyone at risk?", "Yes"],
        ["Which room?", "4.12"],
      ]);
      expect(view.fields.map((f) => f.label)).not.toContain("safetyRisk");
    }
  });

  it("reads a stored answer without any recorded label under its key made readable", async () => {
    const { id } = await file();
    await db().request.update({ where: { id }, data: { fieldValues: { safetyRisk: "no", cost_centre: "4711" } } });
    const { reference } = await transfer(desk.agent, id);
    const view = await getRequest({ actor: receiving.agent, reference });
    expect(view.fields.map((f) => [f.label, f.value]).sort()).toEqual([
      ["Cost centre", "4711"],
      ["Safety risk", "no"],
    ]);
  });

  it("names whom an assignment went to in the timeline's events", async () => {
    const { id, reference } = await file();
    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: 1, assigneeId: desk.head.id } });
    const view = await getRequest({ actor: desk.agent, reference });
    expect(view.assigneeNames).toEqual({ [desk.head.id]: desk.head.name });
  });

  it("confirms the transfer to the agent who made it, with where it went, and to nobody else", async () => {
    const { id, reference: before } = await file();
    const { reference } = await transfer(desk.agent, id);
    expect(await transferOutcome({ actor: desk.agent, from: before, to: reference })).toEqual({
      from: before,
      to: reference,
      department: { key: receiving.key, name: expect.any(String) },
      visible: false,
    });
    // Another agent, a crafted pair or a made-up reference learn nothing.
    expect(await transferOutcome({ actor: desk.head, from: before, to: reference })).toBeNull();
    expect(await transferOutcome({ actor: desk.requester, from: before, to: reference })).toBeNull();
    expect(await transferOutcome({ actor: desk.agent, from: `${desk.provider.key}-999999`, to: reference })).toBeNull();
    expect(await transferOutcome({ actor: desk.agent, from: "not a reference", to: reference })).toBeNull();
    expect(await transferOutcome({ actor: desk.agent, from: before, to: undefined })).toBeNull();
  });

  it("moves the request with a new number, clears assignee and team, records the event and keeps the old reference resolvable", async () => {
    const filed = await file();
    await updateRequest({ actor: desk.agent, input: { requestId: filed.id, expectedVersion: 1, assigneeId: desk.agent.id } });
    const before = await row(filed.id);

    const result = await transfer(desk.agent, filed.id, { expectedVersion: before.version, reason: "Chairs are a Facilities matter" });
    const after = await row(filed.id);
    expect(after).toMatchObject({ departmentId: receiving.id, typeId: receiving.typeId, assigneeId: null, teamId: null, version: before.version + 1 });
    expect(result).toMatchObject({ reference: `${receiving.key}-${after.number}`, stillVisible: false, fromDepartmentKey: desk.provider.key });
    expect(await db().requestAlias.findMany({ where: { requestId: filed.id } })).toEqual([
      expect.objectContaining({ departmentId: desk.provider.id, number: before.number }),
    ]);
    const [event] = await eventsOf(filed.id, "transferred");
    expect(event).toMatchObject({
      actorId: desk.agent.id,
      from: { departmentId: desk.provider.id, reference: filed.reference, assigneeId: desk.agent.id },
      to: { departmentId: receiving.id, reference: result.reference, typeId: receiving.typeId, reason: "Chairs are a Facilities matter", assigneeId: null },
    });

    // The requester follows the old link to the new reference; the receiving agent works it.
    expect(await currentReference({ actor: desk.requester, reference: filed.reference })).toBe(result.reference);
    expect((await getRequest({ actor: receiving.agent, reference: result.reference })).viewer.isAgent).toBe(true);
    expect(await db().notification.count({ where: { personId: receiving.agent.id, requestId: filed.id, kind: "new_request" } })).toBe(1);
    expect(await db().notification.count({ where: { personId: desk.requester.id, requestId: filed.id, kind: "status_changed", title: { contains: result.reference } } })).toBe(1);
  });

  it("takes the chosen type of the receiving department, and refuses a type of another department with nothing changed", async () => {
    const second = await seedRequestType({ departmentId: receiving.id });
    const { id } = await file();
    const foreignType = await seedRequestType({ departmentId: desk.provider.id });
    const before = await snapshot(id);
    const error = await expectAppError(transfer(desk.agent, id, { typeId: foreignType.id }), "INVALID_INPUT");
    expect(error.fieldErrors?.typeId?.[0]).toMatch(/request type of the receiving department/);
    expect(await snapshot(id)).toEqual(before);

    await transfer(desk.agent, id, { typeId: second.id });
    expect((await row(id)).typeId).toBe(second.id);
  });

  it("hides the request from the old department's agents afterwards, unless they follow it", async () => {
    const { id, reference } = await file();
    const follower = await actorOf((await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "AGENT", departmentId: desk.provider.id }] })).id);
    await addWatcher({ actor: desk.agent, input: { requestId: id, personId: follower.id } });
    const { reference: moved } = await transfer(desk.agent, id);

    for (const ref of [reference, moved]) await expectAppError(getRequest({ actor: desk.agent, reference: ref }), "NOT_FOUND");
    expect(await currentReference({ actor: desk.agent, reference })).toBeNull();
    await expectAppError(updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: 2, priority: "HIGH" } }), "NOT_FOUND");
    await expectAppError(transfer(desk.agent, id, { toDepartmentId: desk.provider.id, expectedVersion: 2 }), "NOT_FOUND");

    const seen = await getRequest({ actor: follower, reference: moved });
    expect(seen.viewer.isAgent).toBe(false);
    expect(seen.timeline.some((t) => t.kind === "event" && t.type === "transferred")).toBe(true);
    expect(await currentReference({ actor: follower, reference })).toBe(moved);
  });

  it("refuses bad input, requesters, outsiders, finished requests and stale forms, changing nothing", async () => {
    const { id } = await file();
    const before = await snapshot(id);
    const receivingSeq = await requestSeq(receiving.id);
    const cases: [() => Promise<unknown>, string, string?][] = [
      [() => transfer(desk.agent, id, { reason: "   " }), "INVALID_INPUT", "reason"],
      [() => transfer(desk.agent, id, { toDepartmentId: "" }), "INVALID_INPUT", "toDepartmentId"],
      [() => transfer(desk.agent, id, { toDepartmentId: "no-such-department" }), "INVALID_INPUT", "toDepartmentId"],
      [() => transfer(desk.agent, id, { toDepartmentId: desk.provider.id }), "INVALID_INPUT", "toDepartmentId"],
      [() => transferRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: "x", toDepartmentId: receiving.id, reason: "r" } }), "INVALID_INPUT", "expectedVersion"],
      [() => transfer(desk.requester, id), "FORBIDDEN"],
      [() => transfer(receiving.agent, id), "NOT_FOUND"],
      [() => transfer(desk.agent, id, { expectedVersion: 7 }), "STALE_VERSION"],
    ];
    for (const [attempt, code, field] of cases) {
      const error = await expectAppError(attempt(), code);
      if (field) expect(error.fieldErrors?.[field]?.length).toBeGreaterThan(0);
      expect(await snapshot(id)).toEqual(before);
    }
    // Refused before a number is taken: no gap in the receiving department's numbering.
    expect(await requestSeq(receiving.id)).toBe(receivingSeq);

    const empty = await seedDesk();
    const noTypes = await expectAppError(transfer(desk.agent, id, { toDepartmentId: empty.requester.departmentId }), "INVALID_INPUT");
    expect(noTypes.fieldErrors?.toDepartmentId?.[0]).toMatch(/no request types/);

    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: 1, status: "RESOLVED" } });
    const resolved = await snapshot(id);
    await expectAppError(transfer(desk.agent, id, { expectedVersion: 2 }), "CONFLICT");
    expect(await snapshot(id)).toEqual(resolved);
  });

  it("numbers concurrent transfers and filings into one department without ever using a number twice", async () => {
    const moving = await Promise.all([1, 2, 3, 4].map(() => file()));
    const intoReceiving = () =>
      fileRequest({ actor: desk.requester, input: { typeId: receiving.typeId, title: "Filed there", description: "Directly", submissionKey: `k-${uid()}` } });
    const [first, ...others] = moving;
    // Two of its staff transfer the first request at once: one wins; for the other the request has
    // left their department (NOT_FOUND), whether it got that far before or after taking a number.
    const [a, b, ...rest] = await Promise.allSettled([
      transfer(desk.agent, first!.id),
      transfer(desk.head, first!.id),
      ...others.map((m) => transfer(desk.agent, m.id)),
      ...Array.from({ length: 8 }, intoReceiving),
    ]);
    const racers = [a, b];
    expect(racers.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(racers.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "NOT_FOUND" } });
    expect(rest.every((r) => r.status === "fulfilled")).toBe(true);

    const held = await db().request.findMany({ where: { departmentId: receiving.id }, select: { number: true } });
    expect(held).toHaveLength(12);
    expect(new Set(held.map((r) => r.number)).size).toBe(12);
    // The losing racer may have taken a number before it was refused: a gap of at most that one.
    expect(await requestSeq(receiving.id)).toBeGreaterThanOrEqual(Math.max(...held.map((r) => r.number)));
    expect(await requestSeq(receiving.id)).toBeLessThanOrEqual(1013);
  });
});

describe("SLA across a transfer", () => {
  const clocks = (requestId: string) => db().slaClock.findMany({ where: { requestId }, orderBy: [{ segment: "asc" }, { metric: "asc" }, { cycle: "asc" }] });

  it("keeps the requester-facing clocks running under the receiving policy and gives each department its own segment", async () => {
    const { id } = await file();
    await addComment({ actor: desk.agent, input: { requestId: id, body: "Looking" } });
    const { reference } = await transfer(desk.agent, id, { expectedVersion: (await row(id)).version });
    const transferredAt = (await eventsOf(id, "transferred"))[0]!.createdAt;
    const created = (await eventsOf(id, "created"))[0]!.createdAt;

    const stored = await clocks(id);
    expect(stored.map((c) => [c.segment, c.departmentId, c.metric, c.state, c.targetMinutes])).toEqual([
      [0, receiving.id, "FIRST_RESPONSE", "MET", 60],
      [0, receiving.id, "RESOLUTION", "RUNNING", 240],
      [1, desk.provider.id, "FIRST_RESPONSE", "MET", 60],
      [1, desk.provider.id, "RESOLUTION", "MET", 480],
      [2, receiving.id, "FIRST_RESPONSE", "RUNNING", 30],
      [2, receiving.id, "RESOLUTION", "RUNNING", 240],
    ]);
    const [requesterResolution, oldSegment, newSegment] = [stored[1]!, stored[3]!, stored[5]!];
    expect(requesterResolution.startedAt).toEqual(created);
    expect(oldSegment.stoppedAt).toEqual(transferredAt);
    expect(newSegment.startedAt).toEqual(transferredAt);
    // Segments never notify: warnings and breaches go by the requester-facing clock.
    expect(stored.filter((c) => c.segment > 0).every((c) => c.nextNoticeAt === null)).toBe(true);

    // The receiving agent resolves it: its segment and the requester-facing clock stop together.
    await addComment({ actor: receiving.agent, input: { requestId: id, body: "Fixed" } });
    await updateRequest({ actor: receiving.agent, input: { requestId: id, expectedVersion: (await row(id)).version, status: "RESOLVED" } });
    expect((await clocks(id)).map((c) => [c.segment, c.metric, c.state])).toEqual([
      [0, "FIRST_RESPONSE", "MET"],
      [0, "RESOLUTION", "MET"],
      [1, "FIRST_RESPONSE", "MET"],
      [1, "RESOLUTION", "MET"],
      [2, "FIRST_RESPONSE", "MET"],
      [2, "RESOLUTION", "MET"],
    ]);
    expect((await getRequest({ actor: receiving.agent, reference })).status).toBe("RESOLVED");

    // Recomputing either department (the old one includes requests it passed on) changes nothing.
    const shape = async () => (await clocks(id)).map((c) => [c.segment, c.departmentId, c.metric, c.cycle, c.state, c.startedAt.getTime(), c.stoppedAt?.getTime()]);
    const before = await shape();
    await recomputeClocks(db(), { departmentId: desk.provider.id });
    expect(await shape()).toEqual(before);
    await recomputeClocks(db(), { departmentId: receiving.id });
    expect(await shape()).toEqual(before);
  });

  it("counts each department's own segment in its compliance report, and the requester-facing clock for neither", async () => {
    const { id } = await file();
    const untouched = await file(desk.requester, "Not transferred");
    await transfer(desk.agent, id);
    await updateRequest({ actor: receiving.agent, input: { requestId: id, expectedVersion: 2, status: "RESOLVED" } });
    await updateRequest({ actor: desk.agent, input: { requestId: untouched.id, expectedVersion: 1, status: "RESOLVED" } });

    const period = { from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 86_400_000) };
    const head = await actorOf((await seedPerson({ departmentId: receiving.id, roles: [{ role: "HEAD", departmentId: receiving.id }] })).id);
    const oldReport = await slaCompliance({ actor: desk.head, departmentKey: desk.provider.key, ...period });
    const newReport = await slaCompliance({ actor: head, departmentKey: receiving.key, ...period });
    // The old department: its segment of the transferred request (passed on in time) and the other request.
    expect(oldReport.totals.byMetric.RESOLUTION).toMatchObject({ met: 2, breached: 0 });
    expect(oldReport.totals.byMetric.FIRST_RESPONSE).toMatchObject({ met: 2, breached: 0 });
    // The receiving department: only its own segment.
    expect(newReport.totals.byMetric.RESOLUTION).toMatchObject({ met: 1, breached: 0 });
    expect(newReport.totals.byMetric.FIRST_RESPONSE).toMatchObject({ met: 1, breached: 0 });
    // By type, each department sees its segments under its own request types.
    const oldByType = await slaCompliance({ actor: desk.head, departmentKey: desk.provider.key, ...period, groupBy: "type" });
    expect(oldByType.rows.map((r) => [r.key, r.byMetric.RESOLUTION.met])).toEqual([[desk.type.id, 2]]);
    const newByType = await slaCompliance({ actor: head, departmentKey: receiving.key, ...period, groupBy: "type" });
    expect(newByType.rows.map((r) => [r.key, r.byMetric.RESOLUTION.met])).toEqual([[receiving.typeId, 1]]);
  });
});

describe("merge a duplicate", () => {
  it("closes the duplicate into the target, records both sides and makes its requester follow the target", async () => {
    const colleague = await actorOf((await seedPerson({ departmentId: desk.other.id })).id);
    const target = await file();
    const duplicate = await file(colleague, "Chair wobbles too");
    const result = await mergeRequest({ actor: desk.agent, input: { requestId: duplicate.id, expectedVersion: 1, targetReference: target.reference.toLowerCase() } });
    expect(result.targetReference).toBe(target.reference);

    expect(await row(duplicate.id)).toMatchObject({ status: "CLOSED", mergedIntoId: target.id, version: 2 });
    expect((await eventsOf(duplicate.id, "merged_into"))[0]).toMatchObject({ to: { requestId: target.id, reference: target.reference } });
    expect((await eventsOf(target.id, "merged_from"))[0]).toMatchObject({ to: { requestId: duplicate.id, reference: duplicate.reference } });
    expect(await db().watcher.count({ where: { requestId: target.id, personId: colleague.id } })).toBe(1);
    expect((await row(target.id)).version).toBe(1);
    expect(await db().slaClock.count({ where: { requestId: duplicate.id, stoppedAt: null } })).toBe(0);

    // The duplicate's requester sees where it went, and now follows the target.
    const relations = await requestRelations({ actor: colleague, requestId: duplicate.id });
    expect(relations.mergedInto).toMatchObject({ visible: true, reference: target.reference });
    expect((await getRequest({ actor: colleague, reference: target.reference })).viewer.isAgent).toBe(false);
    expect((await requestRelations({ actor: desk.agent, requestId: target.id })).mergedFrom.map((m) => m.reference)).toEqual([duplicate.reference]);
  });

  it("refuses merging into itself, into a merged or closed request, or into one the agent cannot see, changing nothing", async () => {
    const a = await file();
    const b = await file();
    const c = await file();
    await mergeRequest({ actor: desk.agent, input: { requestId: b.id, expectedVersion: 1, targetReference: c.reference } });
    const hidden = await fileRequest({ actor: desk.requester, input: { typeId: receiving.typeId, title: "Elsewhere", description: "x", submissionKey: `k-${uid()}` } });
    const before = await snapshot(a.id);

    const cases: [string, string, RegExp][] = [
      [a.reference, "INVALID_INPUT", /itself/],
      [b.reference, "CONFLICT", /itself merged/],
      [hidden.reference, "NOT_FOUND", /that you can see/],
      [`${desk.provider.key}-999999`, "NOT_FOUND", /that you can see/],
      ["not a number", "INVALID_INPUT", /FAC-1042/],
      ["", "INVALID_INPUT", /FAC-1042/],
    ];
    for (const [targetReference, code, message] of cases) {
      const error = await expectAppError(mergeRequest({ actor: desk.agent, input: { requestId: a.id, expectedVersion: 1, targetReference } }), code);
      expect(error.fieldErrors?.targetReference?.[0]).toMatch(message);
      expect(await snapshot(a.id)).toEqual(before);
    }
    // A closed (here: cancelled by merge) request cannot be merged again.
    await expectAppError(mergeRequest({ actor: desk.agent, input: { requestId: b.id, expectedVersion: 2, targetReference: a.reference } }), "CONFLICT");
  });

  it("refuses requesters and agents of other departments", async () => {
    const a = await file();
    const b = await file();
    const before = await snapshot(a.id);
    await expectAppError(mergeRequest({ actor: desk.requester, input: { requestId: a.id, expectedVersion: 1, targetReference: b.reference } }), "FORBIDDEN");
    await expectAppError(mergeRequest({ actor: receiving.agent, input: { requestId: a.id, expectedVersion: 1, targetReference: b.reference } }), "NOT_FOUND");
    await expectAppError(mergeRequest({ actor: desk.agent, input: { requestId: a.id, expectedVersion: 5, targetReference: b.reference } }), "STALE_VERSION");
    expect(await snapshot(a.id)).toEqual(before);
  });
});

describe("link related requests", () => {
  it("links two requests once, shows the link on both sides only to viewers who may see the other, and unlinks", async () => {
    const a = await file();
    const stranger = await actorOf((await seedPerson({ departmentId: desk.other.id })).id);
    const b = await file(stranger, "Desk wobbles");

    const first = await linkRequests({ actor: desk.agent, input: { requestId: a.id, otherReference: b.reference } });
    expect(first.added).toBe(true);
    expect(await linkRequests({ actor: desk.agent, input: { requestId: b.id, otherReference: a.reference } })).toEqual({ added: false, linkId: first.linkId });
    expect(await db().requestLink.count({ where: { id: first.linkId } })).toBe(1);
    expect((await eventsOf(a.id, "linked"))[0]).toMatchObject({ to: { requestId: b.id, reference: b.reference } });
    expect((await eventsOf(b.id, "linked"))[0]).toMatchObject({ to: { requestId: a.id, reference: a.reference } });

    expect((await requestRelations({ actor: desk.agent, requestId: a.id })).links.map((l) => l.reference)).toEqual([b.reference]);
    expect((await requestRelations({ actor: desk.agent, requestId: b.id })).links.map((l) => l.reference)).toEqual([a.reference]);
    // Each requester sees their own request, but not the link to the other's.
    expect((await requestRelations({ actor: desk.requester, requestId: a.id })).links).toEqual([]);
    expect((await requestRelations({ actor: stranger, requestId: b.id })).links).toEqual([]);

    await expectAppError(unlinkRequests({ actor: desk.requester, input: { requestId: a.id, linkId: first.linkId } }), "FORBIDDEN");
    await expectAppError(unlinkRequests({ actor: receiving.agent, input: { requestId: a.id, linkId: first.linkId } }), "NOT_FOUND");
    // Another request's link, named on this one: nothing is removed, and nothing says it was.
    const c = await file();
    expect(await unlinkRequests({ actor: desk.agent, input: { requestId: c.id, linkId: first.linkId } })).toEqual({ removed: false });
    expect(await db().requestLink.count({ where: { id: first.linkId } })).toBe(1);
    expect(await unlinkRequests({ actor: desk.agent, input: { requestId: b.id, linkId: first.linkId } })).toEqual({ removed: true });
    expect(await unlinkRequests({ actor: desk.agent, input: { requestId: b.id, linkId: first.linkId } })).toEqual({ removed: false });
    expect((await eventsOf(a.id, "unlinked"))[0]).toMatchObject({ from: { requestId: b.id, reference: b.reference } });
    expect((await requestRelations({ actor: desk.agent, requestId: a.id })).links).toEqual([]);
  });

  it("links across departments only to a request the agent can see, and refuses bad input, itself and requesters", async () => {
    const a = await file();
    const hidden = await fileRequest({ actor: desk.requester, input: { typeId: receiving.typeId, title: "Elsewhere", description: "x", submissionKey: `k-${uid()}` } });
    const before = await snapshot(a.id);
    const cases: [() => Promise<unknown>, string][] = [
      [() => linkRequests({ actor: desk.agent, input: { requestId: a.id, otherReference: hidden.reference } }), "NOT_FOUND"],
      [() => linkRequests({ actor: desk.agent, input: { requestId: a.id, otherReference: a.reference } }), "INVALID_INPUT"],
      [() => linkRequests({ actor: desk.agent, input: { requestId: a.id, otherReference: "FAC 12" } }), "INVALID_INPUT"],
      [() => linkRequests({ actor: desk.requester, input: { requestId: a.id, otherReference: hidden.reference } }), "FORBIDDEN"],
      [() => linkRequests({ actor: receiving.agent, input: { requestId: a.id, otherReference: hidden.reference } }), "NOT_FOUND"],
    ];
    for (const [attempt, code] of cases) {
      const error = await expectAppError(attempt(), code);
      if (code !== "FORBIDDEN" && error.fieldErrors) expect(error.fieldErrors.otherReference?.length).toBeGreaterThan(0);
      expect(await snapshot(a.id)).toEqual(before);
    }
    // An agent of both departments may link across them.
    const both = await actorOf(
      (await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "AGENT", departmentId: desk.provider.id }, { role: "AGENT", departmentId: receiving.id }] })).id,
    );
    expect((await linkRequests({ actor: both, input: { requestId: a.id, otherReference: hidden.reference } })).added).toBe(true);
  });

  it("finds a request by the reference it had before a transfer", async () => {
    const a = await file();
    const b = await file();
    await transfer(desk.agent, b.id);
    const both = await actorOf(
      (await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "AGENT", departmentId: desk.provider.id }, { role: "AGENT", departmentId: receiving.id }] })).id,
    );
    const { linkId } = await linkRequests({ actor: both, input: { requestId: a.id, otherReference: b.reference } });
    const link = await db().requestLink.findUniqueOrThrow({ where: { id: linkId } });
    expect([link.requestAId, link.requestBId].sort()).toEqual([a.id, b.id].sort());
  });
});
