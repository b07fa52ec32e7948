import { beforeEach, describe, expect, it } from "vitest";
import { addComplaintNote } from "@/lib/complaints/add-complaint-note";
import { assignComplaint } from "@/lib/complaints/assign-complaint";
import { closeComplaint } from "@/lib/complaints/close-complaint";
import { getComplaint } from "@/lib/complaints/get-complaint";
import { listComplaints } from "@/lib/complaints/list-complaints";
import { answerFeelHeard, myComplaints } from "@/lib/complaints/my-complaints";
import { raiseComplaint } from "@/lib/complaints/raise-complaint";
import { setComplaintDelegate } from "@/lib/complaints/set-complaint-delegate";
import { db } from "@/lib/db/client";
import { readExperience } from "@/lib/experience/read-experience";
import { timeLostByType } from "@/lib/experience/time-lost-by-type";
import { addWatcher } from "@/lib/requests/add-watcher";
import { fileRequest } from "@/lib/requests/file-request";
import { updateRequest } from "@/lib/requests/update-request";
import { rateRequest } from "@/lib/satisfaction/rate-request";
import { expectAppError } from "../support/expect-app-error";
import { statementsDuring } from "../support/statements";
import { actorOf, seedDesk, seedPerson, seedPolicies, uid } from "../support/factories";
import { isolatedYear, publishYear, seedRatings } from "../support/ratings";

type Desk = Awaited<ReturnType<typeof seedDesk>>;
type Actor = Desk["agent"];

let desk: Desk;
let hr: Actor;
let otherHead: Actor;
beforeEach(async () => {
  desk = await seedDesk();
  hr = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "HR" }] })).id);
  otherHead = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "HEAD", departmentId: desk.other.id }] })).id);
});

const version = async (id: string) => (await db().request.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

async function resolved() {
  const { id } = await fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title: "Printer jams", description: "Floor 3.", submissionKey: `key-${uid()}` } });
  await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: await version(id), status: "RESOLVED" } });
  return id;
}

const complaintVersion = async (id: string) => (await db().complaint.findUniqueOrThrow({ where: { id } })).version;

describe("rating questions", () => {
  it("keeps time lost and the reasons ticked for the score's band beside the score", async () => {
    const id = await resolved();
    await rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 1, score: 4, timeLost: "under_1h", reasons: ["fast", "friendly"] } });
    const rating = await db().rating.findFirstOrThrow({ where: { requestId: id } });
    expect(rating).toMatchObject({ score: 4, timeLost: "under_1h", reasons: ["fast", "friendly"] });
  });

  it("needs nothing but the score", async () => {
    const id = await resolved();
    await rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 1, score: 5 } });
    expect(await db().rating.findFirstOrThrow({ where: { requestId: id } })).toMatchObject({ score: 5, timeLost: null, reasons: [] });
  });

  it("refuses a reason of the other band, an unknown time-lost answer, and stores nothing", async () => {
    const id = await resolved();
    await expectAppError(rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 1, score: 5, reasons: ["slow"] } }), "INVALID_INPUT");
    await expectAppError(rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 1, score: 5, timeLost: "a week" } }), "INVALID_INPUT");
    expect(await db().rating.count({ where: { requestId: id } })).toBe(0);
  });

  it("offers the department's own list when it has one", async () => {
    await db().department.update({ where: { id: desk.provider.id }, data: { ratingReasons: [{ key: "quiet", label: "Quiet work", band: "positive" }] } });
    const id = await resolved();
    await expectAppError(rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 1, score: 5, reasons: ["fast"] } }), "INVALID_INPUT");
    await rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 1, score: 5, reasons: ["quiet"] } });
  });
});

