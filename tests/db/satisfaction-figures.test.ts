import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { fileRequest } from "@/lib/requests/file-request";
import { updateRequest } from "@/lib/requests/update-request";
import { anonymityThresholds, updateAnonymityThresholds } from "@/lib/satisfaction/anonymity-settings";
import { rateRequest } from "@/lib/satisfaction/rate-request";
import { thresholdsKey } from "@/lib/satisfaction/read-anonymity-thresholds";
import { readSatisfaction, type FigureRef } from "@/lib/satisfaction/satisfaction-figures";
import { publishSatisfaction } from "@/lib/satisfaction/publish-satisfaction";
import { actorOf, seedDesk, seedPerson, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";
import { isolatedYear, publishYear, seedRatings } from "../support/ratings";

type Desk = Awaited<ReturnType<typeof seedDesk>>;

let desk: Desk;
let year: string;
let hr: Awaited<ReturnType<typeof actorOf>>;
let secondAgent: Awaited<ReturnType<typeof actorOf>>;
beforeEach(async () => {
  desk = await seedDesk();
  year = await isolatedYear();
  hr = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "HR" }] })).id);
  secondAgent = await actorOf((await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "AGENT", departmentId: desk.provider.id }] })).id);
});

/** Five raters for the first agent (4, 5, 5, 2, 4) and one for the second (1), in March of the test's year. */
async function rateMarch() {
  const raters = await Promise.all(Array.from({ length: 6 }, () => seedPerson({ departmentId: desk.other.id })));
  const at = new Date(`${year}-03-10T12:00:00Z`);
  const scores = [4, 5, 5, 2, 4, 1];
  await seedRatings(
    raters.map((p, i) => ({
      providerId: desk.provider.id,
      typeId: desk.type.id,
      requesterId: p.id,
      requesterDepartmentId: desk.other.id,
      agentId: i < 5 ? desk.agent.id : secondAgent.id,
      score: scores[i]!,
      at,
    })),
  );
}

