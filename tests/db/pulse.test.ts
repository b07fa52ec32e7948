import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createPool, createPrismaClient, type Db } from "@/lib/db/create-client";
import { listNotifications } from "@/lib/notifications/my-notifications";
import { fileRequest } from "@/lib/requests/file-request";
import { answerPulse } from "@/lib/satisfaction/answer-pulse";
import { createPulseSurvey } from "@/lib/satisfaction/create-pulse-survey";
import { monthOf } from "@/lib/satisfaction/figure-periods";
import { closePulseRound, deactivatePulseSurvey, listPulseSurveys } from "@/lib/satisfaction/manage-pulse-surveys";
import { listMyPulse } from "@/lib/satisfaction/my-pulse";
import { openDuePulseRounds } from "@/lib/satisfaction/open-pulse-rounds";
import { publishPulseRounds } from "@/lib/satisfaction/publish-pulse";
import { publicationGraceMs } from "@/lib/satisfaction/publish-satisfaction";
import { readPulseResults } from "@/lib/satisfaction/read-pulse-results";
import { actorOf, seedDepartment, seedDesk, seedPerson, seedRequestType, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";

type Desk = Awaited<ReturnType<typeof seedDesk>>;
type Actor = Desk["agent"];

const url = process.env.DATABASE_URL!;
const embedded = process.env.DESK_EMBEDDED === "true";
const thisMonth = monthOf(new Date());

let desk: Desk;
let hr: Actor;
let extraClients: Db[] = [];

async function person(departmentId: string, roles: Parameters<typeof seedPerson>[0]["roles"] = []) {
  return actorOf((await seedPerson({ departmentId, roles })).id);
}

async function file(requester: Actor, typeId = desk.type.id) {
  await fileRequest({ actor: requester, input: { typeId, title: "Door sticks", description: "Room 1.12", submissionKey: `k-${uid()}` } });
}

/** A survey of the provider by its head, about this month, with its round open now. */
async function providerSurvey(actor: Actor = desk.head) {
  const created = await createPulseSurvey({ actor, input: { scope: desk.provider.id, cadence: "ONCE", period: thisMonth } });
  expect(created.roundId).not.toBeNull();
  return created.roundId!;
}

beforeEach(async () => {
  desk = await seedDesk();
  hr = await person(desk.other.id, [{ role: "HR" }]);
});

afterEach(async () => {
  await Promise.all(extraClients.map((c) => c.$disconnect()));
  extraClients = [];
});

describe("creating a pulse survey", () => {
  it("lets HR survey the whole organisation and opens the first round at once, with a notice and an email for each person asked", async () => {
    await file(desk.requester);
    const { surveyId, roundId } = await createPulseSurvey({ actor: hr, input: { scope: "organisation", cadence: "MONTHLY", period: thisMonth } });
    const survey = await db().pulseSurvey.findUniqueOrThrow({ where: { id: surveyId } });
    expect(survey).toMatchObject({ departmentId: null, cadence: "MONTHLY", active: true });
    // The next round asks about next month, once it is over.
    const next = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 1));
    expect(survey.nextPeriod).toBe(monthOf(next));
    expect(survey.nextRunAt).toEqual(new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 1)));

    const invitations = await db().pulseInvitation.findMany({ where: { roundId: roundId!, personId: { in: [desk.requester.id, hr.id, desk.agent.id] } } });
    // HR's own department filed the request, so HR (as an employee) is asked too; the provider's people are not.
    expect(invitations.map((i) => [i.personId, i.ratedDepartmentId]).sort()).toEqual([[desk.requester.id, desk.provider.id], [hr.id, desk.provider.id]].sort());
    const notices = await listNotifications({ actor: desk.requester });
    expect(notices.filter((n) => n.kind === "pulse_survey").map((n) => n.href)).toEqual(["/pulse"]);
    const mails = await db().emailDelivery.findMany({ where: { personId: desk.requester.id, kind: "pulse_survey" } });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toMatch(/\/pulse$/);
    expect(await db().notification.count({ where: { personId: desk.agent.id, kind: "pulse_survey" } })).toBe(0);
  });

  it("lets a head survey only their own department; agents and employees are refused", async () => {
    const roundId = await providerSurvey();
    expect(await db().pulseRound.count({ where: { id: roundId } })).toBe(1);
    const otherHead = await person(desk.other.id, [{ role: "HEAD", departmentId: desk.other.id }]);
    const before = await db().pulseSurvey.count();
    await expectAppError(createPulseSurvey({ actor: otherHead, input: { scope: desk.provider.id, cadence: "ONCE", period: thisMonth } }), "FORBIDDEN");
    await expectAppError(createPulseSurvey({ actor: desk.head, input: { scope: "organisation", cadence: "ONCE", period: thisMonth } }), "FORBIDDEN");
    await expectAppError(createPulseSurvey({ actor: desk.agent, input: { scope: desk.provider.id, cadence: "ONCE", period: thisMonth } }), "FORBIDDEN");
    await expectAppError(createPulseSurvey({ actor: desk.requester, input: { scope: "organisation", cadence: "ONCE", period: thisMonth } }), "FORBIDDEN");
    expect(await db().pulseSurvey.count()).toBe(before);
  });

  it("refuses bad input with a clear message and creates nothing", async () => {
    const before = await db().pulseSurvey.count();
    const cases = [
      { scope: "organisation", cadence: "MONTHLY", period: "2026-Q1" },
      { scope: "organisation", cadence: "QUARTERLY", period: "2026-01" },
      { scope: "organisation", cadence: "WEEKLY", period: "2026-01" },
      { scope: "organisation", cadence: "ONCE", period: "2026-01-05" },
      { scope: "organisation", cadence: "ONCE", period: "2026-01", openDays: 0 },
      { scope: "organisation", cadence: "ONCE", period: `${new Date().getUTCFullYear() + 1}-01` },
      { scope: "", cadence: "ONCE", period: "2026-01" },
    ];
    for (const input of cases) {
      const error = await expectAppError(createPulseSurvey({ actor: hr, input: input as never }), "INVALID_INPUT");
      expect(error.userMessage).not.toBe("");
    }
    await expectAppError(createPulseSurvey({ actor: hr, input: { scope: "no-such-department", cadence: "ONCE", period: thisMonth } }), "NOT_FOUND");
    expect(await db().pulseSurvey.count()).toBe(before);
  });
});