describe("complaints", () => {
  it("without consent: counted through the rating, no complaint anyone can see", async () => {
    const id = await resolved();
    await rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 1, score: 2, comment: "Had to chase twice", reasons: ["had_to_chase"] } });
    expect(await db().complaint.count({ where: { requestId: id } })).toBe(0);
    expect(await listComplaints({ actor: desk.head, departmentId: desk.provider.id })).toEqual([]);
  });

  it("with consent: the head sees who and what, with a target of 1 business day; HR, agents and other heads never do", async () => {
    await seedPolicies(desk.provider.id, [{ firstResponse: 60 }], {
      timeZone: "UTC",
      hours: { mon: [["09:00", "17:00"]], tue: [["09:00", "17:00"]], wed: [["09:00", "17:00"]], thu: [["09:00", "17:00"]], fri: [["09:00", "17:00"]], sat: [], sun: [] },
      holidays: [],
    });
    const id = await resolved();
    // Friday 16:00 UTC: one business day later is Monday 16:00.
    await rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 1, score: 2, comment: "Had to chase twice", reasons: ["had_to_chase"], followUp: "on" } });
    const row = await db().complaint.findFirstOrThrow({ where: { requestId: id } });
    expect(row.complainantId).toBe(desk.requester.id);
    expect(row.dueAt.getTime()).toBeGreaterThan(row.createdAt.getTime());

    const list = await listComplaints({ actor: desk.head, departmentId: desk.provider.id });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ complainant: desk.requester.name, summary: "Had to chase twice", state: "to_contact" });
    expect((await getComplaint({ actor: desk.head, complaintId: row.id })).rating?.reasons).toEqual(["had_to_chase"]);
    // The head is told.
    expect(await db().notification.count({ where: { personId: desk.head.id, kind: "complaint" } })).toBe(1);

    for (const actor of [hr, desk.agent, otherHead, desk.requester]) {
      await expectAppError(listComplaints({ actor, departmentId: desk.provider.id }), "FORBIDDEN");
      await expectAppError(getComplaint({ actor, complaintId: row.id }), "NOT_FOUND");
      await expectAppError(addComplaintNote({ actor, input: { complaintId: row.id, body: "x" } }), "NOT_FOUND");
    }
  });

  it("the follow-up: assigned, contacted in time, closed with an outcome the requester sees and answers", async () => {
    const id = await resolved();
    const now = new Date();
    await rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 1, score: 1, comment: "Not solved", followUp: true } });
    const { id: complaintId } = await db().complaint.findFirstOrThrow({ where: { requestId: id } });
    await expectAppError(assignComplaint({ actor: desk.head, input: { complaintId, assigneeId: desk.agent.id, version: 1 } }), "INVALID_INPUT");
    await assignComplaint({ actor: desk.head, input: { complaintId, assigneeId: desk.head.id, version: 1 } });
    await expectAppError(assignComplaint({ actor: desk.head, input: { complaintId, assigneeId: null, version: 1 } }), "STALE_VERSION");
    await expectAppError(addComplaintNote({ actor: desk.head, input: { complaintId, body: "" } }), "INVALID_INPUT");
    await addComplaintNote({ actor: desk.head, input: { complaintId, body: "Called them, printer swapped.", contacted: "on" }, now });
    await expectAppError(closeComplaint({ actor: desk.head, input: { complaintId, outcome: "maybe", message: "x", version: await complaintVersion(complaintId) } }), "INVALID_INPUT");
    await closeComplaint({ actor: desk.head, input: { complaintId, outcome: "resolved", message: "We replaced the printer.", version: await complaintVersion(complaintId) } });

    const mine = await myComplaints({ actor: desk.requester });
    expect(mine[0]).toMatchObject({ outcome: "resolved", outcomeMessage: "We replaced the printer.", feelsHeard: null });
    expect(JSON.stringify(mine)).not.toContain("Called them");
    expect(await db().notification.count({ where: { personId: desk.requester.id, kind: "complaint_outcome" } })).toBe(1);
    await expectAppError(answerFeelHeard({ actor: desk.agent, input: { complaintId, feelsHeard: "yes" } }), "NOT_FOUND");
    await answerFeelHeard({ actor: desk.requester, input: { complaintId, feelsHeard: "yes" } });
    await expectAppError(answerFeelHeard({ actor: desk.requester, input: { complaintId, feelsHeard: "no" } }), "CONFLICT");
    const row = await db().complaint.findUniqueOrThrow({ where: { id: complaintId } });
    expect(row).toMatchObject({ feelsHeard: true, contactedAt: now, outcome: "resolved" });
    expect(await myComplaints({ actor: desk.agent })).toEqual([]);
  });

  it("a delegate named by the head handles complaints; nobody else may name one", async () => {
    const delegate = await actorOf((await seedPerson({ departmentId: desk.provider.id })).id);
    await expectAppError(setComplaintDelegate({ actor: desk.agent, input: { departmentId: desk.provider.id, delegateId: delegate.id } }), "FORBIDDEN");
    await expectAppError(setComplaintDelegate({ actor: hr, input: { departmentId: desk.provider.id, delegateId: hr.id } }), "FORBIDDEN");
    await expectAppError(listComplaints({ actor: delegate, departmentId: desk.provider.id }), "FORBIDDEN");
    await setComplaintDelegate({ actor: desk.head, input: { departmentId: desk.provider.id, delegateId: delegate.id } });
    const { id } = await fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title: "Door", description: "Stuck.", submissionKey: `key-${uid()}` } });
    await raiseComplaint({ actor: desk.requester, input: { requestId: id, summary: "Nobody answers" } });
    expect((await listComplaints({ actor: delegate, departmentId: desk.provider.id }))[0]).toMatchObject({ complainant: desk.requester.name, source: "open_request" });
  });

  it("'this is not OK' on an open request: its requester only, once at a time, not on a resolved one", async () => {
    const { id } = await fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title: "Door", description: "Stuck.", submissionKey: `key-${uid()}` } });
    const watcher = await actorOf((await seedPerson({ departmentId: desk.other.id })).id);
    await addWatcher({ actor: desk.requester, input: { requestId: id, personId: watcher.id } });
    await expectAppError(raiseComplaint({ actor: watcher, input: { requestId: id, summary: "Slow" } }), "FORBIDDEN");
    await expectAppError(raiseComplaint({ actor: otherHead, input: { requestId: id, summary: "Slow" } }), "NOT_FOUND");
    await expectAppError(raiseComplaint({ actor: desk.requester, input: { requestId: id, summary: "  " } }), "INVALID_INPUT");
    await raiseComplaint({ actor: desk.requester, input: { requestId: id, summary: "Nobody answers" } });
    await expectAppError(raiseComplaint({ actor: desk.requester, input: { requestId: id, summary: "Still nobody" } }), "CONFLICT");
    expect(await db().complaint.count({ where: { requestId: id } })).toBe(1);
  });
});

