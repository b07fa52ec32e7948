import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pulseFigureKey, releasePulse, type PulseAtomRow } from "@/lib/satisfaction/pulse-universe";
import { followingPeriod } from "@/lib/satisfaction/pulse-periods";
import { lookupFigure } from "@/lib/satisfaction/satisfaction-value";
import { indicator, smallDependencies } from "../support/span";

type Answer = { round: string; respondent: string; respondentDept: string; rated: string; score: number };

const departments = ["A", "B", "C"];
const rounds = ["r1", "r2"];
/** A person belongs to one department, as in the desk: p0-p3 in A, p4-p7 in B, p8-p11 in C. */
const people = Array.from({ length: 12 }, (_, i) => ({ id: `p${i}`, dept: departments[Math.floor(i / 4)]! }));

const answerArb = fc
  .record({ round: fc.constantFrom(...rounds), person: fc.constantFrom(...people), rated: fc.constantFrom(...departments), score: fc.integer({ min: 1, max: 5 }) })
  .filter((a) => a.person.dept !== a.rated)
  .map((a): Answer => ({ round: a.round, respondent: a.person.id, respondentDept: a.person.dept, rated: a.rated, score: a.score }));

/** One answer per round, respondent and rated department, as the unique key of PulseResponse keeps it. */
const answersArb = fc.uniqueArray(answerArb, { maxLength: 40, selector: (a) => `${a.round}|${a.respondent}|${a.rated}` });

const atomOf = (a: Answer) => `${a.round}|${a.respondentDept}|${a.rated}`;

function atomRows(answers: Answer[]): PulseAtomRow[] {
  const rows = new Map<string, PulseAtomRow & { raterSet: Set<string> }>();
  for (const a of answers) {
    const key = atomOf(a);
    let row = rows.get(key);
    if (!row) {
      row = { roundId: a.round, respondentDepartmentId: a.respondentDept, ratedDepartmentId: a.rated, raters: [], raterSet: new Set(), responses: 0, satisfied: 0, scoreSum: 0 };
      rows.set(key, row);
    }
    row.raterSet.add(a.respondent);
    row.responses += 1;
    row.satisfied += a.score >= 4 ? 1 : 0;
    row.scoreSum += a.score;
  }
  return [...rows.values()].map(({ raterSet, ...row }) => ({ ...row, raters: [...raterSet] }));
}

/** Which answers a figure key stands for, decided from the key alone (independently of lib/). */
function answersOfKey(key: string, answers: Answer[]): Answer[] {
  const parts = key.split("|");
  const round = parts[parts.length - 1]!;
  const inRound = answers.filter((a) => a.round === round);
  switch (parts[0]) {
    case "round":
      return inRound;
    case "received":
      return inRound.filter((a) => a.rated === parts[1]);
    case "given":
      return inRound.filter((a) => a.respondentDept === parts[1]);
    case "pair":
      return inRound.filter((a) => a.respondentDept === parts[1] && a.rated === parts[2]);
    default:
      throw new Error(key);
  }
}

/** Every figure any results view (HR's or a head's) can ask for. */
function everyFigure(): string[] {
  const keys: string[] = [];
  for (const round of rounds) {
    keys.push(pulseFigureKey.round(round));
    for (const d of departments) {
      keys.push(pulseFigureKey.received(d, round), pulseFigureKey.given(d, round));
      for (const r of departments) keys.push(pulseFigureKey.pair(d, r, round));
    }
  }
  return keys;
}

describe("pulse disclosure", () => {
  it("hides a department's single other respondent: the department total and the big pair are not both shown", () => {
    const answers: Answer[] = [
      ...["p4", "p5", "p6", "p7"].map((respondent) => ({ round: "r1", respondent, respondentDept: "B", rated: "A", score: 5 })),
      { round: "r1", respondent: "p8", respondentDept: "C", rated: "A", score: 5 },
      { round: "r1", respondent: "p9", respondentDept: "C", rated: "A", score: 1 },
    ];
    const figures = releasePulse(atomRows(answers), 4);
    expect(lookupFigure(figures, pulseFigureKey.received("A", "r1"))).toMatchObject({ state: "shown", ratings: 6 });
    expect(lookupFigure(figures, pulseFigureKey.pair("C", "A", "r1"))).toEqual({ state: "withheld" });
    // Shown, this pair would make the department total minus it equal to C's two answers.
    expect(lookupFigure(figures, pulseFigureKey.pair("B", "A", "r1"))).toEqual({ state: "withheld" });
    expect(lookupFigure(figures, pulseFigureKey.pair("A", "B", "r1"))).toEqual({ state: "withheld" });
  });

  it("no combination of the results views reveals a group of fewer respondents than the threshold", () => {
    fc.assert(
      fc.property(answersArb, fc.integer({ min: 3, max: 6 }), (answers, minRaters) => {
        const released = releasePulse(atomRows(answers), minRaters);
        const atoms = [...new Set(answers.map(atomOf))];
        const column = new Map(atoms.map((a, i) => [a, i]));
        const shown: bigint[][] = [];
        for (const key of everyFigure()) {
          const behind = answersOfKey(key, answers);
          const value = lookupFigure(released, key);
          // Withheld: no number, and "nobody" looks the same as "too few".
          if (value.state !== "shown") continue;
          expect(value.ratings).toBe(behind.length);
          expect(value.satisfied).toBe(behind.filter((a) => a.score >= 4).length);
          expect(new Set(behind.map((a) => a.respondent)).size).toBeGreaterThanOrEqual(minRaters);
          shown.push(indicator(atoms.length, behind.map((a) => column.get(atomOf(a))!)));
        }
        // No combination of the shown figures may live on the answers of fewer than minRaters people
        // (exhaustive over every such set of the 12 people).
        const raterSets = atoms.map((atom) => new Set(answers.filter((a) => atomOf(a) === atom).map((a) => a.respondent)));
        expect(smallDependencies(shown, raterSets, people.map((p) => p.id), minRaters)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("a recurring survey's next period follows the last, across the year", () => {
    expect(followingPeriod("2026-11")).toBe("2026-12");
    expect(followingPeriod("2026-12")).toBe("2027-01");
    expect(followingPeriod("2026-Q3")).toBe("2026-Q4");
    expect(followingPeriod("2026-Q4")).toBe("2027-Q1");
    expect(() => followingPeriod("2026")).toThrow();
  });
});
