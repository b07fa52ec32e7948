import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { defaultReasons } from "@/lib/experience/reasons";
import { satisfactionTrend } from "@/lib/reports/satisfaction-trend";
import { addWatcher } from "@/lib/requests/add-watcher";
import { fileRequest } from "@/lib/requests/file-request";
import { reopenRequest } from "@/lib/requests/reopen-request";
import { updateRequest } from "@/lib/requests/update-request";
import { minRatersForAggregate } from "@/lib/satisfaction/anonymity";
import { rateRequest } from "@/lib/satisfaction/rate-request";
import { ratingLinkKey, signRatingLink, verifyRatingLink } from "@/lib/satisfaction/rating-link";
import { ratingLinkTarget, ratingPrompt, rateWithLink } from "@/lib/satisfaction/rating-prompt";
import { actorOf, seedDesk, seedPerson, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";
import { isolatedYear, publishYear, seedRatings } from "../support/ratings";

// Rating links are signed with a key derived from NEXTAUTH_SECRET; env() reads it on first use.
vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET ??= "test-secret-for-rating-links-0123456789";
});

type Desk = Awaited<ReturnType<typeof seedDesk>>;
type Actor = Desk["agent"];
const DAY_MS = 24 * 60 * 60 * 1000;


async function file(desk: Desk, requester: Actor = desk.requester) {
  const filed = await fileRequest({
    actor: requester,
    input: { typeId: desk.type.id, title: "Projector flickers", description: "In room 2.04.", submissionKey: `key-${uid()}` },
  });
  return filed.id;
}

const version = async (id: string) => (await db().request.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

async function setStatus(desk: Desk, id: string, status: "OPEN" | "RESOLVED" | "CLOSED") {
  await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: await version(id), status } });
}

async function resolved(desk: Desk, requester: Actor = desk.requester) {
  const id = await file(desk, requester);
  await setStatus(desk, id, "RESOLVED");
  return id;
}

async function reopen(desk: Desk, id: string) {
  await reopenRequest({ actor: desk.requester, input: { requestId: id, expectedVersion: await version(id), reason: "Still flickers" } });
}

/** The token of the latest survey email to this person about this request. */
async function emailedToken(personId: string, requestId: string) {
  const mail = await db().emailDelivery.findFirstOrThrow({ where: { personId, requestId, kind: "rating_request" }, orderBy: { createdAt: "desc" } });
  const match = /\/rate\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(mail.text);
  expect(match).not.toBeNull();
  return match![1]!;
}

const ratingsOf = (requestId: string) => db().rating.findMany({ where: { requestId }, orderBy: { cycle: "asc" } });

let desk: Desk;
let watcher: Actor;
let colleague: Actor;
beforeEach(async () => {
  desk = await seedDesk();
  watcher = await actorOf((await seedPerson({ departmentId: desk.other.id })).id);
  colleague = await actorOf((await seedPerson({ departmentId: desk.other.id })).id);
});

describe("asking for a rating", () => {
  it("asks the requester alone, in the app and by email with a signed link, when the request is resolved", async () => {
    const id = await file(desk);
    await addWatcher({ actor: desk.requester, input: { requestId: id, personId: watcher.id } });
    expect(await db().notification.count({ where: { requestId: id, kind: "rating_request" } })).toBe(0);
    await setStatus(desk, id, "RESOLVED");

    const notices = await db().notification.findMany({ where: { requestId: id, kind: "rating_request" } });
    expect(notices.map((n) => n.personId)).toEqual([desk.requester.id]);
    const mails = await db().emailDelivery.findMany({ where: { requestId: id, kind: "rating_request" } });
    expect(mails.map((m) => m.personId)).toEqual([desk.requester.id]);
    const check = verifyRatingLink(await emailedToken(desk.requester.id, id), ratingLinkKey());
    expect(check.ok && check.claims).toMatchObject({ requestId: id, cycle: 1, personId: desk.requester.id });
  });

  it("shows the form to the requester only, and staff see nothing about ratings on the request", async () => {
    const id = await file(desk);
    expect(await ratingPrompt({ actor: desk.requester, requestId: id })).toBeNull();
    await setStatus(desk, id, "RESOLVED");
    expect(await ratingPrompt({ actor: desk.requester, requestId: id })).toEqual({ state: "ask", cycle: 1, reasons: defaultReasons });
    await rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 1, score: 5 } });
    expect(await ratingPrompt({ actor: desk.requester, requestId: id })).toMatchObject({ state: "rated", rating: { score: 5, cycle: 1 } });
    for (const staff of [desk.agent, desk.head]) expect(await ratingPrompt({ actor: staff, requestId: id })).toBeNull();
    // Rating writes no request event: the log is read by agents.
    expect(await db().requestEvent.count({ where: { requestId: id, type: { notIn: ["created", "status_changed"] } } })).toBe(0);
  });
});