describe("who is asked", () => {
  it("asks every active person of each department that filed a request to the rated department in the period, about that department alone", async () => {
    const colleague = await person(desk.other.id);
    const inactive = await seedPerson({ departmentId: desk.other.id, active: false });
    const quiet = await seedDepartment();
    const quietPerson = await person(quiet.id);
    const third = await seedDepartment();
    const thirdPerson = await person(third.id);
    const thirdType = await seedRequestType({ departmentId: third.id });
    await file(desk.requester);
    // A request to another department is about that department, not the surveyed one.
    await file(desk.requester, thirdType.id);
    // The provider's own people filing to their own department never rate themselves.
    await file(desk.agent);
    // A request filed before the served period does not count.
    await file(thirdPerson);
    await db().request.updateMany({ where: { requesterId: thirdPerson.id }, data: { createdAt: new Date("2020-01-15T00:00:00Z") } });

    const roundId = await providerSurvey();
    const asked = await db().pulseInvitation.findMany({ where: { roundId } });
    expect(asked.map((i) => i.personId).sort()).toEqual([desk.requester.id, desk.outsiderAgent.id, colleague.id, hr.id].sort());
    expect(new Set(asked.map((i) => i.ratedDepartmentId))).toEqual(new Set([desk.provider.id]));
    for (const id of [inactive.id, quietPerson.id, thirdPerson.id, desk.agent.id, desk.head.id]) expect(asked.some((i) => i.personId === id)).toBe(false);

    const mine = await listMyPulse({ actor: colleague });
    expect(mine).toEqual([expect.objectContaining({ roundId, period: thisMonth, departments: [{ id: desk.provider.id, name: desk.provider.name, answeredAt: null }] })]);
    expect(await listMyPulse({ actor: quietPerson })).toEqual([]);
  });
});

