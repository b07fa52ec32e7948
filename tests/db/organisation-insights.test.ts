import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { departmentPairDetail } from "@/lib/reports/department-pair-detail";
import { flagCodes, measureOf, unpackCell } from "@/lib/reports/heat-map-cells";
import { cellKey, internalCustomerMatrix, packMatrix } from "@/lib/reports/internal-customer-matrix";
import { hoursLostTable, organisationPairTable, organisationProviderTable } from "@/lib/experience/experience-table";
import { organisationExperience } from "@/lib/experience/organisation-experience";
import { tableCsv } from "@/lib/reports/dashboard-tables";
import { moraleIndicators } from "@/lib/reports/morale-indicators";
import { moraleTrend } from "@/lib/reports/morale-trend";
import { matrixCsv, moraleCsv } from "@/lib/reports/organisation-csv";
import { compliance } from "@/lib/reports/compliance";
import { refreshOrganisationMonths, refreshOrganisationRollup } from "@/lib/reports/organisation-rollup";
import { monthsOf } from "@/lib/satisfaction/figure-periods";
import { expectAppError } from "../support/expect-app-error";
import { actorOf, seedDepartment, seedDesk, seedPerson, seedPolicies, uid } from "../support/factories";
import { isolatedYear, publishYear, seedRatings } from "../support/ratings";

type Desk = Awaited<ReturnType<typeof seedDesk>>;
type Actor = Awaited<ReturnType<typeof actorOf>>;

let desk: Desk;
let year: string;
let hr: Actor;
let admin: Actor;
let third: Awaited<ReturnType<typeof seedDepartment>>;
let fourth: Awaited<ReturnType<typeof seedDepartment>>;
let now: Date;
let policyId: string;

const weekdays = {
  timeZone: "UTC",
  hours: { mon: [["09:00", "17:00"]], tue: [["09:00", "17:00"]], wed: [["09:00", "17:00"]], thu: [["09:00", "17:00"]], fri: [["09:00", "17:00"]], sat: [], sun: [] },
  holidays: [],
};

/** A request of `requesterDepartmentId` to the provider, filed at `at`, with these SLA clocks. */
async function request(options: { at: string; requesterDepartmentId: string; requesterId: string; resolvedAt?: string; clocks?: { metric: "FIRST_RESPONSE" | "RESOLUTION"; breached: boolean; stoppedAt: string }[] }) {
  const seq = await db().department.update({ where: { id: desk.provider.id }, data: { requestSeq: { increment: 1 } }, select: { requestSeq: true } });
  const r = await db().request.create({
    data: {
      departmentId: desk.provider.id,
      number: seq.requestSeq,
      typeId: desk.type.id,
      title: "Org test",
      description: "For the organisation report.",
      status: options.resolvedAt ? "RESOLVED" : "OPEN",
      priority: "NORMAL",
      requesterId: options.requesterId,
      requesterDepartmentId: options.requesterDepartmentId,
      submissionKey: `org-${uid()}`,
      createdAt: new Date(options.at),
      resolvedAt: options.resolvedAt ? new Date(options.resolvedAt) : null,
    },
  });
  if (options.clocks?.length) {
    await db().slaClock.createMany({
      data: options.clocks.map(
        (c): Prisma.SlaClockCreateManyInput => ({
          requestId: r.id,
          departmentId: desk.provider.id,
          metric: c.metric,
          cycle: 1,
          policyId,
          targetMinutes: 60,
          state: c.breached ? "BREACHED" : "MET",
          paused: false,
          startedAt: new Date(options.at),
          stoppedAt: new Date(c.stoppedAt),
          dueAt: c.breached ? new Date(options.at) : null,
          breachedAt: c.breached ? new Date(options.at) : null,
          elapsedMinutes: 0,
          computedAt: new Date(c.stoppedAt),
        }),
      ),
    });
  }
  return r;
}

