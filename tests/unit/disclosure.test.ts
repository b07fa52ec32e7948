import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { releaseFigures } from "@/lib/satisfaction/disclosure";
import { monthsOf, periodsOfMonth } from "@/lib/satisfaction/figure-periods";
import { figureKey, releaseSatisfaction } from "@/lib/satisfaction/satisfaction-universe";
import { lookupFigure } from "@/lib/satisfaction/satisfaction-value";
import { atomOf, atomRows, type Rating } from "../support/rating-atoms";
import { indicator, smallDependencies } from "../support/span";

const departments = ["A", "B", "C"];
const months = ["2025-12", "2026-01", "2026-02", "2026-03", "2026-04"];
const people = ["p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"];

const ratingArb = fc.record({
  provider: fc.constantFrom(...departments),
  requesterDept: fc.constantFrom(...departments),
  agent: fc.constantFrom("a1", "a2", null),
  month: fc.constantFrom(...months),
  rater: fc.constantFrom(...people),
  score: fc.integer({ min: 1, max: 5 }),
});

/** Which ratings a figure key stands for, decided from the key alone (independently of lib/). */
function ratingsOfKey(key: string, ratings: Rating[]): Rating[] {
  const parts = key.split("|");
  const period = parts[parts.length - 1]!;
  const inPeriod = (r: Rating) => monthsOf(period).includes(r.month);
  switch (parts[0]) {
    case "org":
      return ratings.filter(inPeriod);
    case "provider":
      return ratings.filter((r) => inPeriod(r) && r.provider === parts[1]);
    case "given":
      return ratings.filter((r) => inPeriod(r) && r.requesterDept === parts[1]);
    case "pair":
      return ratings.filter((r) => inPeriod(r) && r.requesterDept === parts[1] && r.provider === parts[2]);
    case "agent":
      return ratings.filter((r) => inPeriod(r) && r.provider === parts[1] && r.agent === parts[2]);
    default:
      throw new Error(key);
  }
}

/** Every figure a viewer can ask any dashboard or export for: every kind × department × agent × period. */
function everyFilterCombination(): string[] {
  const periods = [...new Set(months.flatMap((m) => periodsOfMonth(m)))];
  const keys: string[] = [];
  for (const period of periods) {
    keys.push(figureKey.org(period));
    for (const d of departments) {
      keys.push(figureKey.provider(d, period), figureKey.given(d, period));
      for (const agent of ["a1", "a2"]) keys.push(figureKey.agent(d, agent, period));
      for (const p of departments) keys.push(figureKey.pair(d, p, period));
    }
  }
  return keys;
}

describe("satisfaction disclosure", () => {
  it("suppresses the complement: a department total and one agent's figure would give away the other agent's single rater", () => {
    const rows = atomRows([
      ...["p0", "p1", "p2", "p3", "p4"].map((rater) => ({ provider: "A", requesterDept: "B", agent: "a1", month: "2026-01", rater, score: 5 })),
      { provider: "A", requesterDept: "B", agent: "a2", month: "2026-01", rater: "p5", score: 1 },
    ]);
    const byKey = new Map(releaseSatisfaction(rows, 5).map((f) => [f.key, f]));
    expect(byKey.get(figureKey.provider("A", "2026-01"))).toMatchObject({ shown: true, ratings: 6, satisfied: 5 });
    expect(byKey.get(figureKey.agent("A", "a2", "2026-01"))).toMatchObject({ shown: false });
    // Shown, this one would make the department total minus it equal to agent a2's one rating.
    expect(byKey.get(figureKey.agent("A", "a1", "2026-01"))).toMatchObject({ shown: false });
  });

  it("protects across periods: a quarter and two of its months do not give away the third month", () => {
    const rating = (rater: string, month: string) => ({ provider: "A", requesterDept: "B", agent: null, month, rater, score: 4 });
    const rows = atomRows([
      ...["p0", "p1", "p2", "p3", "p4"].map((r) => rating(r, "2026-01")),
      ...["p0", "p1", "p2", "p3", "p4"].map((r) => rating(r, "2026-02")),
      rating("p5", "2026-03"),
    ]);
    const shown = new Set(releaseSatisfaction(rows, 5).filter((f) => f.shown).map((f) => f.key));
    const months = ["2026-01", "2026-02", "2026-03"].filter((m) => shown.has(figureKey.provider("A", m)));
    expect(shown.has(figureKey.provider("A", "2026-Q1")) && months.length === 2).toBe(false);
    expect(shown.has(figureKey.provider("A", "2026-03"))).toBe(false);
  });

  it("shows everything when every group is large enough", () => {
    const raters = ["p0", "p1", "p2", "p3", "p4"];
    const ratings = departments.flatMap((provider) =>
      months.flatMap((month) => raters.flatMap((rater) => (["a1", "a2"] as const).map((agent) => ({ provider, requesterDept: "A", agent, month, rater, score: 4 })))),
    );
    expect(releaseSatisfaction(atomRows(ratings), 5).every((f) => f.shown)).toBe(true);
  });

  it("no filter combination of any view reveals a group of fewer raters than the threshold, even combined with all the others", () => {
    fc.assert(
      fc.property(fc.array(ratingArb, { maxLength: 40 }), fc.integer({ min: 3, max: 6 }), (ratings, minRaters) => {
        const released = new Map(releaseSatisfaction(atomRows(ratings), minRaters).map((f) => [f.key, f]));
        const atoms = [...new Set(ratings.map(atomOf))];
        const column = new Map(atoms.map((a, i) => [a, i]));
        const shown: bigint[][] = [];
        for (const key of everyFilterCombination()) {
          const behind = ratingsOfKey(key, ratings);
          const value = lookupFigure(released, key);
          // Withheld: no number, and "nobody" looks the same as "too few".
          if (value.state !== "shown") continue;
          // A shown figure is right and stands on enough raters...
          expect(value.ratings).toBe(behind.length);
          expect(value.satisfied).toBe(behind.filter((r) => r.score >= 4).length);
          expect(new Set(behind.map((r) => r.rater)).size).toBeGreaterThanOrEqual(minRaters);
          // ...and joins what an observer can combine.
          shown.push(indicator(atoms.length, behind.map((r) => column.get(atomOf(r))!)));
        }
        // No combination of the shown figures may live on the ratings of fewer than minRaters people
        // (exhaustive over every such set of people).
        const raterSets = atoms.map((a) => new Set(ratings.filter((r) => atomOf(r) === a).map((r) => r.rater)));
        expect(smallDependencies(shown, raterSets, people, minRaters)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it("releaseFigures: a figure made only of empty atoms is shown, a lone small one is not", () => {
    const atoms = new Map([["x", { raters: ["p0", "p1"] }]]);
    const released = releaseFigures({ atoms, minRaters: 3, figures: [{ key: "empty", atoms: ["y"] }, { key: "small", atoms: ["x"] }] });
    expect([...released]).toEqual(["empty"]);
  });
});