describe("answering", () => {
  it("takes one answer per department, never changed, and tells the respondent they already answered", async () => {
    await file(desk.requester);
    const roundId = await providerSurvey();
    await answerPulse({ actor: desk.requester, input: { roundId, departmentId: desk.provider.id, score: "4" } });
    await expectAppError(answerPulse({ actor: desk.requester, input: { roundId, departmentId: desk.provider.id, score: 5 } }), "CONFLICT");
    const answers = await db().pulseResponse.findMany({ where: { roundId } });
    expect(answers).toMatchObject([{ respondentId: desk.requester.id, respondentDepartmentId: desk.other.id, ratedDepartmentId: desk.provider.id, score: 4, comment: null }]);
    expect((await listMyPulse({ actor: desk.requester }))[0]!.departments[0]!.answeredAt).toBeInstanceOf(Date);
    // The database refuses changes, whoever asks.
    await expect(db().pulseResponse.update({ where: { id: answers[0]!.id }, data: { score: 1 } })).rejects.toThrow();
    await expect(db().pulseResponse.delete({ where: { id: answers[0]!.id } })).rejects.toThrow();
    expect(await db().pulseResponse.findUniqueOrThrow({ where: { id: answers[0]!.id } })).toMatchObject({ score: 4 });
  });

  it("requires a comment at 1 or 2 and refuses bad input, storing nothing", async () => {
    await file(desk.requester);
    const roundId = await providerSurvey();
    const bad = [
      { roundId, departmentId: desk.provider.id, score: 2 },
      { roundId, departmentId: desk.provider.id, score: 1, comment: "   " },
      { roundId, departmentId: desk.provider.id },
      { roundId, departmentId: desk.provider.id, score: 6 },
      { roundId, departmentId: desk.provider.id, score: "three" },
      { roundId, departmentId: desk.provider.id, score: 3, comment: "x".repeat(5001) },
    ];
    for (const input of bad) await expectAppError(answerPulse({ actor: desk.requester, input: input as never }), "INVALID_INPUT");
    const low = await expectAppError(answerPulse({ actor: desk.requester, input: { roundId, departmentId: desk.provider.id, score: 2 } }), "INVALID_INPUT");
    expect(low.fieldErrors?.comment).toBeDefined();
    expect(await db().pulseResponse.count({ where: { roundId } })).toBe(0);
    await answerPulse({ actor: desk.requester, input: { roundId, departmentId: desk.provider.id, score: 2, comment: "Took three weeks" } });
    expect(await db().pulseResponse.count({ where: { roundId } })).toBe(1);
  });

  it("refuses rating one's own department, a department not asked about, someone else's question and a closed round", async () => {
    await file(desk.requester);
    const roundId = await providerSurvey();
    await expectAppError(answerPulse({ actor: desk.agent, input: { roundId, departmentId: desk.provider.id, score: 5 } }), "INVALID_INPUT");
    await expectAppError(answerPulse({ actor: desk.requester, input: { roundId, departmentId: desk.other.id, score: 5 } }), "INVALID_INPUT");
    const third = await seedDepartment();
    await expectAppError(answerPulse({ actor: desk.requester, input: { roundId, departmentId: third.id, score: 5 } }), "NOT_FOUND");
    const stranger = await person((await seedDepartment()).id);
    await expectAppError(answerPulse({ actor: stranger, input: { roundId, departmentId: desk.provider.id, score: 5 } }), "NOT_FOUND");
    await closePulseRound({ actor: desk.head, input: { roundId } });
    await expectAppError(answerPulse({ actor: desk.requester, input: { roundId, departmentId: desk.provider.id, score: 5 } }), "CONFLICT");
    expect(await listMyPulse({ actor: desk.requester })).toEqual([]);
    expect(await db().pulseResponse.count({ where: { roundId } })).toBe(0);
  });
});