beforeEach(async () => {
  desk = await seedDesk();
  // A third agent: HR sees a department's workload only from three agents (workload-indicators.test.ts).
  await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "AGENT", departmentId: desk.provider.id }] });
  third = await seedDepartment();
  fourth = await seedDepartment();
  year = await isolatedYear();
  now = new Date(`${Number(year) + 1}-01-15T00:00:00Z`);
  hr = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "HR" }] })).id);
  admin = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "ADMIN" }] })).id);
  await seedPolicies(desk.provider.id, [{ firstResponse: 60, resolution: 480 }], weekdays);
  policyId = (await db().slaPolicy.findFirstOrThrow({ where: { departmentId: desk.provider.id } })).id;

  // Ten people of `other` rate the provider in March (8 satisfied), with comments; two of `third`
  // and three of `fourth` rate it too (4 each): together five, so `other`'s figure can be shown
  // without its complement giving away the five.
  const raters = await Promise.all(Array.from({ length: 10 }, () => seedPerson({ departmentId: desk.other.id })));
  const few = await Promise.all(Array.from({ length: 2 }, () => seedPerson({ departmentId: third.id })));
  const fourths = await Promise.all(Array.from({ length: 3 }, () => seedPerson({ departmentId: fourth.id })));
  const march = new Date(`${year}-03-10T12:00:00Z`);
  const comments = ["Slow printer again", "the printer was slow", "friendly agent, slow printer", "Fast and friendly", "friendly", "ok", "great help", "quick fix", "good", "fine"];
  await seedRatings([
    // The two unhappy ones lost 1–4 hours each and had to chase (HR's experience view).
    ...raters.map((p, i) => ({ providerId: desk.provider.id, typeId: desk.type.id, requesterId: p.id, requesterDepartmentId: desk.other.id, score: i < 8 ? 5 : 2, comment: comments[i], at: march, ...(i < 8 ? { reasons: ["fast"] } : { timeLost: "1_4h", reasons: ["had_to_chase"] }) })),
    ...few.map((p) => ({ providerId: desk.provider.id, typeId: desk.type.id, requesterId: p.id, requesterDepartmentId: third.id, score: 4, at: march })),
    ...fourths.map((p) => ({ providerId: desk.provider.id, typeId: desk.type.id, requesterId: p.id, requesterDepartmentId: fourth.id, score: 4, at: march })),
  ]);
  // SLA: from `other`, in March 3 first responses met and 1 breached, 1 resolution met; one request
  // from `third` filed in January, resolution breached in February.
  await request({ at: `${year}-03-02T10:00:00Z`, requesterDepartmentId: desk.other.id, requesterId: desk.requester.id, resolvedAt: `${year}-03-03T10:00:00Z`, clocks: [
    { metric: "FIRST_RESPONSE", breached: false, stoppedAt: `${year}-03-02T10:30:00Z` },
    { metric: "RESOLUTION", breached: false, stoppedAt: `${year}-03-03T10:00:00Z` },
  ] });
  await request({ at: `${year}-03-05T10:00:00Z`, requesterDepartmentId: desk.other.id, requesterId: desk.requester.id, clocks: [{ metric: "FIRST_RESPONSE", breached: false, stoppedAt: `${year}-03-05T10:10:00Z` }] });
  const open = await request({ at: `${year}-03-06T10:00:00Z`, requesterDepartmentId: desk.other.id, requesterId: desk.requester.id, clocks: [{ metric: "FIRST_RESPONSE", breached: false, stoppedAt: `${year}-03-06T10:10:00Z` }] });
  await request({ at: `${year}-03-09T10:00:00Z`, requesterDepartmentId: desk.other.id, requesterId: desk.requester.id, resolvedAt: `${year}-04-02T10:00:00Z`, clocks: [{ metric: "FIRST_RESPONSE", breached: true, stoppedAt: `${year}-03-09T12:00:00Z` }] });
  await request({ at: `${year}-01-20T10:00:00Z`, requesterDepartmentId: third.id, requesterId: few[0]!.id, resolvedAt: `${year}-02-20T10:00:00Z`, clocks: [{ metric: "RESOLUTION", breached: true, stoppedAt: `${year}-02-20T10:00:00Z` }] });
  // Agents' replies in March: a Monday at 10:00 (open), that Monday at 20:00 and a Saturday at 10:00
  // (after hours); a requester's reply is not counted.
  const marchDay = (weekday: number) => {
    const d = [...Array(7).keys()].map((i) => `${year}-03-${String(i + 9).padStart(2, "0")}`).find((x) => new Date(`${x}T00:00:00Z`).getUTCDay() === weekday)!;
    return d;
  };
  const comment = (authorId: string, at: string, visibility: "PUBLIC" | "INTERNAL") => db().comment.create({ data: { requestId: open.id, departmentId: desk.provider.id, authorId, body: "Reply", visibility, createdAt: new Date(at) } });
  await comment(desk.agent.id, `${marchDay(1)}T10:00:00Z`, "PUBLIC");
  await comment(desk.agent.id, `${marchDay(1)}T20:00:00Z`, "INTERNAL");
  await comment(desk.head.id, `${marchDay(6)}T10:00:00Z`, "PUBLIC");
  await comment(desk.requester.id, `${marchDay(1)}T22:00:00Z`, "PUBLIC");

  await refreshOrganisationMonths(db(), { months: monthsOf(year), now });
  await publishYear(year);
});

