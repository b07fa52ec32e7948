// The heat map's pure parts: a pair unpacked from what the page ships, the one number a cell shows,
// and the colour steps of each measure.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellNumber, stepFor, stepsOf } from "@/app/(insights)/insights/organisation/heat-scale";
import { unpublishedLabel, withheldLabel } from "@/lib/satisfaction/satisfaction-value";
import { firstView, measureOf, parseShown, shownOf, unpackCell, type HeatMapData } from "@/lib/reports/heat-map-cells";

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

describe("the map as the page first sends it", () => {
  const data: HeatMapData = {
    rows: [["A", "Alpha"], ["B", "Beta"]] as [string, string][],
    cols: [["A", "Alpha"], ["B", "Beta"]] as [string, string][],
    cells: [[12, 9, 1, 0, 0, 10, 8, 80, 4.1, 1], 0, [3, 1, 2, 0, 0], [40, 0, 0, 1, 2, -1]],
    publishesAt: "2027-01-01T00:00:00.000Z",
  };

  it("carries, per cell, exactly what every cell shows for the chosen measure, and the busiest pair", () => {
    for (const measure of ["volume", "firstResponse", "resolution", "csat", "experience"] as const) {
      const first = firstView(data, measure);
      const cells = data.cells.map((c) => unpackCell(c, data.publishesAt));
      expect(parseShown(first.shown)).toEqual(cells.map((c) => shownOf(c, measure)));
      expect(first).toMatchObject({ rows: data.rows, cols: data.cols, measure, maxVolume: 40, publishesAt: data.publishesAt });
      expect(first).not.toHaveProperty("cells");
    }
    expect(firstView(data, "csat").shown).toBe("80,w,w,p");
    expect(firstView(data, "resolution").shown).toBe(",,,33.3");
  });

  it("round-trips any cell's shown value through the string", () => {
    const value = fc.oneof(fc.constant(null), fc.constant("w" as const), fc.constant("p" as const), fc.integer({ min: 0, max: 1_000_000 }), fc.double({ min: 0, max: 100, noNaN: true }).map((n) => Math.round(n * 10) / 10));
    fc.assert(fc.property(fc.array(value, { minLength: 1, maxLength: 60 }), (values) => {
      expect(parseShown(values.map((v) => v ?? "").join(","))).toEqual(values);
    }));
  });
});

describe("what a cell shows", () => {
  it("says in words, for screen readers, what a withheld or pending cell's look means: the labels of the figures", () => {
    // heat-map.css writes them once as generated content instead of in each of 2,500 cells.
    const css = fs.readFileSync(path.join(import.meta.dirname, "../../app/(insights)/insights/organisation/heat-map.css"), "utf8");
    expect(css).toContain(`.hm td.w::after { content: "${withheldLabel}"; }`);
    expect(css).toContain(`.hm td.p::after { content: "${unpublishedLabel}"; }`);
  });

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