describe("managing surveys", () => {
  it("lists, closes and stops only the surveys the actor manages", async () => {
    await file(desk.requester);
    const roundId = await providerSurvey();
    const surveyId = (await db().pulseRound.findUniqueOrThrow({ where: { id: roundId } })).surveyId;
    const otherHead = await person(desk.other.id, [{ role: "HEAD", departmentId: desk.other.id }]);
    expect((await listPulseSurveys({ actor: desk.head })).map((s) => s.id)).toContain(surveyId);
    expect((await listPulseSurveys({ actor: hr })).map((s) => s.id)).toContain(surveyId);
    expect((await listPulseSurveys({ actor: otherHead })).map((s) => s.id)).not.toContain(surveyId);
    await expectAppError(listPulseSurveys({ actor: desk.agent }), "FORBIDDEN");
    await expectAppError(closePulseRound({ actor: otherHead, input: { roundId } }), "NOT_FOUND");
    await expectAppError(deactivatePulseSurvey({ actor: otherHead, input: { surveyId } }), "NOT_FOUND");
    await expectAppError(closePulseRound({ actor: desk.requester, input: { roundId } }), "FORBIDDEN");
    await expectAppError(closePulseRound({ actor: hr, input: { roundId: "" } }), "INVALID_INPUT");
    expect((await db().pulseRound.findUniqueOrThrow({ where: { id: roundId } })).closesAt.getTime()).toBeGreaterThan(Date.now());

    await closePulseRound({ actor: hr, input: { roundId } });
    await expectAppError(closePulseRound({ actor: hr, input: { roundId } }), "CONFLICT");
    await deactivatePulseSurvey({ actor: desk.head, input: { surveyId } });
    expect(await db().pulseSurvey.findUniqueOrThrow({ where: { id: surveyId } })).toMatchObject({ active: false, nextRunAt: null });
    await expectAppError(deactivatePulseSurvey({ actor: desk.head, input: { surveyId } }), "CONFLICT");
  });

  it("leaves HR's survey about a department out of its head's reach: the head can neither close nor stop it", async () => {
    await file(desk.requester);
    const roundId = await providerSurvey(hr);
    const surveyId = (await db().pulseRound.findUniqueOrThrow({ where: { id: roundId } })).surveyId;
    expect((await listPulseSurveys({ actor: desk.head })).map((s) => s.id)).not.toContain(surveyId);
    await expectAppError(closePulseRound({ actor: desk.head, input: { roundId } }), "NOT_FOUND");
    await expectAppError(deactivatePulseSurvey({ actor: desk.head, input: { surveyId } }), "NOT_FOUND");
    expect((await db().pulseRound.findUniqueOrThrow({ where: { id: roundId } })).closesAt.getTime()).toBeGreaterThan(Date.now());
    expect(await db().pulseSurvey.findUniqueOrThrow({ where: { id: surveyId } })).toMatchObject({ active: true });
    await deactivatePulseSurvey({ actor: hr, input: { surveyId } });
  });
});