describe("published experience values", () => {
  it("come only with shown figures, as sums of the same ratings, and the goal beside them", async () => {
    const year = await isolatedYear();
    await db().department.update({ where: { id: desk.provider.id }, data: { satisfactionGoal: 90 } });
    const raters = await Promise.all(Array.from({ length: 6 }, async () => (await seedPerson({ departmentId: desk.other.id })).id));
    const at = new Date(`${year}-03-10T10:00:00Z`);
    const base = { providerId: desk.provider.id, typeId: desk.type.id, requesterDepartmentId: desk.other.id, at };
    await seedRatings([
      ...raters.map((requesterId, i) => ({ ...base, requesterId, score: i < 5 ? 5 : 2, comment: "x", timeLost: i < 5 ? "none" : "day", reasons: i < 5 ? ["fast"] : ["had_to_chase"] })),
      // A lone rating in May: its month is withheld, and so is every experience value of it.
      { ...base, requesterId: raters[0]!, score: 1, comment: "x", timeLost: "more_day", reasons: ["slow"], at: new Date(`${year}-05-10T10:00:00Z`) },
    ]);
    await publishYear(year);
    const { values } = await readExperience({
      actor: desk.head,
      figures: [
        { kind: "provider", departmentId: desk.provider.id, period: `${year}-03` },
        { kind: "provider", departmentId: desk.provider.id, period: `${year}-05` },
      ],
      now: new Date(`${Number(year) + 1}-02-01T00:00:00Z`),
    });
    expect(values[0]!.satisfaction).toMatchObject({ state: "shown", ratings: 6, satisfied: 5 });
    expect(values[0]!.experience).toMatchObject({ goalPercent: 90, goal: "missed", timeLostAnswers: 6, timeLostHours: 8, complaints: 1, reasonCounts: { fast: 5, had_to_chase: 1 } });
    expect(values[1]).toEqual({ satisfaction: { state: "withheld" }, experience: null });
    const leaked = await db().satisfactionFigure.count({
      where: { providerId: desk.provider.id, shown: false, OR: [{ timeLostAnswers: { not: null } }, { complaints: { not: null } }, { goalPercent: { not: null } }] },
    });
    expect(leaked).toBe(0);
  });
});

