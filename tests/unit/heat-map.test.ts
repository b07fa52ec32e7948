// The heat map's pure parts: a pair unpacked from what the page ships, the one number a cell shows,
// and the colour steps of each measure.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellNumber, stepFor, stepsOf } from "@/app/(insights)/insights/organisation/heat-scale";
import { measureOf, unpackCell } from "@/lib/reports/heat-map-cells";

describe("a packed pair", () => {
  it("unpacks to its counts, compliance and satisfaction in each of its three states", () => {
    const shown = unpackCell([12, 9, 1, 5, 5, 10, 8, 80, 4.1], null);
    expect(shown).toMatchObject({ filed: 12, firstResponse: { met: 9, breached: 1, total: 10, percent: 90 }, resolution: { percent: 50 } });
    expect(shown.satisfaction).toEqual({ state: "shown", ratings: 10, satisfied: 8, percent: 80, mean: 4.1 });
    expect(unpackCell([3, 0, 0, 0, 0], null).satisfaction).toEqual({ state: "withheld" });
    expect(unpackCell(0, null)).toMatchObject({ filed: 0, firstResponse: { total: 0, percent: null }, satisfaction: { state: "withheld" } });
    expect(unpackCell([0, 0, 0, 0, 0, -1], "2027-01-01T00:00:00.000Z").satisfaction).toEqual({ state: "pending", publishesAt: new Date("2027-01-01T00:00:00Z") });
  });

  it("has one number per measure, and none where nothing was filed, decided or published", () => {
    const cell = unpackCell([12, 9, 1, 0, 0, -1], "2027-01-01T00:00:00.000Z");
    expect([measureOf(cell, "volume"), measureOf(cell, "firstResponse"), measureOf(cell, "resolution"), measureOf(cell, "csat")]).toEqual([12, 90, null, null]);
    expect(measureOf(unpackCell(0, null), "volume")).toBeNull();
  });
});

describe("what a cell shows", () => {
  it("never rounds a breach up to 100 % or a success down to 0 %", () => {
    expect([cellNumber("resolution", 99.6), cellNumber("csat", 0.4), cellNumber("resolution", 100), cellNumber("resolution", 0), cellNumber("volume", 7)]).toEqual([
      "99\u202f%",
      "1\u202f%",
      "100\u202f%",
      "0\u202f%",
      "7",
    ]);
    fc.assert(fc.property(fc.double({ min: 0.01, max: 99.99, noNaN: true }), (v) => {
      const n = Number.parseInt(cellNumber("firstResponse", v), 10);
      return n >= 1 && n <= 99;
    }));
  });

  it("colours compliance and CSAT by fixed bounds", () => {
    const steps = stepsOf("csat", 0);
    expect([69.9, 70, 85, 94.9, 95, 100].map((v) => stepFor(steps, v).className)).toEqual(["q0", "q1", "q2", "q3", "q4", "q4"]);
  });

  it("splits requests filed into at most five steps that cover 1 to the busiest pair, each value in the step its label names", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 100_000 }), (max, seed) => {
        const steps = stepsOf("volume", max);
        expect(steps.length).toBeLessThanOrEqual(5);
        expect(steps[0]!.from).toBe(1);
        const value = 1 + (seed % max);
        const [low, high = low] = stepFor(steps, value).label.split("–").map(Number);
        expect(value).toBeGreaterThanOrEqual(low!);
        expect(value).toBeLessThanOrEqual(high!);
        expect(steps.at(-1)!.label.endsWith(String(max))).toBe(true);
      }),
    );
  });
});