describe("the internal customer matrix", () => {
  it("gives each pair its requests, SLA compliance with counts and released satisfaction", async () => {
    const m = await internalCustomerMatrix({ actor: hr, period: `${year}-Q1`, now });
    expect(m.requesters.map((d) => d.id).filter((id) => [desk.other.id, third.id, desk.provider.id].includes(id)).sort()).toEqual([desk.other.id, third.id].sort());
    expect(m.providers.map((d) => d.id)).toContain(desk.provider.id);
    const ours = m.cells.get(cellKey(desk.other.id, desk.provider.id))!;
    expect(ours).toMatchObject({
      filed: 14, // 10 rated requests and 4 with clocks
      firstResponse: { met: 3, breached: 1, total: 4, percent: 75 },
      resolution: { met: 1, breached: 0, total: 1, percent: 100 },
      satisfaction: { state: "shown", ratings: 10, satisfied: 8, percent: 80 },
    });
    const few = m.cells.get(cellKey(third.id, desk.provider.id))!;
    expect(few).toMatchObject({ filed: 3, resolution: { met: 0, breached: 1, total: 1, percent: 0 }, satisfaction: { state: "withheld" } });
    expect(few.satisfaction).toEqual({ state: "withheld" });

    const csv = matrixCsv(m).split("\r\n");
    expect(csv[0]).toBe(
      "Period,Requester department,Provider department,Requests filed,First response compliance %,First response met,First response breached,Resolution compliance %,Resolution met,Resolution breached,CSAT %,Satisfied ratings,Ratings",
    );
    expect(csv).toContain(`${year}-Q1,${desk.other.name},${desk.provider.name},14,75,3,1,100,1,0,80,8,10`);
    expect(csv).toContain(`${year}-Q1,${third.name},${desk.provider.name},3,,0,0,0,0,1,not enough responses,,`);
  });

  it("packs every pair for the browser so that it unpacks to the same figures", async () => {
    const m = await internalCustomerMatrix({ actor: hr, period: `${year}-Q1`, now });
    const data = packMatrix(m);
    expect(data.rows.map(([key]) => key)).toEqual(m.requesters.map((d) => d.key));
    expect(data.cols.map(([key]) => key)).toEqual(m.providers.map((d) => d.key));
    expect(data.cells).toHaveLength(m.requesters.length * m.providers.length);
    m.requesters.forEach((r, i) =>
      m.providers.forEach((p, j) => {
        const { requesterDepartmentId, providerId, ...figures } = m.cells.get(cellKey(r.id, p.id))!;
        expect(unpackCell(data.cells[i * m.providers.length + j]!, data.publishesAt)).toEqual(figures);
      }),
    );
    // A shown figure carries its counts; a pair with nothing at all is one character.
    const ours = data.cells[m.requesters.findIndex((d) => d.id === desk.other.id) * m.providers.length + m.providers.findIndex((d) => d.id === desk.provider.id)];
    // SLAs 4 of 5 met (under the 90 % SLA goal) and 80 % satisfied (under the 85 % goal): they agree.
    expect(ours).toEqual([14, 3, 1, 1, 0, 10, 8, 80, 4.4, flagCodes.indexOf("aligned")]);
    expect(unpackCell(0, null)).toEqual({ filed: 0, firstResponse: compliance(0, 0), resolution: compliance(0, 0), satisfaction: { state: "withheld" }, flag: "unknown" });
    expect(measureOf(unpackCell(ours!, null), "experience")).toBe(1);
  });

  it("counts a clock in the month it breached, and lists only departments active in the period", async () => {
    const jan = await internalCustomerMatrix({ actor: admin, period: `${year}-01`, now });
    expect(jan.cells.get(cellKey(third.id, desk.provider.id))).toMatchObject({ filed: 1, resolution: { met: 0, breached: 1 }, satisfaction: { state: "withheld" } });
    expect(jan.requesters.map((d) => d.id)).not.toContain(desk.other.id);
    const feb = await internalCustomerMatrix({ actor: admin, period: `${year}-02`, now });
    expect(feb.requesters.map((d) => d.id)).not.toContain(third.id);
  });

  it("shows a pair month by month", async () => {
    const d = await departmentPairDetail({ actor: hr, period: `${year}-Q1`, requesterKey: desk.other.key, providerKey: desk.provider.key, now });
    expect(d.months.map((m) => [m.period, m.filed, m.firstResponse.total, m.satisfaction.state])).toEqual([
      [`${year}-01`, 0, 0, "withheld"],
      [`${year}-02`, 0, 0, "withheld"],
      [`${year}-03`, 14, 4, "shown"],
    ]);
    expect(d.total).toMatchObject({ filed: 14, firstResponse: { met: 3, breached: 1 } });
  });
});