describe("rating", () => {
  it("only the requester may rate: agent, head and watcher are refused, another employee does not find it", async () => {
    const id = await file(desk);
    await addWatcher({ actor: desk.requester, input: { requestId: id, personId: watcher.id } });
    await setStatus(desk, id, "RESOLVED");
    const input = { requestId: id, cycle: 1, score: 4 };
    await expectAppError(rateRequest({ actor: desk.agent, input }), "FORBIDDEN");
    await expectAppError(rateRequest({ actor: desk.head, input }), "FORBIDDEN");
    await expectAppError(rateRequest({ actor: watcher, input }), "FORBIDDEN");
    await expectAppError(rateRequest({ actor: colleague, input }), "NOT_FOUND");
    await expectAppError(rateRequest({ actor: desk.outsiderAgent, input }), "NOT_FOUND");
    expect(await ratingsOf(id)).toHaveLength(0);
  });

  it("nothing to rate before the request is resolved", async () => {
    const id = await file(desk);
    await expectAppError(rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 1, score: 5 } }), "CONFLICT");
    await setStatus(desk, id, "OPEN");
    await expectAppError(rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 1, score: 5 } }), "CONFLICT");
    expect(await ratingsOf(id)).toHaveLength(0);
  });

  it("requires a score and, at 1 or 2, a comment; nothing is saved otherwise", async () => {
    const id = await resolved(desk);
    const missing = await expectAppError(rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 1, score: undefined } }), "INVALID_INPUT");
    expect(missing.fieldErrors?.score).toBeDefined();
    for (const score of [1, 2]) {
      for (const comment of [undefined, "", "   "]) {
        const e = await expectAppError(rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 1, score, comment } }), "INVALID_INPUT");
        expect(e.fieldErrors?.comment?.[0]).toMatch(/comment is required/);
      }
    }
    await expectAppError(rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 1, score: 6 } }), "INVALID_INPUT");
    expect(await ratingsOf(id)).toHaveLength(0);

    await rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 1, score: 2, comment: " Took three visits " } });
    expect(await ratingsOf(id)).toMatchObject([{ cycle: 1, score: 2, comment: "Took three visits", requesterId: desk.requester.id, departmentId: desk.provider.id }]);
  });

  it("a comment is optional from 3 up", async () => {
    const id = await resolved(desk);
    await rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 1, score: 3 } });
    expect(await ratingsOf(id)).toMatchObject([{ score: 3, comment: null }]);
  });

  it("one rating per cycle: a second submit is told it is rated, a double submit files one", async () => {
    const id = await resolved(desk);
    const input = { requestId: id, cycle: 1, score: 5 };
    const results = await Promise.allSettled([rateRequest({ actor: desk.requester, input }), rateRequest({ actor: desk.requester, input })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT", userMessage: expect.stringMatching(/already rated/) });
    const again = await expectAppError(rateRequest({ actor: desk.requester, input: { ...input, score: 1, comment: "changed my mind" } }), "CONFLICT");
    expect(again.userMessage).toMatch(/already rated/);
    expect(await ratingsOf(id)).toMatchObject([{ score: 5 }]);
  });

  it("a reopened and re-resolved request asks again, for a new cycle", async () => {
    const id = await resolved(desk);
    await rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 1, score: 4 } });
    await reopen(desk, id);
    expect(await ratingPrompt({ actor: desk.requester, requestId: id })).toMatchObject({ state: "rated", rating: { cycle: 1 } });
    await expectAppError(rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 1, score: 1, comment: "no" } }), "CONFLICT");
    await setStatus(desk, id, "RESOLVED");

    expect(await db().notification.count({ where: { requestId: id, kind: "rating_request", personId: desk.requester.id } })).toBe(2);
    expect(await ratingPrompt({ actor: desk.requester, requestId: id })).toEqual({ state: "ask", cycle: 2, reasons: defaultReasons });
    // A form still showing the first cycle rates nothing.
    await expectAppError(rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 1, score: 3 } }), "CONFLICT");
    await rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 2, score: 2, comment: "Came back" } });
    expect((await ratingsOf(id)).map((r) => [r.cycle, r.score])).toEqual([[1, 4], [2, 2]]);
  });

  it("a closed request can be rated within 28 days of its resolution, not later", async () => {
    const id = await resolved(desk);
    await setStatus(desk, id, "CLOSED");
    const { resolvedAt } = await db().request.findUniqueOrThrow({ where: { id }, select: { resolvedAt: true } });
    const late = new Date(resolvedAt!.getTime() + 28 * DAY_MS + 1000);
    expect(await ratingPrompt({ actor: desk.requester, requestId: id, now: late })).toBeNull();
    await expectAppError(rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 1, score: 5 }, now: late }), "CONFLICT");
    expect(await ratingPrompt({ actor: desk.requester, requestId: id })).toEqual({ state: "ask", cycle: 1, reasons: defaultReasons });
    await rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 1, score: 5 } });
    expect(await ratingsOf(id)).toHaveLength(1);
  });

  it("the database refuses to update or delete a rating", async () => {
    const id = await resolved(desk);
    const { ratingId } = await rateRequest({ actor: desk.requester, input: { requestId: id, cycle: 1, score: 3 } });
    const attempts = [
      () => db().rating.updateMany({ where: { id: ratingId }, data: { score: 5 } }),
      () => db().rating.deleteMany({ where: { id: ratingId } }),
      () => db().$executeRaw`UPDATE "Rating" SET "comment" = 'edited' WHERE "id" = ${ratingId}`,
      () => db().$executeRaw`DELETE FROM "Rating" WHERE "id" = ${ratingId}`,
      () => db().$executeRawUnsafe(`TRUNCATE "Rating"`),
    ];
    for (const attempt of attempts) {
      // PostgreSQL answers "append-only"; PGlite's one-connection socket sometimes drops the
      // connection on an error raised by a trigger instead (as in the event log's test).
      await expect(attempt()).rejects.toThrow(process.env.TEST_DATABASE_URL ? /append-only/ : /append-only|connection/i);
      expect(await afterDroppedConnection(() => ratingsOf(id))).toMatchObject([{ id: ratingId, score: 3, comment: null }]);
    }
  });
});

