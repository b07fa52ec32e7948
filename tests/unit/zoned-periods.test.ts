// Periods of the organisation's time zone: months cut at local midnight, consecutive months that
// neither overlap nor leave a gap whatever zone each was cut in, and "Published on" a date of the zone.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { monthsOf } from "@/lib/satisfaction/figure-periods";
import { publishesAt } from "@/lib/satisfaction/publish-satisfaction";
import { pendingLabel } from "@/lib/satisfaction/satisfaction-value";
import { monthRanges, zonedMonthOf, zonedPeriodRange, zonedQuarterOf } from "@/lib/satisfaction/zoned-periods";

const zones = ["UTC", "Pacific/Auckland", "America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata", "Pacific/Kiritimati", "Pacific/Pago_Pago"];

describe("periods of the organisation's zone", () => {
  it("cuts a month at local midnight (Auckland: NZDT in March, NZST in June)", () => {
    expect(zonedPeriodRange("2026-03", "Pacific/Auckland")).toEqual({ from: new Date("2026-02-28T11:00:00Z"), to: new Date("2026-03-31T11:00:00Z") });
    expect(zonedPeriodRange("2026-06", "Pacific/Auckland")).toEqual({ from: new Date("2026-05-31T12:00:00Z"), to: new Date("2026-06-30T12:00:00Z") });
    expect(zonedPeriodRange("2026-Q1", "UTC")).toEqual({ from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-04-01T00:00:00Z") });
    expect(zonedMonthOf(new Date("2026-03-31T12:30:00Z"), "Pacific/Auckland")).toBe("2026-04");
    expect(zonedMonthOf(new Date("2026-03-31T12:30:00Z"), "UTC")).toBe("2026-03");
    expect(zonedQuarterOf(new Date("2026-12-31T12:00:00Z"), "Pacific/Auckland")).toBe("2027-Q1");
  });

  it("publishes a month ten minutes after it ends in the zone, and says the date there", () => {
    const at = publishesAt("2026-11", "Pacific/Auckland");
    expect(at).toEqual(new Date("2026-11-30T11:10:00Z"));
    expect(pendingLabel({ publishesAt: at, timeZone: "Pacific/Auckland" })).toBe("Published on 1 Dec 2026");
    expect(pendingLabel({ publishesAt: at })).toBe("Published on 30 Nov 2026");
  });

  it("gives consecutive months that touch, however the zone changed between publications", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.array(fc.constantFrom(...zones), { minLength: 12, maxLength: 12 }), (year, zoneOfMonth) => {
        const months = monthsOf(String(year));
        // Each month published in the zone of its day, one after the other, as the job does.
        const recorded = new Map<string, { from: Date; to: Date }>();
        for (let i = 0; i < months.length; i++) {
          const [range] = monthRanges({ months: [months[i]!], timeZone: zoneOfMonth[i]!, recorded, before: i > 0 ? recorded.get(months[i - 1]!) : null }).slice(-1);
          recorded.set(months[i]!, range!);
        }
        const ranges = months.map((m) => recorded.get(m)!);
        for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.from).toEqual(ranges[i - 1]!.to);
        for (const r of ranges) expect(r.to.getTime()).toBeGreaterThan(r.from.getTime());
      }),
      { numRuns: 200 },
    );
  });
});