describe("morale indicators", () => {
  it("gives received and given satisfaction, breach rate, open requests and after-hours replies per department", async () => {
    const r = await moraleIndicators({ actor: hr, period: `${year}-Q1`, now });
    const provider = r.rows.find((x) => x.id === desk.provider.id)!;
    expect(provider).toMatchObject({
      received: { state: "shown", ratings: 15, satisfied: 13 },
      given: { state: "withheld" },
      workload: { state: "shown", breaches: { met: 4, breached: 2, total: 6, breachPercent: 33.3 }, afterHours: { replies: 3, afterHours: 2, percent: 66.7 } },
      agents: 3,
    });
    const other = r.rows.find((x) => x.id === desk.other.id)!;
    expect(other.given).toMatchObject({ state: "shown", ratings: 10, satisfied: 8 });
    expect(r.rows.find((x) => x.id === third.id)!.given).toEqual({ state: "withheld" });
    expect(moraleCsv(r.period, r.rows)).toContain(`${year}-Q1,${third.name},0,too few agents,,`);
  });

  it("trends a department over twelve months, with open requests at each month's end and comment themes as published", async () => {
    const t = await moraleTrend({ actor: hr, period: `${year}-Q1`, departmentKey: desk.provider.key, now });
    expect(t.months.map((m) => m.month)).toEqual([...monthsOf(String(Number(year) - 1)).slice(3), ...monthsOf(`${year}-Q1`)]);
    const march = t.months.at(-1)!;
    // Open at the end of March: the two never resolved and the one resolved in April.
    expect(march.workload).toMatchObject({ open: 3, openPerAgent: 1, breaches: { met: 4, breached: 1 }, afterHours: { replies: 3, afterHours: 2 } });
    expect(t.months.at(-2)!.workload).toMatchObject({ open: 0, breaches: { met: 0, breached: 0 } });
    expect(t.months.at(-3)!.workload).toMatchObject({ open: 1, breaches: { met: 0, breached: 1 } });
    // Nothing published for the quarter (comment-themes.test.ts publishes): closed, so withheld.
    expect(t.themes).toEqual({ state: "withheld" });
  });

  it("shows no themes for a period whose themes were not published", async () => {
    const april = await moraleTrend({ actor: hr, period: `${year}-04`, departmentKey: desk.provider.key, now });
    expect(april.themes).toEqual({ state: "withheld" });
  });
});

