import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { monthRanges } from "@/lib/satisfaction/zoned-periods";
import { monthsOf } from "@/lib/satisfaction/figure-periods";
import { publishSatisfaction } from "@/lib/satisfaction/publish-satisfaction";
import { departmentCommentThemes } from "@/lib/satisfaction/department-comment-themes";
import { publishCommentThemes } from "@/lib/satisfaction/publish-comment-themes";
import { expectAppError } from "../support/expect-app-error";
import { actorOf, seedDesk, seedPerson } from "../support/factories";
import { isolatedYear, seedRatings } from "../support/ratings";

type Desk = Awaited<ReturnType<typeof seedDesk>>;

let desk: Desk;
let year: string;
let hr: Awaited<ReturnType<typeof actorOf>>;

/** `people` new people of `other` each rate the provider once in `month` with this comment. */
async function comments(month: string, people: number, text: string) {
  const raters = await Promise.all(Array.from({ length: people }, () => seedPerson({ departmentId: desk.other.id })));
  await seedRatings(raters.map((p) => ({ providerId: desk.provider.id, typeId: desk.type.id, requesterId: p.id, requesterDepartmentId: desk.other.id, score: 4, comment: text, at: new Date(`${year}-${month}-10T12:00:00Z`) })));
  return raters;
}

const publish = (month: string, publishedAt = new Date(`${Number(year) + 1}-01-02T00:00:00Z`)) =>
  db().$transaction((tx) => publishCommentThemes(tx, { month: `${year}-${month}`, publishedAt, ranges: monthRanges({ months: monthsOf(year), timeZone: "UTC", recorded: new Map() }) }));

const themes = (period: string, now = new Date(`${Number(year) + 1}-02-01T00:00:00Z`)) =>
  departmentCommentThemes({ actor: hr, departmentId: desk.provider.id, period, now });

beforeEach(async () => {
  desk = await seedDesk();
  year = await isolatedYear();
  hr = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "HR" }] })).id);
});

describe("comment themes", () => {
  it("publish a closed month, and its quarter with the quarter's last month, from distinct commenters", async () => {
    // January: 20 people, 9 say "slow printer", 11 "friendly staff"; one of them 12 times "broken vpn".
    await comments("01", 9, "Slow printer");
    const friendly = await comments("01", 11, "friendly staff");
    await seedRatings(Array.from({ length: 12 }, () => ({ providerId: desk.provider.id, typeId: desk.type.id, requesterId: friendly[0]!.id, requesterDepartmentId: desk.other.id, score: 2, comment: "broken vpn", at: new Date(`${year}-01-11T12:00:00Z`) })));
    // March: a single commenter who also says "slow printer".
    await comments("03", 1, "slow printer again");

    expect(await publish("01")).toEqual({ published: [`${year}-01`] });
    expect(await themes(`${year}-01`)).toEqual({ state: "shown", themes: ["friendly staff"], minCommenters: 10 });
    expect(await themes(`${year}-Q1`, new Date(`${year}-02-01T06:00:00Z`))).toEqual({ state: "pending", publishesAt: new Date(`${year}-04-01T00:10:00Z`) });

    expect(await publish("02")).toEqual({ published: [`${year}-02`] });
    expect(await themes(`${year}-02`)).toEqual({ state: "withheld" });
    expect(await publish("03")).toEqual({ published: [`${year}-03`, `${year}-Q1`] });
    // Ten people said "slow printer" in the quarter, but January showed it not and March's only
    // commenter is the tenth: the quarter says nothing January did not.
    expect(await themes(`${year}-03`)).toEqual({ state: "withheld" });
    expect(await themes(`${year}-Q1`)).toEqual({ state: "shown", themes: ["friendly staff"], minCommenters: 10 });
  });

  it("are read as published: a later comment never changes them, publishing again changes nothing, and the tables refuse changes", async () => {
    await comments("05", 19, "quick fix");
    expect(await publish("05")).toEqual({ published: [`${year}-05`] });
    const before = await themes(`${year}-05`);
    expect(before).toEqual({ state: "shown", themes: ["quick fix"], minCommenters: 10 });
    await comments("05", 12, "rude agent");
    expect(await publish("05")).toEqual({ published: [] });
    expect(await themes(`${year}-05`)).toEqual(before);
    // PostgreSQL answers "append-only"; PGlite's one-connection socket may drop the connection instead (tests/db/ratings.test.ts).
    const refused = process.env.TEST_DATABASE_URL ? /append-only/ : /append-only|connection/i;
    await expect(db().publishedThemes.updateMany({ where: { period: `${year}-05` }, data: { terms: ["rude agent"] } })).rejects.toThrow(refused);
    await expect(db().publishedThemes.deleteMany({ where: { period: `${year}-05` } })).rejects.toThrow(refused);
    await expect(db().themePublication.delete({ where: { period: `${year}-05` } })).rejects.toThrow(refused);
    await expect(db().$executeRawUnsafe(`TRUNCATE "PublishedThemes"`)).rejects.toThrow(refused);
  });

  it("are pending while the period is open, and cannot be published before it ends", async () => {
    await comments("07", 19, "quick fix");
    expect(await themes(`${year}-07`, new Date(`${year}-07-20T00:00:00Z`))).toEqual({ state: "pending", publishesAt: new Date(`${year}-08-01T00:10:00Z`) });
    await expect(publish("07", new Date(`${year}-07-31T23:59:00Z`))).rejects.toThrow(/has not ended/);
  });

  it("are published by the job for every closed month, with quarters and the year whose last months had no ratings", async () => {
    await comments("02", 19, "quick fix");
    const { published } = await publishSatisfaction(db(), { now: new Date(`${Number(year) + 1}-01-01T06:00:00Z`), years: [year] });
    expect(published).toEqual(monthsOf(year));
    const periods = (await db().themePublication.findMany({ where: { OR: [{ period: year }, { period: { startsWith: `${year}-` } }] }, orderBy: { publishedAt: "asc" }, select: { period: true } })).map((p) => p.period);
    expect(periods).toEqual(expect.arrayContaining([`${year}-02`, `${year}-03`, `${year}-Q1`, `${year}-12`, `${year}-Q4`, year]));
    expect(await themes(year)).toEqual({ state: "shown", themes: ["quick fix"], minCommenters: 10 });
    expect((await publishSatisfaction(db(), { now: new Date(`${Number(year) + 1}-01-01T07:00:00Z`), years: [year] })).published).toEqual([]);
  });

  it("are for HR and admins only", async () => {
    for (const actor of [desk.head, desk.agent, desk.requester]) {
      await expectAppError(departmentCommentThemes({ actor, departmentId: desk.provider.id, period: `${year}-01` }), "FORBIDDEN");
    }
  });
});