describe("opening rounds", () => {
  /** Job workers of separate app instances: on PostgreSQL each with connections of its own. */
  function worker(): Db {
    if (embedded) return db();
    const pool = createPool({ url, embedded: false, poolMax: 3 });
    const client = createPrismaClient({ url, embedded: false, pool });
    extraClients.push(client);
    return client;
  }

  it("opens each round exactly once when workers race, and moves a recurring survey to its next period", async () => {
    const colleague = await person(desk.other.id);
    await file(desk.requester);
    const due = new Date(Date.now() - 60_000);
    const surveys = await Promise.all(
      [0, 1, 2].map(() =>
        db().pulseSurvey.create({ data: { createdById: desk.head.id, departmentId: desk.provider.id, cadence: "MONTHLY", nextPeriod: thisMonth, nextRunAt: due } }),
      ),
    );
    const workers = [worker(), worker()];
    const results = await Promise.all([0, 1, 2, 3].map((i) => openDuePulseRounds(workers[i % 2]!, { baseUrl: "http://desk.test" })));
    const opened = results.flatMap((r) => r.opened).filter((o) => surveys.some((s) => s.id === o.surveyId));
    expect(opened.map((o) => o.surveyId).sort()).toEqual(surveys.map((s) => s.id).sort());
    const rounds = await db().pulseRound.findMany({ where: { surveyId: { in: surveys.map((s) => s.id) } } });
    expect(rounds).toHaveLength(3);
    expect(new Set(rounds.map((r) => r.period))).toEqual(new Set([thisMonth]));
    // One notice per survey for each person asked, not one per worker.
    expect(await db().notification.count({ where: { personId: colleague.id, kind: "pulse_survey" } })).toBe(3);
    expect(await db().emailDelivery.count({ where: { personId: colleague.id, kind: "pulse_survey" } })).toBe(3);
    for (const s of surveys) {
      const after = await db().pulseSurvey.findUniqueOrThrow({ where: { id: s.id } });
      expect(after.nextPeriod).not.toBe(thisMonth);
      expect(after.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
    }
    // Nothing is due any more: another pass opens nothing.
    const again = await openDuePulseRounds(db(), { baseUrl: "http://desk.test" });
    expect(again.opened.filter((o) => surveys.some((s) => s.id === o.surveyId))).toEqual([]);
  });

  it("never opens a second round for a period that already has one", async () => {
    await file(desk.requester);
    const roundId = await providerSurvey();
    const { surveyId } = await db().pulseRound.findUniqueOrThrow({ where: { id: roundId } });
    // As if a worker had read the survey before the first round was opened.
    await db().pulseSurvey.update({ where: { id: surveyId }, data: { nextPeriod: thisMonth, nextRunAt: new Date(Date.now() - 1000) } });
    const { opened } = await openDuePulseRounds(db(), { baseUrl: "http://desk.test", surveyId });
    expect(opened).toEqual([]);
    expect(await db().pulseRound.count({ where: { surveyId } })).toBe(1);
    expect(await db().notification.count({ where: { personId: desk.requester.id, kind: "pulse_survey" } })).toBe(1);
  });
});

describe("results", () => {
  /** `n` people of a new department, each of whom filed a request to the provider. */
  async function respondents(n: number) {
    const department = await seedDepartment();
    const people: Actor[] = [];
    for (let i = 0; i < n; i++) {
      const p = await person(department.id);
      await file(p);
      people.push(p);
    }
    return { department, people };
  }

  /** Closes a round and publishes it as the job would once the grace after closing has passed. */
  async function closeAndPublish(roundId: string) {
    await closePulseRound({ actor: hr, input: { roundId } });
    const { published } = await publishPulseRounds(db(), { now: new Date(Date.now() + publicationGraceMs + 1000) });
    expect(published).toContain(roundId);
  }

  it("shows nothing while the round is open, publishes once when it closes, shows nothing under the threshold and suppresses the complement", async () => {
    const big = await respondents(5);
    const small = await respondents(1);
    const roundId = await providerSurvey(hr);
    for (const p of big.people) await answerPulse({ actor: p, input: { roundId, departmentId: desk.provider.id, score: 5 } });

    // While the round is open, no figure and no count: each new answer would move one by exactly one.
    const open = (await readPulseResults({ actor: hr, roundId })).rounds[0]!;
    expect(open.total).toMatchObject({ state: "pending" });
    const pairOf = (view: typeof open, departmentId: string) => view.pairs.find((p) => p.respondentDepartment.id === departmentId)?.value;
    expect(pairOf(open, big.department.id)).toMatchObject({ state: "pending" });

    // One more respondent from another department: the department total minus the big pair would be them.
    await answerPulse({ actor: small.people[0]!, input: { roundId, departmentId: desk.provider.id, score: 1, comment: "Never answered" } });
    await closeAndPublish(roundId);
    const after = (await readPulseResults({ actor: hr, roundId })).rounds[0]!;
    expect(pairOf(after, small.department.id)).toEqual({ state: "withheld" });
    // Published once: a second run publishes nothing, and the figures stay as they are.
    expect((await publishPulseRounds(db(), { now: new Date(Date.now() + publicationGraceMs + 2000) })).published).not.toContain(roundId);
    expect((await readPulseResults({ actor: hr, roundId })).rounds[0]).toEqual(after);
    const shown = [after.total, ...after.received.map((r) => r.value), ...after.given.map((g) => g.value), ...after.pairs.map((p) => p.value)].filter((v) => v?.state === "shown");
    // Whatever is shown, no two shown figures differ by the single answer.
    const counts = shown.map((v) => (v.state === "shown" ? v.ratings : 0));
    for (const a of counts) for (const b of counts) expect(Math.abs(a - b)).not.toBe(1);
    expect(pairOf(after, big.department.id)?.state === "shown" && after.received[0]!.value.state === "shown").toBe(false);
  });

  it("shows a head only figures about their own department; agents and employees are refused", async () => {
    const group = await respondents(2);
    const roundId = await providerSurvey(hr);
    await answerPulse({ actor: group.people[0]!, input: { roundId, departmentId: desk.provider.id, score: 3 } });
    await closeAndPublish(roundId);
    const headView = await readPulseResults({ actor: desk.head, roundId });
    expect(headView.minRaters).toBeGreaterThanOrEqual(3);
    const round = headView.rounds[0]!;
    expect(round.total).toBeNull();
    expect(round.given).toEqual([]);
    expect(round.received).toEqual([{ department: { id: desk.provider.id, name: desk.provider.name }, value: { state: "withheld" } }]);
    expect(round.pairs.every((p) => p.ratedDepartment.id === desk.provider.id)).toBe(true);

    const otherHead = await person(group.department.id, [{ role: "HEAD", departmentId: group.department.id }]);
    await expectAppError(readPulseResults({ actor: otherHead, roundId }), "NOT_FOUND");
    await expectAppError(readPulseResults({ actor: desk.agent }), "FORBIDDEN");
    await expectAppError(readPulseResults({ actor: group.people[0]! }), "FORBIDDEN");
  });
});
