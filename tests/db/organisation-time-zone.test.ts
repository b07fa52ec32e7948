// The organisation's time zone: set by an admin only (audited), and the satisfaction publication
// cuts months in it from the next unpublished month on, each publication recording its zone and
// instants, so a change of zone moves nothing published and counts no rating twice (Pacific/Auckland).
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { organisationSettings, setOrganisationTimeZone } from "@/lib/org/organisation-time-zone";
import { knownIssueLoad } from "@/lib/reports/known-issue-load";
import { moraleIndicators } from "@/lib/reports/morale-indicators";
import { moraleTrend } from "@/lib/reports/morale-trend";
import { satisfactionTrend } from "@/lib/reports/satisfaction-trend";
import { recentPeriods } from "@/lib/satisfaction/figure-periods";
import { currentMonth, currentQuarter } from "@/lib/reports/organisation-access";
import { createPulseSurvey } from "@/lib/satisfaction/create-pulse-survey";
import { publishSatisfaction } from "@/lib/satisfaction/publish-satisfaction";
import { readOrganisationTimeZone } from "@/lib/satisfaction/read-organisation-time-zone";
import { expectAppError } from "../support/expect-app-error";
import { actorOf, seedDesk, seedPerson } from "../support/factories";
import { isolatedYear, seedRatings } from "../support/ratings";

type Desk = Awaited<ReturnType<typeof seedDesk>>;
let desk: Desk;

beforeEach(async () => {
  desk = await seedDesk();
});

describe("the organisation's time zone", () => {
  it("is UTC until an admin sets it; HR, heads and agents may not; a bad zone changes nothing; the change is audited", async () => {
    const admin = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "ADMIN" }] })).id);
    const hr = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "HR" }] })).id);
    const before = await readOrganisationTimeZone(db());
    try {
      for (const actor of [hr, desk.head, desk.agent, desk.requester]) {
        await expectAppError(setOrganisationTimeZone({ actor, input: { timeZone: "Pacific/Auckland" } }), "FORBIDDEN");
        await expectAppError(organisationSettings({ actor }), "FORBIDDEN");
      }
      for (const timeZone of ["Mars/Olympus", "+13:00", "", "a\u0000b"]) await expectAppError(setOrganisationTimeZone({ actor: admin, input: { timeZone } }), "INVALID_INPUT");
      expect(await readOrganisationTimeZone(db())).toBe(before);

      await setOrganisationTimeZone({ actor: admin, input: { timeZone: "pacific/auckland" } });
      expect(await readOrganisationTimeZone(db())).toBe("Pacific/Auckland");
      expect((await organisationSettings({ actor: admin })).timeZone).toBe("Pacific/Auckland");
      const audit = await db().auditEvent.findFirstOrThrow({ where: { actorId: admin.id, action: "organisation.time_zone.updated" } });
      expect(audit.detail).toEqual({ before, after: "Pacific/Auckland" });

      // The organisation view's default quarter and pulse round periods follow the zone too.
      expect(await currentQuarter(new Date("2026-12-31T12:00:00Z"))).toBe("2027-Q1");
      const { surveyId } = await createPulseSurvey({ actor: hr, input: { scope: "organisation", cadence: "MONTHLY", period: "2026-10", openDays: 7 }, now: new Date("2026-11-05T00:00:00Z") });
      // The next round asks about November, once November has ended in Auckland (30 November, 11:00 UTC).
      expect(await db().pulseSurvey.findUniqueOrThrow({ where: { id: surveyId } })).toMatchObject({ nextPeriod: "2026-11", nextRunAt: new Date("2026-11-30T11:00:00Z") });
      await db().pulseSurvey.update({ where: { id: surveyId }, data: { active: false } });
    } finally {
      // Other files publish too: put the organisation back as it was at once.
      await setOrganisationTimeZone({ actor: admin, input: { timeZone: before } });
    }
  });
});

