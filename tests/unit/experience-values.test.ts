// Experience values (time lost, complaints, reasons) are published beside satisfaction figures. The
// claim (lib/experience/experience-values.ts): they come only with figures the release shows, each is
// the sum of that figure's ratings, and so everything ever published, numbers of every measure
// combined in any way, still never depends on fewer people than the threshold. Checked here as the
// attack test does (publication-over-time.test.ts), with the atoms widened to one column per measure.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { experienceFlag } from "@/lib/experience/watermelon";
import { experienceValues, type ExperienceAtom } from "@/lib/experience/experience-values";
import { goalOutcome } from "@/lib/experience/goal";
import { reasonsFromLines, defaultReasons } from "@/lib/experience/reasons";
import { timeLostTenths } from "@/lib/experience/time-lost";
import { monthsOf } from "@/lib/satisfaction/figure-periods";
import { releaseSatisfaction, type ReleasedFigure } from "@/lib/satisfaction/satisfaction-universe";
import { atomOf, atomRows, type Rating } from "../support/rating-atoms";
import { indicator, smallDependencies } from "../support/span";

type Rated = Rating & { timeLost: string | null; reasons: string[] };

const people = ["p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"];
const year = "2026";
const ratedArb = fc.record({
  provider: fc.constantFrom("A", "B"),
  requesterDept: fc.constantFrom("A", "B", "C"),
  agent: fc.constantFrom("a1", "a2", null),
  month: fc.constantFrom("2026-01", "2026-02", "2026-04"),
  rater: fc.constantFrom(...people),
  score: fc.integer({ min: 1, max: 5 }),
  timeLost: fc.constantFrom(null, "none", "under_1h", "day"),
  reasons: fc.subarray(["fast", "slow", "had_to_chase"]),
});

function experienceAtoms(ratings: Rated[]): ExperienceAtom[] {
  const atoms = new Map<string, ExperienceAtom & { reasons: Record<string, number> }>();
  for (const r of ratings) {
    const key = atomOf(r);
    let atom = atoms.get(key);
    if (!atom) {
      atom = { providerId: r.provider, requesterDepartmentId: r.requesterDept, agentId: r.agent, requestTypeId: r.type ?? null, month: r.month, timeLostAnswers: 0, timeLostTenths: 0, complaints: 0, followedUpInTime: 0, recovered: 0, reasons: {} };
      atoms.set(key, atom);
    }
    if (r.timeLost) {
      atom.timeLostAnswers += 1;
      atom.timeLostTenths += timeLostTenths(r.timeLost)!;
    }
    if (r.score <= 2) atom.complaints += 1;
    for (const reason of r.reasons) atom.reasons[reason] = (atom.reasons[reason] ?? 0) + 1;
  }
  return [...atoms.values()];
}

/** Which ratings a figure stands for, from its key alone (independently of lib/). */
const ratingsOf = (f: ReleasedFigure, ratings: Rated[]) =>
  ratings.filter(
    (r) =>
      monthsOf(f.period).includes(r.month) &&
      (f.providerId === null || r.provider === f.providerId) &&
      (f.requesterDepartmentId === null || r.requesterDept === f.requesterDepartmentId) &&
      (f.agentId === null || r.agent === f.agentId) &&
      (f.requestTypeId === null || r.type === f.requestTypeId),
  );

/** Every publication of the year as the job makes them, with the experience values it stores. */
function publishYear(ratings: Rated[], minRaters: number) {
  const known = new Set<string>();
  const out: { figures: ReleasedFigure[]; values: ReturnType<typeof experienceValues> }[] = [];
  for (const month of monthsOf(year)) {
    const sofar = ratings.filter((r) => r.month <= month);
    const figures = releaseSatisfaction(atomRows(sofar), minRaters, { month, known });
    for (const f of figures) if (f.shown) known.add(f.key);
    out.push({ figures, values: experienceValues(figures, experienceAtoms(sofar)) });
  }
  return out;
}

const reasonKeys = ["fast", "slow", "had_to_chase"];

/**
 * The measures an observer reads, each a per-rating number: ratings, satisfied, the time-lost
 * answers and their hours, complaints, and every reason's count (HR's experience view shows them
 * all side by side, per department, pair and month).
 */
const measures: ((r: Rated) => number)[] = [
  () => 1,
  (r) => (r.score >= 4 ? 1 : 0),
  (r) => (r.timeLost ? 1 : 0),
  (r) => timeLostTenths(r.timeLost) ?? 0,
  (r) => (r.score <= 2 ? 1 : 0),
  ...reasonKeys.map((reason) => (r: Rated) => (r.reasons.includes(reason) ? 1 : 0)),
];

/** Small pairs of four requesting departments at two providers over a quarter, the reasons and time lost of each: where the checked release shows most. */
const quarterArb = fc.record({
  provider: fc.constantFrom("A", "B"),
  requesterDept: fc.constantFrom("A", "B", "C", "D"),
  agent: fc.constantFrom("a1", null),
  month: fc.constantFrom("2026-01", "2026-02", "2026-03"),
  rater: fc.constantFrom(...people),
  score: fc.integer({ min: 1, max: 5 }),
  timeLost: fc.constantFrom(null, "none", "1_4h", "more_day"),
  reasons: fc.subarray(reasonKeys),
});