describe("time lost per request type", () => {
  it("is published per type through the same release: a small type is withheld, and so is the type that would be its complement", async () => {
    const year = await isolatedYear();
    const laptop = await db().requestType.create({ data: { departmentId: desk.provider.id, slug: `laptop-${uid()}`, name: "Laptop" } });
    const desk2 = await db().requestType.create({ data: { departmentId: desk.provider.id, slug: `desk-${uid()}`, name: "Desk move" } });
    const raters = await Promise.all(Array.from({ length: 8 }, async () => (await seedPerson({ departmentId: desk.other.id })).id));
    const base = { providerId: desk.provider.id, requesterDepartmentId: desk.other.id, score: 4, comment: "x" };
    const march = new Date(`${year}-03-10T10:00:00Z`);
    await seedRatings([
      // Six people on the desk's own type, six on laptops (a day lost each), two on desk moves.
      ...raters.slice(0, 6).map((requesterId) => ({ ...base, typeId: desk.type.id, requesterId, at: march, timeLost: "under_1h" })),
      ...raters.slice(2, 8).map((requesterId) => ({ ...base, typeId: laptop.id, requesterId, at: march, timeLost: "day" })),
      ...raters.slice(0, 2).map((requesterId) => ({ ...base, typeId: desk2.id, requesterId, at: march, timeLost: "more_day" })),
    ]);
    await publishYear(year);
    const now = new Date(`${Number(year) + 1}-02-01T00:00:00Z`);
    const figures = await db().satisfactionFigure.findMany({ where: { kind: "type", period: `${year}-03`, providerId: desk.provider.id }, select: { requestTypeId: true, shown: true, timeLostTenths: true } });
    const shown = new Map(figures.map((f) => [f.requestTypeId, f.shown ? f.timeLostTenths : null]));
    // The provider's March is shown (14 ratings, 8 people): with it, showing both big types would
    // give the two desk moves away (provider less both); the one checked first is shown.
    expect(shown.get(desk2.id)).toBeNull();
    expect([shown.get(desk.type.id), shown.get(laptop.id)].filter((v) => v !== null)).toHaveLength(1);

    const view = await timeLostByType({ actor: desk.head, period: `${year}-Q1`, departmentId: desk.provider.id, now });
    expect(view.periods).toEqual([`${year}-01`, `${year}-02`, `${year}-03`, `${year}-Q1`]);
    expect(view.rows).toHaveLength(1);
    const [row] = view.rows;
    const hours = row!.type.id === laptop.id ? 48 : 3;
    expect(row!.values[2]!.experience).toMatchObject({ timeLostAnswers: 6, timeLostHours: hours });
    expect(row!.values[0]).toEqual({ satisfaction: { state: "withheld" }, experience: null });
    // The quarter is the sum of its shown months.
    expect(row!.values[3]!.experience?.timeLostHours).toBe(hours);

    const org = await timeLostByType({ actor: hr, period: `${year}-03`, now });
    expect(org.rows.filter((r) => r.provider.id === desk.provider.id).map((r) => r.type.id)).toEqual([row!.type.id]);
    // HR may read one department's too.
    expect((await timeLostByType({ actor: hr, period: `${year}-03`, departmentId: desk.provider.id, now })).rows).toHaveLength(1);
  });

  it("is the department's head's, HR's and admins' only; bad input is refused", async () => {
    for (const actor of [desk.agent, otherHead, desk.requester]) await expectAppError(timeLostByType({ actor, period: "2026-03", departmentId: desk.provider.id }), "FORBIDDEN");
    // The whole organisation's is HR's.
    await expectAppError(timeLostByType({ actor: desk.head, period: "2026-03" }), "FORBIDDEN");
    await expectAppError(timeLostByType({ actor: desk.head, period: "2026-13", departmentId: desk.provider.id }), "INVALID_INPUT");
    await expectAppError(timeLostByType({ actor: hr, period: "2026-03", departmentId: "a\u0000b" }), "INVALID_INPUT");
  });
});