describe("satisfaction months in the organisation's zone", () => {
  it("Pacific/Auckland: a rating of 31 March 12:30 UTC is April's; each publication records its zone and instants; a later change to UTC starts April where March ended", async () => {
    const year = await isolatedYear();
    const raters = await Promise.all(Array.from({ length: 10 }, async () => (await seedPerson({ departmentId: desk.other.id })).id));
    const base = { providerId: desk.provider.id, typeId: desk.type.id, requesterDepartmentId: desk.other.id, score: 5 };
    await seedRatings([
      ...raters.slice(0, 5).map((requesterId) => ({ ...base, requesterId, at: new Date(`${year}-03-10T12:00:00Z`) })),
      // 1 April, 01:30 in Auckland (NZDT, UTC+13): April's there, March's in UTC.
      ...raters.slice(5).map((requesterId) => ({ ...base, requesterId, at: new Date(`${year}-03-31T12:30:00Z`) })),
    ]);
    const auckland = "Pacific/Auckland";
    // 1 April 00:05 UTC: long after March ended in Auckland (31 March 11:00 UTC) plus the grace.
    const first = await publishSatisfaction(db(), { now: new Date(`${year}-04-01T00:05:00Z`), years: [year], timeZone: auckland });
    expect(first.published).toContain(`${year}-03`);
    expect(first.published).not.toContain(`${year}-04`);
    const march = await db().satisfactionPublication.findUniqueOrThrow({ where: { month: `${year}-03` } });
    expect(march).toMatchObject({ timeZone: auckland, from: new Date(Date.UTC(Number(year), 2, 1) - 13 * 3_600_000), to: new Date(`${year}-03-31T11:00:00Z`) });
    const figure = (period: string) => db().satisfactionFigure.findUniqueOrThrow({ where: { key: `provider|${desk.provider.id}|${period}` } });
    expect(await figure(`${year}-03`)).toMatchObject({ shown: true, ratings: 5 });
    expect(await figure(`${year}-Q1`)).toMatchObject({ shown: true, ratings: 5 });

    // March is published, April is not: a rating at 11:30 UTC on 31 March (April in Auckland) may still be written.
    await seedRatings([{ ...base, requesterId: raters[0]!, at: new Date(`${year}-03-31T11:30:00Z`) }]);
    await expect(seedRatings([{ ...base, requesterId: raters[1]!, at: new Date(`${year}-03-31T10:30:00Z`) }])).rejects.toThrow(/published/);

    // The organisation moves to UTC: April starts where March ended, so nothing is lost or counted twice.
    const second = await publishSatisfaction(db(), { now: new Date(`${year}-05-02T00:00:00Z`), years: [year], timeZone: "UTC" });
    expect(second.published).toEqual([`${year}-04`]);
    const april = await db().satisfactionPublication.findUniqueOrThrow({ where: { month: `${year}-04` } });
    expect(april).toMatchObject({ timeZone: "UTC", from: march.to, to: new Date(`${year}-05-01T00:00:00Z`) });
    expect(await figure(`${year}-04`)).toMatchObject({ shown: true, ratings: 6 });
    // The published March did not move.
    expect(await figure(`${year}-03`)).toMatchObject({ ratings: 5 });
  });
});

describe("HR's current month and twelve-month trend in the organisation's zone", () => {
  it("Pacific/Auckland: at 30 November 12:00 UTC (1 December 01:00 there) the trend ends with December and open-now reads December's row", async () => {
    const admin = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "ADMIN" }] })).id);
    const hr = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "HR" }] })).id);
    // Enough agents that HR sees the provider's workload (the default minimum is three).
    for (let i = 0; i < 2; i++) await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "AGENT", departmentId: desk.provider.id }] });
    const year = await isolatedYear();
    const now = new Date(`${year}-11-30T12:00:00Z`);
    // The roll-up's rows: open at the end of November 1, open as of now in December 4.
    await db().orgDepartmentMonth.createMany({
      data: [
        { month: `${year}-11`, departmentId: desk.provider.id, openAtEnd: 1, agentReplies: 0, afterHoursReplies: 0 },
        { month: `${year}-12`, departmentId: desk.provider.id, openAtEnd: 4, agentReplies: 0, afterHoursReplies: 0 },
      ],
    });
    const before = await readOrganisationTimeZone(db());
    try {
      await setOrganisationTimeZone({ actor: admin, input: { timeZone: "UTC" } });
      expect(await currentMonth(now)).toBe(`${year}-11`);
      await setOrganisationTimeZone({ actor: admin, input: { timeZone: "Pacific/Auckland" } });
      expect(await currentMonth(now)).toBe(`${year}-12`);
      // The period pickers offer the zone's current month first; the head's dashboard says whose months satisfaction has.
      expect(recentPeriods(now, 2, "Pacific/Auckland").months).toEqual([`${year}-12`, `${year}-11`]);
      expect(recentPeriods(now, 2, "UTC").months).toEqual([`${year}-11`, `${year}-10`]);
      expect((await satisfactionTrend({ actor: desk.head, departmentKey: desk.provider.key, now })).timeZone).toBe("Pacific/Auckland");

      const trend = await moraleTrend({ actor: hr, period: `${year}-Q4`, departmentKey: desk.provider.key, now });
      expect(trend.months.at(-1)).toMatchObject({ month: `${year}-12`, current: true, workload: { state: "shown", open: 4 } });
      expect(trend.months.at(-2)).toMatchObject({ month: `${year}-11`, current: false, workload: { open: 1 } });
      expect(trend.months).toHaveLength(12);

      const indicators = await moraleIndicators({ actor: hr, period: `${year}-Q4`, now });
      expect(indicators.rows.find((r) => r.id === desk.provider.id)?.workload).toMatchObject({ state: "shown", openNow: 4 });
      // A known issue announced at 00:30 on 1 December there (30 November 11:30 UTC) is December's.
      await db().knownIssue.create({ data: { departmentId: desk.provider.id, title: "Lift B out of service", requestTypeIds: [], createdById: desk.agent.id, createdAt: new Date(`${year}-11-30T11:30:00Z`) } });
      const announced = async (period: string) => (await knownIssueLoad({ actor: hr, period, now })).rows.find((r) => r.key === desk.provider.key)?.announced;
      expect([await announced(`${year}-11`), await announced(`${year}-12`)]).toEqual([0, 1]);
      // December has started there, so HR may choose it; January has not.
      expect((await moraleIndicators({ actor: hr, period: `${year}-12`, now })).period).toBe(`${year}-12`);
      await expectAppError(moraleIndicators({ actor: hr, period: `${Number(year) + 1}-01`, now }), "INVALID_INPUT");
    } finally {
      await setOrganisationTimeZone({ actor: admin, input: { timeZone: before } });
    }
  });
});