describe("HR's experience view", () => {
  it("sets each department's and pair's SLA beside the published satisfaction, goal, hours lost, complaints and reasons, with the flag", async () => {
    const x = await organisationExperience({ actor: hr, period: `${year}-Q1`, now });
    const provider = x.providers.find((r) => r.provider.id === desk.provider.id)!;
    // SLA: 4 of 6 clocks met in the quarter (66.7 %, under the 90 % SLA goal); 13 of 15 satisfied (86.7 %, the 85 % goal met).
    expect(provider.sla).toMatchObject({ met: 4, breached: 2, percent: 66.7 });
    expect(provider.figure.satisfaction).toMatchObject({ state: "shown", ratings: 15, satisfied: 13 });
    expect(provider.figure.experience).toMatchObject({ goalPercent: 85, goal: "met", timeLostAnswers: 2, timeLostHours: 5, complaints: 2, reasonCounts: { fast: 8, had_to_chase: 2 } });
    expect(provider.flag).toBe("hidden_gem");

    const pair = x.pairs.find((r) => r.requester?.id === desk.other.id && r.provider.id === desk.provider.id)!;
    expect(pair).toMatchObject({ sla: { met: 4, breached: 1 }, flag: "aligned", figure: { satisfaction: { state: "shown", ratings: 10, satisfied: 8 }, experience: { complaints: 2, timeLostHours: 5 } } });
    // Two raters of `third`: withheld, and with it every experience value; its SLA still shows.
    const few = x.pairs.find((r) => r.requester?.id === third.id && r.provider.id === desk.provider.id)!;
    expect(few).toMatchObject({ sla: { met: 0, breached: 1 }, flag: "unknown", figure: { satisfaction: { state: "withheld" }, experience: null } });

    const csv = tableCsv(organisationPairTable(x)).split("\r\n");
    expect(csv[0]).toBe("Provider,Requester,SLA compliance %,SLA met,SLA breached,Goal %,Share 4–5 %,Ratings,Goal,Flag,Time lost (hours),Answered time lost,Complaints,Followed up in time,Feel heard,Top reasons");
    expect(csv).toContain(`${desk.provider.name},${desk.other.name},80,4,1,85,80,10,Missed,Agree,5,2,2,0,0,"Fast (8), Had to chase (2)"`);
    const why = (n: number) => Array(n).fill("Not enough responses").join(",");
    expect(csv).toContain(`${desk.provider.name},${third.name},0,0,1,${why(4)},—,${why(6)}`);
    expect(tableCsv(organisationProviderTable(x))).toContain(`${desk.provider.name},66.7,4,2,85,86.7,15,Met,Hidden gem,5,2,2,0,0,"Fast (8), Had to chase (2)"`);

    // Hours lost month by month: March as published, February withheld (nobody rated), the same words as everywhere.
    expect(x.trend.months.at(-1)).toBe(`${year}-03`);
    const hours = hoursLostTable(x);
    const ours = hours.rows.find((r) => r[0] === desk.provider.name)!;
    expect(ours.slice(-2)).toEqual(["Not enough responses", 5]);
    expect(hours.rows[0]![0]).toBe("Whole organisation");
  });

  it("is HR's and admins' only, and says what is wrong with a bad period", async () => {
    for (const actor of [desk.head, desk.agent, desk.requester]) await expectAppError(organisationExperience({ actor, period: `${year}-Q1`, now }), "FORBIDDEN");
    await expectAppError(organisationExperience({ actor: hr, period: "2026-13", now }), "INVALID_INPUT");
    expect((await organisationExperience({ actor: admin, period: `${year}-Q1`, now })).providers.length).toBeGreaterThan(0);
  });
});

describe("who may see the organisation", () => {
  it("refuses heads, agents and employees", async () => {
    for (const actor of [desk.head, desk.agent, desk.requester]) {
      await expectAppError(internalCustomerMatrix({ actor, period: `${year}-Q1`, now }), "FORBIDDEN");
      await expectAppError(moraleIndicators({ actor, period: `${year}-Q1`, now }), "FORBIDDEN");
      await expectAppError(moraleTrend({ actor, period: `${year}-Q1`, departmentKey: desk.provider.key, now }), "FORBIDDEN");
      await expectAppError(departmentPairDetail({ actor, period: `${year}-Q1`, requesterKey: desk.other.key, providerKey: desk.provider.key, now }), "FORBIDDEN");
    }
  });

  it("refuses a malformed or future period with a clear message, and an unknown department as not found", async () => {
    for (const period of ["2026-13", "last week", "", `${year}-Q5`]) {
      const e = await expectAppError(internalCustomerMatrix({ actor: hr, period, now }), "INVALID_INPUT");
      expect(e.userMessage).toMatch(/month|quarter|year/);
    }
    const future = await expectAppError(moraleIndicators({ actor: hr, period: `${Number(year) + 2}`, now }), "INVALID_INPUT");
    expect(future.userMessage).toMatch(/not started/);
    await expectAppError(moraleTrend({ actor: hr, period: `${year}-Q1`, departmentKey: "NOPE", now }), "NOT_FOUND");
    await expectAppError(departmentPairDetail({ actor: hr, period: `${year}-Q1`, requesterKey: desk.other.key, providerKey: "NOPE", now }), "NOT_FOUND");
  });
});

describe("the organisation roll-up job", () => {
  it("recomputes the current and previous month every run and backfills missing months a few at a time", async () => {
    const later = new Date(`${Number(year) + 3}-06-15T00:00:00Z`);
    const first = await refreshOrganisationRollup(db(), { now: later });
    expect(first.months).toEqual([`${Number(year) + 3}-06`, `${Number(year) + 3}-05`, `${Number(year) + 3}-04`, `${Number(year) + 3}-03`, `${Number(year) + 3}-02`, `${Number(year) + 3}-01`]);
    expect(first.remaining).toBe(18);
    const second = await refreshOrganisationRollup(db(), { now: later });
    expect(second.months.slice(0, 3)).toEqual([`${Number(year) + 3}-06`, `${Number(year) + 3}-05`, `${Number(year) + 2}-12`]);
    expect(second.remaining).toBe(14);
  });
});