/** Request types of two providers over a quarter: time lost per type beside every other figure. */
const typedArb = fc.record({
  provider: fc.constantFrom("A", "B"),
  requesterDept: fc.constantFrom("A", "B", "C"),
  agent: fc.constantFrom("a1", null),
  type: fc.constantFrom("t1", "t2", "t3"),
  month: fc.constantFrom("2026-01", "2026-02", "2026-03"),
  rater: fc.constantFrom(...people),
  score: fc.integer({ min: 1, max: 5 }),
  timeLost: fc.constantFrom(null, "none", "1_4h", "more_day"),
  reasons: fc.subarray(reasonKeys),
});

describe("experience values published with satisfaction figures", () => {
  it.each([
    ["spread over the year", fc.array(ratedArb, { maxLength: 30 }), 60],
    ["small pairs over a quarter", fc.array(quarterArb, { minLength: 15, maxLength: 40 }), 25],
    ["time lost per request type", fc.array(typedArb, { minLength: 15, maxLength: 45 }), 25],
  ] as const)("exist only for shown figures and are the sums of exactly their ratings; every number ever published, of every measure (each reason, time lost, its answers), combined in any way, never depends on fewer people than the threshold (%s)", (_, arb, numRuns) => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 3, max: 5 }), (ratings: Rated[], minRaters) => {
        const atoms = [...new Set(ratings.map(atomOf))];
        const column = new Map(atoms.map((a, i) => [a, i]));
        // One column per atom and measure: a published value of measure m is a 0/1 vector on m's block.
        const width = atoms.length * measures.length;
        const shown: bigint[][] = [];
        for (const { figures, values } of publishYear(ratings, minRaters)) {
          const byKey = new Map(figures.map((f) => [f.key, f]));
          for (const [key, v] of values) {
            const figure = byKey.get(key)!;
            expect(figure.shown).toBe(true);
            const behind = ratingsOf(figure, ratings);
            expect(v.complaints).toBe(behind.filter((r) => r.score <= 2).length);
            expect(v.timeLostAnswers).toBe(behind.filter((r) => r.timeLost).length);
            expect(v.timeLostTenths).toBe(behind.reduce((s, r) => s + (timeLostTenths(r.timeLost) ?? 0), 0));
            for (const reason of reasonKeys) expect(v.reasonCounts[reason] ?? 0).toBe(behind.filter((r) => r.reasons.includes(reason)).length);
            measures.forEach((_, m) => shown.push(indicator(width, behind.map((r) => m * atoms.length + column.get(atomOf(r))!))));
          }
          for (const f of figures) if (!f.shown) expect(values.has(f.key)).toBe(false);
        }
        const raterSets = measures.flatMap(() => atoms.map((a) => new Set(ratings.filter((r) => atomOf(r) === a).map((r) => r.rater))));
        expect(smallDependencies(shown, raterSets, people, minRaters)).toEqual([]);
      }),
      { numRuns },
    );
  }, 240_000);

  it("a value of a withheld figure would give a small group away: the check above can fail", () => {
    // Two raters in May: the figure is withheld; publishing its complaints anyway isolates them.
    const rate = (rater: string, score: number): Rated => ({ provider: "A", requesterDept: "B", agent: null, month: "2026-05", rater, score, timeLost: null, reasons: [] });
    const ratings = [rate("p0", 1), rate("p1", 5)];
    const atoms = [...new Set(ratings.map(atomOf))];
    const raterSets = atoms.map((a) => new Set(ratings.filter((r) => atomOf(r) === a).map((r) => r.rater)));
    expect(smallDependencies([indicator(atoms.length, [0])], raterSets, people, 5)).not.toEqual([]);
    const may = publishYear(ratings, 5)[4]!;
    expect(may.values.size).toBe(0);
  });
});

describe("goal, flags and reasons", () => {
  it("the goal is met at exactly its share, in integers", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 100 }), (ratings, goal) => {
        const needed = Math.ceil((goal * ratings) / 100);
        if (needed <= ratings) expect(goalOutcome({ satisfied: needed, ratings }, goal)).toBe("met");
        if (needed >= 1) expect(goalOutcome({ satisfied: needed - 1, ratings }, goal)).toBe("missed");
      }),
    );
  });

  it("flags watermelons and hidden gems, and says nothing without both figures", () => {
    const good = { satisfied: 9, ratings: 10 };
    const poor = { satisfied: 6, ratings: 10 };
    expect(experienceFlag({ sla: { met: 95, breached: 5 }, satisfaction: poor, goalPercent: 85 })).toBe("watermelon");
    expect(experienceFlag({ sla: { met: 50, breached: 50 }, satisfaction: good, goalPercent: 85 })).toBe("hidden_gem");
    expect(experienceFlag({ sla: { met: 95, breached: 5 }, satisfaction: good, goalPercent: 85 })).toBe("aligned");
    expect(experienceFlag({ sla: { met: 0, breached: 0 }, satisfaction: good, goalPercent: 85 })).toBe("unknown");
    expect(experienceFlag({ sla: { met: 9, breached: 1 }, satisfaction: null, goalPercent: 85 })).toBe("unknown");
  });

  it("an edited reason list keeps the keys of labels it keeps, so counts stay with their reason", () => {
    const edited = reasonsFromLines({ positive: "fast\nKept me informed\nQuiet", negative: "Slow", current: defaultReasons });
    expect(edited.map((r) => r.key)).toEqual(["fast", "kept_informed", "quiet", "slow"]);
    expect(new Set(edited.map((r) => r.key)).size).toBe(edited.length);
  });
});