describe("time lost per request type at many types", () => {
  // A year's view asks for 13 periods a type: 600 types are 7,800 figures, past the 5,000 one read by
  // keys takes (it broke at 385 types). The figures are inserted as a release writes them
  // (append-only rows of published months); the release's own rules are tested above and in
  // tests/db/satisfaction*.
  it("reads every type's figures in one statement, shown and withheld alike", async () => {
    const year = await isolatedYear();
    const types = 600;
    const made = await db().requestType.createManyAndReturn({
      data: Array.from({ length: types }, (_, i) => ({ departmentId: desk.provider.id, slug: `bulk-${i}-${uid()}`, name: `Type ${String(i).padStart(4, "0")}` })),
      select: { id: true, name: true },
    });
    const publishedAt = new Date(`${Number(year) + 1}-01-01T01:00:00Z`);
    await db().satisfactionPublication.createMany({
      data: ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"].map((m) => ({ month: `${year}-${m}`, publishedAt, from: new Date(`${year}-${m}-01T00:00:00Z`), to: new Date(`${year}-${m}-28T00:00:00Z`) })),
      skipDuplicates: true,
    });
    const figure = (typeId: string, period: string, shown: boolean, tenths: number) => ({
      key: `type|${desk.provider.id}|${typeId}|${period}`,
      kind: "type",
      period,
      providerId: desk.provider.id,
      requestTypeId: typeId,
      shown,
      publishedAt,
      ...(shown ? { ratings: 6, satisfied: 5, scoreSum: 26, timeLostAnswers: 6, timeLostTenths: tenths, complaints: 0, followedUpInTime: 0, recovered: 0, reasonCounts: { fast: 2 } } : {}),
    });
    // Every type shown in March (i tenths of hours); even types also in January; odd ones withheld there.
    await db().satisfactionFigure.createMany({
      data: made.flatMap((t, i) => [figure(t.id, `${year}-03`, true, i), figure(t.id, `${year}-01`, i % 2 === 0, 10)]),
    });
    const now = new Date(`${Number(year) + 1}-01-15T00:00:00Z`);
    const { result: view, statements } = await statementsDuring(() => timeLostByType({ actor: desk.head, period: year, departmentId: desk.provider.id, now }));
    expect(view.periods).toHaveLength(13);
    expect(statements.filter((s) => s.includes('"SatisfactionFigure"'))).toHaveLength(1);
    expect(view.rows).toHaveLength(types);
    expect(view.rows.map((r) => r.type.name)).toEqual([...made.map((t) => t.name)].sort((a, b) => a.localeCompare(b)));
    const byName = new Map(view.rows.map((r) => [r.type.name, r]));
    const odd = byName.get("Type 0007")!;
    expect(odd.values[0]).toEqual({ satisfaction: { state: "withheld" }, experience: null });
    expect(odd.values[1]).toEqual({ satisfaction: { state: "withheld" }, experience: null });
    expect(odd.values[2]!.experience).toMatchObject({ timeLostAnswers: 6, timeLostHours: 0.7, reasonCounts: { fast: 2 } });
    expect(odd.values[2]!.satisfaction).toMatchObject({ state: "shown", ratings: 6, percent: 83.3 });
    expect(byName.get("Type 0500")!.values[0]!.experience?.timeLostHours).toBe(1);
    // The year is published with its last month (none stored here: withheld, never a sum made up by the read).
    expect(odd.values[12]).toEqual({ satisfaction: { state: "withheld" }, experience: null });

    // The same statement count at one type as at 600: the read does not grow with the types.
    const single = await db().requestType.create({ data: { departmentId: desk.other.id, slug: `one-${uid()}`, name: "Only one" } });
    await db().satisfactionFigure.createMany({ data: [{ ...figure(single.id, `${year}-03`, true, 30), key: `type|${desk.other.id}|${single.id}|${year}-03`, providerId: desk.other.id }] });
    const one = await statementsDuring(() => timeLostByType({ actor: hr, period: year, departmentId: desk.other.id, now }));
    expect(one.result.rows).toHaveLength(1);
    expect(one.statements.length).toBe(statements.length);

    // HR's whole-organisation view of the month lists all of them too.
    const org = await timeLostByType({ actor: hr, period: `${year}-03`, now });
    expect(org.rows.filter((r) => r.provider.id === desk.provider.id)).toHaveLength(types);
  });
});

