import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gapNote, noClockLabel, trendPoints, trendTable } from "@/lib/experience/experience-trend";
import type { ExperienceFigure } from "@/lib/experience/read-experience";
import { withheldLabel } from "@/lib/satisfaction/satisfaction-value";

const shown = (percent: number, hours: number): ExperienceFigure => ({
  satisfaction: { state: "shown", ratings: 10, satisfied: Math.round(percent / 10), percent, mean: 4 },
  experience: { goalPercent: 85, goal: percent >= 85 ? "met" : "missed", timeLostAnswers: 6, timeLostHours: hours, complaints: 1, followedUpInTime: 1, recovered: 0, reasonCounts: {} },
});
const withheld: ExperienceFigure = { satisfaction: { state: "withheld" }, experience: null };
const pending: ExperienceFigure = { satisfaction: { state: "pending", publishesAt: new Date(0) }, experience: null };
const period = (key: string, figure: ExperienceFigure, sla: number | null = 90) => ({ key, label: key, sla: { percent: sla }, figure });

describe("experience trend points", () => {
  it("draw published periods only: a withheld one is a gap in every experience line, the open one is no point at all", () => {
    const points = trendPoints([period("2026-09", shown(90, 12.5)), period("2026-10", withheld, 70), period("2026-11", shown(80, 3), null), period("2026-12", pending)]);
    expect(points.map((p) => p.key)).toEqual(["2026-09", "2026-10", "2026-11"]);
    expect(points[0]).toEqual({ key: "2026-09", label: "2026-09", share: 90, goal: 85, sla: 90, hours: 12.5, withheld: false });
    // SLA compliance is not a rating figure: it stays; the experience values of a withheld month are null, never 0.
    expect(points[1]).toEqual({ key: "2026-10", label: "2026-10", share: null, goal: null, sla: 70, hours: null, withheld: true });
    expect(points[2]!.sla).toBeNull();
  });

  it("say the gaps with the same words as every table, and the table alternative has every value", () => {
    const points = trendPoints([period("Sep", shown(90, 12.5)), period("Oct", withheld), period("Nov", withheld, null)]);
    expect(gapNote(points)).toBe(`${withheldLabel}: Oct, Nov`);
    expect(gapNote(points.slice(0, 1))).toBeNull();
    expect(trendTable("t", points).rows).toEqual([
      ["Sep", 90, 85, 90, 12.5],
      ["Oct", withheldLabel, withheldLabel, 90, withheldLabel],
      ["Nov", withheldLabel, withheldLabel, noClockLabel, withheldLabel],
    ]);
  });

  it("never carry a number for a period whose figure was not shown (property)", () => {
    const figure = fc.oneof(
      fc.record({ percent: fc.integer({ min: 0, max: 100 }), hours: fc.integer({ min: 0, max: 500 }) }).map(({ percent, hours }) => shown(percent, hours)),
      fc.constant(withheld),
      fc.constant(pending),
    );
    fc.assert(
      fc.property(fc.array(figure, { maxLength: 13 }), (figures) => {
        const input = figures.map((f, i) => period(`p${i}`, f));
        const points = trendPoints(input);
        expect(points).toHaveLength(figures.filter((f) => f.satisfaction.state !== "pending").length);
        for (const p of points) {
          const f = input.find((x) => x.key === p.key)!.figure;
          const values = [p.share, p.goal, p.hours];
          if (f.satisfaction.state === "shown") expect(values.every((v) => v !== null)).toBe(true);
          else expect(values).toEqual([null, null, null]);
        }
      }),
    );
  });
});