describe("satisfaction figures", () => {
  it("shows a department's CSAT from 5 raters, hides both agents' figures (one has a single rater, the other would be its complement), and counts only what was released", async () => {
    await rateMarch();
    await publishYear(year);
    const month = `${year}-03`;
    const refs: FigureRef[] = [
      { kind: "provider", departmentId: desk.provider.id, period: month },
      { kind: "provider", departmentId: desk.provider.id, period: `${year}-Q1` },
      { kind: "agent", departmentId: desk.provider.id, agentId: desk.agent.id, period: month },
      { kind: "agent", departmentId: desk.provider.id, agentId: secondAgent.id, period: month },
      { kind: "provider", departmentId: desk.provider.id, period: `${year}-04` },
    ];
    const { values, asOf, minRaters } = await readSatisfaction({ actor: desk.head, figures: refs });
    expect(minRaters).toBe(5);
    expect(asOf).toBeInstanceOf(Date);
    // Too few raters, a complement, and nobody at all read the same.
    expect(values).toEqual([
      { state: "shown", ratings: 6, satisfied: 4, percent: 66.7, mean: 3.5 },
      { state: "shown", ratings: 6, satisfied: 4, percent: 66.7, mean: 3.5 },
      { state: "withheld" },
      { state: "withheld" },
      { state: "withheld" },
    ]);

    const org = await readSatisfaction({
      actor: hr,
      figures: [
        { kind: "org", period: year },
        { kind: "pair", requesterDepartmentId: desk.other.id, providerId: desk.provider.id, period: month },
        { kind: "given", departmentId: desk.other.id, period: month },
        { kind: "given", departmentId: desk.provider.id, period: month },
      ],
    });
    expect(org.values.map((v) => v.state)).toEqual(["shown", "shown", "shown", "withheld"]);
    // The table the pages read holds no number for a suppressed figure.
    const stored = await db().satisfactionFigure.findMany({ where: { period: month, agentId: { in: [desk.agent.id, secondAgent.id] } } });
    expect(stored.map((s) => [s.shown, s.ratings, s.satisfied, s.scoreSum])).toEqual([
      [false, null, null, null],
      [false, null, null, null],
    ]);
  });

  it("shows nothing for a month before it is over, publishes it once after, and never changes what it published", async () => {
    await rateMarch();
    const head = (period: string, now?: Date) => readSatisfaction({ actor: desk.head, now, figures: [{ kind: "provider", departmentId: desk.provider.id, period }] });
    // Until March is over (and the grace after it), no number, not even a count.
    const during = new Date(`${year}-03-20T00:00:00Z`);
    expect(await publishSatisfaction(db(), { now: during, years: [year] })).toEqual({ published: [`${year}-01`, `${year}-02`] });
    expect((await head(`${year}-03`, during)).values).toEqual([{ state: "pending", publishesAt: new Date(`${year}-04-01T00:10:00Z`) }]);
    expect((await head(`${year}-Q1`, during)).values).toEqual([{ state: "pending", publishesAt: new Date(`${year}-04-01T00:10:00Z`) }]);
    expect((await publishSatisfaction(db(), { now: new Date(`${year}-04-01T00:05:00Z`), years: [year] })).published).toEqual([]);

    const after = new Date(`${year}-04-01T00:10:00Z`);
    expect((await publishSatisfaction(db(), { now: after, years: [year] })).published).toEqual([`${year}-03`]);
    const march = await head(`${year}-03`, after);
    expect(march.values).toEqual([{ state: "shown", ratings: 6, satisfied: 4, percent: 66.7, mean: 3.5 }]);
    expect(march.asOf).toEqual(after);
    // Published once: running again publishes nothing, and the database refuses a rating dated in
    // March now (the app never stamps one so; here written directly): it would make the quarter,
    // published with June, minus its three published months equal to that one rating.
    expect((await publishSatisfaction(db(), { now: new Date(`${year}-04-02T00:00:00Z`), years: [year] })).published).toEqual([]);
    const late = await seedPerson({ departmentId: desk.other.id });
    await expect(
      seedRatings([{ providerId: desk.provider.id, typeId: desk.type.id, requesterId: late.id, requesterDepartmentId: desk.other.id, agentId: desk.agent.id, score: 1, at: new Date(`${year}-03-31T23:00:00Z`) }]),
    ).rejects.toThrow(/published/);
    expect((await head(`${year}-03`)).values).toEqual(march.values);
    // The database itself refuses to change or remove a published figure or publication.
    await expect(db().$executeRawUnsafe(`UPDATE "SatisfactionFigure" SET "ratings" = 1 WHERE "period" = '${year}-03'`)).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`DELETE FROM "SatisfactionPublication" WHERE "month" = '${year}-03'`)).rejects.toThrow(/append-only/);
  });

  it("publishes this year's closed months by the calendar even when nobody rated, so the time of publication tells nothing", async () => {
    // No rating at all in the test's year: January and February are still published on time.
    const march = new Date(`${year}-03-01T00:11:00Z`);
    expect(await publishSatisfaction(db(), { now: march, years: [year] })).toEqual({ published: [`${year}-01`, `${year}-02`] });
    const { values, asOf } = await readSatisfaction({ actor: desk.head, now: march, figures: [{ kind: "provider", departmentId: desk.provider.id, period: `${year}-02` }] });
    expect(values).toEqual([{ state: "withheld" }]);
    expect(asOf).toEqual(march);
  });

  it("keeps shown what an earlier month showed: a later month is decided knowing it", async () => {
    // March: six raters, the provider's figure shown. April: four more. Deciding April alone would
    // be fine either way, but the quarter/year must never let March's shown figure and a later
    // figure be subtracted into a small group.
    await rateMarch();
    const april = await Promise.all(Array.from({ length: 4 }, () => seedPerson({ departmentId: desk.other.id })));
    await seedRatings(april.map((p) => ({ providerId: desk.provider.id, typeId: desk.type.id, requesterId: p.id, requesterDepartmentId: desk.other.id, agentId: desk.agent.id, score: 5, at: new Date(`${year}-04-10T12:00:00Z`) })));
    await publishYear(year);
    const { values } = await readSatisfaction({
      actor: desk.head,
      figures: [`${year}-03`, `${year}-04`, `${year}-Q2`, year].map((period) => ({ kind: "provider" as const, departmentId: desk.provider.id, period })),
    });
    // April's four raters are a small group: neither April, Q2 (= April) nor the year (= Q1 + April) is shown.
    expect(values.map((v) => v.state)).toEqual(["shown", "withheld", "withheld", "withheld"]);
  });

  it("records the assignee a rating counts for", async () => {
    const filed = await fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title: "Lamp", description: "Broken.", submissionKey: `k-${uid()}` } });
    const version = async () => (await db().request.findUniqueOrThrow({ where: { id: filed.id } })).version;
    await updateRequest({ actor: desk.agent, input: { requestId: filed.id, expectedVersion: await version(), assigneeId: desk.agent.id } });
    await updateRequest({ actor: desk.agent, input: { requestId: filed.id, expectedVersion: await version(), status: "RESOLVED" } });
    await rateRequest({ actor: desk.requester, input: { requestId: filed.id, cycle: 1, score: 5 } });
    expect((await db().rating.findFirstOrThrow({ where: { requestId: filed.id } })).agentId).toBe(desk.agent.id);
  });

  it("refuses figures beyond the reader's view and bad periods, with nothing read", async () => {
    const month = `${year}-03`;
    const otherDesk = await seedDesk();
    await expectAppError(readSatisfaction({ actor: desk.head, figures: [{ kind: "provider", departmentId: otherDesk.provider.id, period: month }] }), "FORBIDDEN");
    await expectAppError(readSatisfaction({ actor: desk.head, figures: [{ kind: "org", period: month }] }), "FORBIDDEN");
    await expectAppError(readSatisfaction({ actor: desk.agent, figures: [{ kind: "provider", departmentId: desk.provider.id, period: month }] }), "FORBIDDEN");
    await expectAppError(readSatisfaction({ actor: hr, figures: [{ kind: "agent", departmentId: desk.provider.id, agentId: desk.agent.id, period: month }] }), "FORBIDDEN");
    await expectAppError(readSatisfaction({ actor: desk.requester, figures: [{ kind: "given", departmentId: desk.other.id, period: month }] }), "FORBIDDEN");
    await expectAppError(readSatisfaction({ actor: hr, figures: [{ kind: "org", period: "2026-13" }] }), "INVALID_INPUT");
    await expectAppError(readSatisfaction({ actor: hr, figures: [{ kind: "org", period: "2026-01-01/2026-02-01" }] }), "INVALID_INPUT");
  });
});

