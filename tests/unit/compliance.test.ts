import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compliance } from "@/lib/reports/compliance";

describe("compliance %", () => {
  it("is met / (met + breached) with one decimal, shown with its counts", () => {
    expect(compliance(2, 1)).toEqual({ met: 2, breached: 1, total: 3, percent: 66.7 });
    expect(compliance(1, 0).percent).toBe(100);
    expect(compliance(0, 4).percent).toBe(0);
    expect(compliance(3, 1, 2)).toEqual({ met: 3, breached: 1, total: 4, percent: 75, everBreached: 2 });
  });

  it("is no figure at all when nothing was counted, never 0 %", () => {
    expect(compliance(0, 0)).toEqual({ met: 0, breached: 0, total: 0, percent: null });
  });

  it("stays between 0 and 100 and within a twentieth of a point of the exact ratio", () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(1_000_000), (met, breached) => {
        const c = compliance(met, breached);
        if (met + breached === 0) return c.percent === null;
        const exact = (met * 100) / (met + breached);
        return c.percent! >= 0 && c.percent! <= 100 && Math.abs(c.percent! - exact) <= 0.05 + 1e-9;
      }),
    );
  });
});
