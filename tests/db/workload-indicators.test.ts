import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { moraleIndicators } from "@/lib/reports/morale-indicators";
import { moraleTrend } from "@/lib/reports/morale-trend";
import { moraleCsv, trendCsv } from "@/lib/reports/organisation-csv";
import { refreshOrganisationMonths } from "@/lib/reports/organisation-rollup";
import { anonymityThresholds, updateAnonymityThresholds } from "@/lib/satisfaction/anonymity-settings";
import { thresholdsKey } from "@/lib/satisfaction/read-anonymity-thresholds";
import { expectAppError } from "../support/expect-app-error";
import { actorOf, seedDepartment, seedPerson } from "../support/factories";
import { isolatedYear } from "../support/ratings";

type Department = Awaited<ReturnType<typeof seedDepartment>>;

let year: string;
let now: Date;
let hr: Awaited<ReturnType<typeof actorOf>>;
let byAgents: Department[];

beforeEach(async () => {
  year = await isolatedYear();
  now = new Date(`${year}-06-15T00:00:00Z`);
  byAgents = [];
  // Departments with one, two and three agents (a head counts as one).
  for (const agents of [1, 2, 3]) {
    const d = await seedDepartment();
    for (let i = 0; i < agents; i++) await seedPerson({ departmentId: d.id, roles: [{ role: i === 0 ? "HEAD" : "AGENT", departmentId: d.id }] });
    byAgents.push(d);
  }
  hr = await actorOf((await seedPerson({ departmentId: byAgents[2]!.id, roles: [{ role: "HR" }] })).id);
  await refreshOrganisationMonths(db(), { months: [`${year}-05`, `${year}-06`], now });
});

afterEach(async () => {
  await db().setting.deleteMany({ where: { key: thresholdsKey } });
});

const rowsOf = async () => {
  const report = await moraleIndicators({ actor: hr, period: `${year}-Q2`, now });
  return { report, rows: byAgents.map((d) => report.rows.find((r) => r.id === d.id)!) };
};

describe("HR's workload indicators", () => {
  it("are withheld for departments with one or two agents and shown from three (the default minimum)", async () => {
    const { report, rows } = await rowsOf();
    expect(rows.map((r) => [r.agents, r.workload.state])).toEqual([
      [1, "withheld"],
      [2, "withheld"],
      [3, "shown"],
    ]);
    expect(rows[0]!.workload).toEqual({ state: "withheld" });
    expect(rows[2]!.workload).toMatchObject({ openNow: 0, openPerAgent: 0, breaches: { total: 0 }, afterHours: { replies: 0 } });
    const csv = moraleCsv(report.period, report.rows);
    expect(csv).toContain(`${year}-Q2,${byAgents[0]!.name},1,too few agents,,`);
    expect(csv).toContain(`${year}-Q2,${byAgents[2]!.name},3,0,0,`);

    for (const [i, state] of [[1, "withheld"], [2, "shown"]] as const) {
      const trend = await moraleTrend({ actor: hr, period: `${year}-Q2`, departmentKey: byAgents[i]!.key, now });
      expect(new Set(trend.months.map((m) => m.workload.state))).toEqual(new Set([state]));
      if (state === "withheld") expect(trendCsv(trend.department.name, trend.months)).toContain(`${year}-06,too few agents,,`);
    }
  });

  it("follow the minimum HR sets, which never goes below 2", async () => {
    await updateAnonymityThresholds({ actor: hr, input: { minRaters: 5, minComments: 10, minAgents: 2 } });
    expect((await rowsOf()).rows.map((r) => r.workload.state)).toEqual(["withheld", "shown", "shown"]);
    await expectAppError(updateAnonymityThresholds({ actor: hr, input: { minRaters: 5, minComments: 10, minAgents: 1 } }), "INVALID_INPUT");
    // Leaving the agents out keeps the value set before.
    await updateAnonymityThresholds({ actor: hr, input: { minRaters: 6, minComments: 10 } });
    expect(await anonymityThresholds()).toEqual({ minRaters: 6, minComments: 10, minAgents: 2 });
    await updateAnonymityThresholds({ actor: hr, input: { minRaters: 5, minComments: 10, minAgents: 4 } });
    expect((await rowsOf()).rows.map((r) => r.workload.state)).toEqual(["withheld", "withheld", "withheld"]);
  });
});