describe("anonymity thresholds", () => {
  let saved: unknown;
  beforeEach(async () => {
    saved = (await db().setting.findUnique({ where: { key: thresholdsKey } }))?.value;
  });
  afterEach(async () => {
    if (saved === undefined) await db().setting.deleteMany({ where: { key: thresholdsKey } });
    else await db().setting.update({ where: { key: thresholdsKey }, data: { value: saved as object } });
  });

  it("defaults to 5 raters and 10 comments; HR can raise them, with an audit entry, and nobody can go below 3", async () => {
    expect(await anonymityThresholds()).toEqual({ minRaters: 5, minComments: 10, minAgents: 3 });
    await updateAnonymityThresholds({ actor: hr, input: { minRaters: 3, minComments: 12 } });
    expect(await anonymityThresholds()).toEqual({ minRaters: 3, minComments: 12, minAgents: 3 });
    expect(await db().auditEvent.count({ where: { actorId: hr.id, action: "anonymity.thresholds.updated" } })).toBe(1);
    await expectAppError(updateAnonymityThresholds({ actor: hr, input: { minRaters: 2, minComments: 12 } }), "INVALID_INPUT");
    await expectAppError(updateAnonymityThresholds({ actor: hr, input: { minRaters: "five", minComments: 12 } }), "INVALID_INPUT");
    expect(await anonymityThresholds()).toEqual({ minRaters: 3, minComments: 12, minAgents: 3 });
  });

  it("is HR's and admins' to change", async () => {
    for (const actor of [desk.head, desk.agent, desk.requester]) {
      await expectAppError(updateAnonymityThresholds({ actor, input: { minRaters: 7, minComments: 10 } }), "FORBIDDEN");
    }
    expect(await anonymityThresholds()).toEqual({ minRaters: 5, minComments: 10, minAgents: 3 });
  });
});