/** Reads again once the pool has replaced a connection PGlite dropped (the first try may hit the dead one). */
async function afterDroppedConnection<T>(read: () => Promise<T>, tries = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await read();
    } catch (e) {
      if (i >= tries || !/connection/i.test(String(e))) throw e;
    }
  }
}

describe("the emailed survey link", () => {
  it("works for the requester it was sent to, for that request and cycle", async () => {
    const id = await resolved(desk);
    const token = await emailedToken(desk.requester.id, id);
    expect(await ratingLinkTarget({ actor: desk.requester, token })).toMatchObject({ state: "ask", cycle: 1, title: "Projector flickers" });
    const bad = await expectAppError(rateWithLink({ actor: desk.requester, token, input: { score: "1", comment: "" } }), "INVALID_INPUT");
    expect(bad.fieldErrors?.comment).toBeDefined();
    await rateWithLink({ actor: desk.requester, token, input: { score: "5", comment: "" } });
    expect(await ratingsOf(id)).toMatchObject([{ cycle: 1, score: 5 }]);
    expect(await ratingLinkTarget({ actor: desk.requester, token })).toMatchObject({ state: "rated", rating: { score: 5 } });
    await expectAppError(rateWithLink({ actor: desk.requester, token, input: { score: "4" } }), "CONFLICT");
  });

  it("a tampered link is refused", async () => {
    const id = await resolved(desk);
    const token = await emailedToken(desk.requester.id, id);
    const [payload, mac] = token.split(".") as [string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const forged = (c: object) => `${Buffer.from(JSON.stringify({ ...claims, ...c })).toString("base64url")}.${mac}`;
    const flip = (s: string) => (s[5] === "A" ? `${s.slice(0, 5)}B${s.slice(6)}` : `${s.slice(0, 5)}A${s.slice(6)}`);
    for (const t of [forged({ c: 2 }), forged({ p: colleague.id }), forged({ e: claims.e + 86400 * 365 }), `${payload}.${flip(mac)}`, `${flip(payload)}.${mac}`, payload, `${token}.x`, "", "garbage"]) {
      expect(verifyRatingLink(t, ratingLinkKey()).ok).toBe(false);
      expect(await ratingLinkTarget({ actor: desk.requester, token: t })).toEqual({ state: "invalid" });
      await expectAppError(rateWithLink({ actor: desk.requester, token: t, input: { score: 5 } }), "CONFLICT");
    }
    // Signed with another secret: refused too.
    const other = signRatingLink({ requestId: id, cycle: 1, personId: desk.requester.id }, ratingLinkKey("another-secret-another-secret-0123456789")!);
    expect(verifyRatingLink(other, ratingLinkKey()).ok).toBe(false);
    expect(await ratingsOf(id)).toHaveLength(0);
  });

  it("a link of an earlier cycle does not rate the new one", async () => {
    const id = await resolved(desk);
    const first = await emailedToken(desk.requester.id, id);
    await reopen(desk, id);
    await setStatus(desk, id, "RESOLVED");
    expect(await ratingLinkTarget({ actor: desk.requester, token: first })).toMatchObject({ state: "other_cycle" });
    await expectAppError(rateWithLink({ actor: desk.requester, token: first, input: { score: 5 } }), "CONFLICT");
    const second = await emailedToken(desk.requester.id, id);
    expect(second).not.toBe(first);
    await rateWithLink({ actor: desk.requester, token: second, input: { score: 4 } });
    expect(await ratingsOf(id)).toMatchObject([{ cycle: 2, score: 4 }]);
  });

  it("expires after 28 days with a clear answer", async () => {
    const id = await resolved(desk);
    const token = await emailedToken(desk.requester.id, id);
    const check = verifyRatingLink(token, ratingLinkKey());
    expect(check.ok).toBe(true);
    const expiresAt = (check as { claims: { expiresAt: Date } }).claims.expiresAt;
    expect(Math.abs(expiresAt.getTime() - (Date.now() + 28 * DAY_MS))).toBeLessThan(60_000);
    const before = new Date(expiresAt.getTime() - 1000);
    const after = new Date(expiresAt.getTime() + 1000);
    expect(verifyRatingLink(token, ratingLinkKey(), before).ok).toBe(true);
    expect(await ratingLinkTarget({ actor: desk.requester, token, now: after })).toMatchObject({ state: "expired", reference: expect.any(String) });
    const e = await expectAppError(rateWithLink({ actor: desk.requester, token, input: { score: 5 }, now: after }), "CONFLICT");
    expect(e.userMessage).toMatch(/expired/);
    expect(await ratingsOf(id)).toHaveLength(0);
  });

  it("is refused to anyone but the requester it was sent to, even signed in", async () => {
    const id = await file(desk);
    await addWatcher({ actor: desk.requester, input: { requestId: id, personId: watcher.id } });
    await setStatus(desk, id, "RESOLVED");
    const token = await emailedToken(desk.requester.id, id);
    for (const someone of [watcher, colleague, desk.agent, desk.head]) {
      expect(await ratingLinkTarget({ actor: someone, token })).toEqual({ state: "wrong_person" });
      await expectAppError(rateWithLink({ actor: someone, token, input: { score: 5 } }), "FORBIDDEN");
    }
    expect(await ratingsOf(id)).toHaveLength(0);
  });
});

describe("CSAT for the head", () => {
  // Ratings in a year no other test rates in, so the figures depend on this test's ratings alone.
  let year: string;
  beforeEach(async () => {
    year = await isolatedYear();
  });
  const rate = (score: number, requesterId: string, month = "03") =>
    seedRatings([{ providerId: desk.provider.id, typeId: desk.type.id, requesterId, requesterDepartmentId: desk.other.id, score, at: new Date(`${year}-${month}-10T12:00:00Z`) }]);
  const csat = (actor = desk.head, period = `${year}-Q1`) => satisfactionTrend({ actor, departmentKey: desk.provider.key, period });

  it("comes from readSatisfaction: withheld, counts included, under 5 distinct raters, and (4s and 5s) / all from 5 up", async () => {
    expect(minRatersForAggregate).toBe(5);
    const raters = [desk.requester.id];
    for (let i = 0; i < 4; i++) raters.push((await seedPerson({ departmentId: desk.other.id })).id);
    // One rater rating many times is still one rater: four raters in February...
    await rate(5, raters[0]!, "02");
    await rate(5, raters[0]!, "02");
    await rate(4, raters[1]!, "02");
    await rate(2, raters[2]!, "02");
    await rate(1, raters[3]!, "02");
    // ...and the same four and a fifth in March.
    for (const [i, score] of [5, 4, 2, 1, 3].entries()) await rate(score, raters[i]!, "03");
    await publishYear(year);
    const q1 = await csat();
    // A month is decided first, on its own (lib/satisfaction/checked-release.ts): March has five
    // raters and is shown; then the quarter would be March plus February's four raters, so the
    // quarter minus March would single them out: the quarter is withheld, and so is February.
    expect(q1.points.map((p) => p.value)).toEqual([{ state: "withheld" }, { state: "withheld" }, { state: "shown", satisfied: 2, ratings: 5, percent: 40, mean: 3 }]);
    expect(q1.total).toEqual({ state: "withheld" });

    // Another department's ratings and a period without ratings do not count, and look the same.
    const elsewhere = await seedDesk();
    const lonely = await satisfactionTrend({ actor: elsewhere.head, departmentKey: elsewhere.provider.key, period: `${year}-Q1` });
    expect(lonely.total).toEqual({ state: "withheld" });
    expect((await csat(desk.head, `${year}-Q2`)).total).toEqual({ state: "withheld" });
  });

  it("is for the department's head only", async () => {
    await expectAppError(csat(desk.agent), "FORBIDDEN");
    await expectAppError(csat(desk.requester), "FORBIDDEN");
  });
});