describe("what to expect before filing", () => {
  it("is computed from decided clocks of the last 90 days, per type, and says 'too little history' below 20", async () => {
    const { computeExpectations } = await import("@/lib/experience/compute-expectations");
    const { readExpectationFigures, readExpectations } = await import("@/lib/experience/read-expectations");
    const calendar = await seedPolicies(desk.provider.id, [{ firstResponse: 240, resolution: 960 }]);
    const policy = await db().slaPolicy.findFirstOrThrow({ where: { calendarId: calendar.id } });
    const now = new Date();
    const quiet = await db().requestType.create({ data: { departmentId: desk.provider.id, slug: `quiet-${uid()}`, name: "Quiet" } });
    for (let i = 0; i < 25; i++) {
      const { requestSeq } = await db().department.update({ where: { id: desk.provider.id }, data: { requestSeq: { increment: 1 } }, select: { requestSeq: true } });
      const at = new Date(now.getTime() - (i + 1) * 86_400_000);
      const request = await db().request.create({
        data: { departmentId: desk.provider.id, number: requestSeq, typeId: i < 22 ? desk.type.id : quiet.id, title: "t", description: "d", status: "RESOLVED", priority: "NORMAL", requesterId: desk.requester.id, requesterDepartmentId: desk.other.id, submissionKey: `x-${uid()}`, createdAt: at, resolvedAt: at },
      });
      const clock = { requestId: request.id, departmentId: desk.provider.id, cycle: 1, policyId: policy.id, state: "MET" as const, paused: false, startedAt: at, stoppedAt: at, computedAt: at };
      // First responses of 10..220 minutes; resolutions of 100..2,200 (the 80th percentile ~ 1,780).
      await db().slaClock.create({ data: { ...clock, metric: "FIRST_RESPONSE", targetMinutes: 240, elapsedMinutes: (i + 1) * 10 } });
      await db().slaClock.create({ data: { ...clock, metric: "RESOLUTION", targetMinutes: 960, elapsedMinutes: (i + 1) * 100 } });
    }
    await computeExpectations(db(), { now });
    const stored = await db().requestTypeExpectation.findUniqueOrThrow({ where: { requestTypeId: desk.type.id } });
    expect(stored).toMatchObject({ requests: 22, firstResponseCount: 22, resolutionCount: 22 });
    expect(stored.firstResponseP50).toBeCloseTo(115);
    // A run 80 days later replaces the cached row (one INSERT … ON CONFLICT for every type): only
    // the clocks of the last 10 days are left in its window, too few for a figure.
    const later = new Date(now.getTime() + 80 * 86_400_000);
    await computeExpectations(db(), { now: later });
    expect(await db().requestTypeExpectation.findUniqueOrThrow({ where: { requestTypeId: desk.type.id } })).toMatchObject({ computedAt: later, requests: 10, firstResponseCount: 10, firstResponseP50: null });
    await computeExpectations(db(), { now });
    const read = await readExpectations({ actor: desk.requester, typeIds: [desk.type.id, quiet.id] });
    expect(read.get(desk.type.id)?.history).toMatch(/^Usually answered within 2 working hours; 80 % resolved within \d working days \(last 90 days, 22 requests\)$/);
    expect(read.get(desk.type.id)?.target).toBe("Target: first reply within 4 working hours, resolution within 16 working hours");
    expect(read.get(quiet.id)).toMatchObject({ history: null, tooLittle: true });
    // What the catalogue hands to the browser: the same figures, in whole minutes rounded up.
    const figures = await readExpectationFigures({ actor: desk.requester, typeIds: [desk.type.id] });
    expect(figures.get(desk.type.id)).toEqual([90, 22, Math.ceil(stored.firstResponseP50!), Math.ceil(stored.resolutionP80!), stored.dayMinutes, 240, 960]);
    // A switched-off policy applies to no request, so it promises nothing before filing either.
    await db().slaPolicy.update({ where: { id: policy.id }, data: { active: false } });
    expect((await readExpectationFigures({ actor: desk.requester, typeIds: [desk.type.id] })).get(desk.type.id)?.slice(5)).toEqual([null, null]);
    await db().slaPolicy.update({ where: { id: policy.id }, data: { active: true } });
  });
});

describe("experience settings and views", () => {
  it("the head sets goals and reasons; agents, HR and other heads may not; bad input changes nothing", async () => {
    const { setSatisfactionGoal, setRatingReasons } = await import("@/lib/experience/experience-settings");
    for (const actor of [desk.agent, hr, otherHead]) {
      await expectAppError(setSatisfactionGoal({ actor, input: { departmentId: desk.provider.id, goal: 70, slaGoal: 80 } }), "FORBIDDEN");
      await expectAppError(setRatingReasons({ actor, input: { departmentId: desk.provider.id, positive: "Quick", negative: "Slow" } }), "FORBIDDEN");
    }
    await expectAppError(setSatisfactionGoal({ actor: desk.head, input: { departmentId: desk.provider.id, goal: 0, slaGoal: 80 } }), "INVALID_INPUT");
    await expectAppError(setRatingReasons({ actor: desk.head, input: { departmentId: desk.provider.id, positive: "", negative: "Slow" } }), "INVALID_INPUT");
    expect(await db().department.findUniqueOrThrow({ where: { id: desk.provider.id } })).toMatchObject({ satisfactionGoal: 85, slaGoal: 90, ratingReasons: null });
    await setSatisfactionGoal({ actor: desk.head, input: { departmentId: desk.provider.id, goal: "70", slaGoal: "80" } });
    await setRatingReasons({ actor: desk.head, input: { departmentId: desk.provider.id, positive: "Fast\nQuiet", negative: "Slow" } });
    expect(await db().department.findUniqueOrThrow({ where: { id: desk.provider.id } })).toMatchObject({
      satisfactionGoal: 70,
      slaGoal: 80,
      ratingReasons: [{ key: "fast", label: "Fast", band: "positive" }, { key: "quiet", label: "Quiet", band: "positive" }, { key: "slow", label: "Slow", band: "negative" }],
    });
  });

  it("the experience view and the at-risk list are the head's only", async () => {
    const { departmentExperience } = await import("@/lib/experience/department-experience");
    const { atRiskRequests } = await import("@/lib/experience/at-risk");
    for (const actor of [desk.agent, hr, otherHead, desk.requester]) {
      await expectAppError(departmentExperience({ actor, departmentKey: desk.provider.key }), "FORBIDDEN");
      await expectAppError(atRiskRequests({ actor, departmentKey: desk.provider.key }), "FORBIDDEN");
    }
    const { id } = await fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title: "Old", description: "Waiting.", submissionKey: `key-${uid()}` } });
    await db().$executeRaw`UPDATE "Request" SET "createdAt" = now() - interval '10 days' WHERE id = ${id}`;
    const { requests } = await atRiskRequests({ actor: desk.head, departmentKey: desk.provider.key });
    expect(requests.find((r) => r.id === id)?.reasons).toEqual(["long_wait"]);
    const view = await departmentExperience({ actor: desk.head, departmentKey: desk.provider.key, period: "2026" });
    expect(view.rows.map((r) => r.key)).toEqual([...Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`), "2026"]);
  });
});
