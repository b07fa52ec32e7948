import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Calendar, isOpenAt } from "@/lib/sla";
import { naiveIsOpenMinute } from "../support/naive-business-time";

const berlin: Calendar = {
  timeZone: "Europe/Berlin",
  hours: { mon: [["09:00", "12:00"], ["13:00", "17:00"]], tue: [["09:00", "17:00"]], wed: [["09:00", "17:00"]], thu: [["09:00", "17:00"]], fri: [["09:00", "15:00"]], sat: [], sun: [] },
  holidays: ["2026-12-24"],
};

describe("isOpenAt", () => {
  it("is open from an opening instant up to, not including, the closing one, in the calendar's zone", () => {
    // Monday 2026-11-23, Berlin is UTC+1.
    expect(isOpenAt(berlin, new Date("2026-11-23T07:59:59Z"))).toBe(false);
    expect(isOpenAt(berlin, new Date("2026-11-23T08:00:00Z"))).toBe(true);
    expect(isOpenAt(berlin, new Date("2026-11-23T11:30:00Z"))).toBe(false); // lunch
    expect(isOpenAt(berlin, new Date("2026-11-23T15:59:59Z"))).toBe(true);
    expect(isOpenAt(berlin, new Date("2026-11-23T16:00:00Z"))).toBe(false);
    expect(isOpenAt(berlin, new Date("2026-11-28T10:00:00Z"))).toBe(false); // Saturday
    expect(isOpenAt(berlin, new Date("2026-12-24T10:00:00Z"))).toBe(false); // holiday
  });

  it("agrees with the minute-by-minute model around daylight-saving changes", () => {
    const from = Date.UTC(2026, 2, 20);
    const to = Date.UTC(2026, 10, 5);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Math.floor((to - from) / 60_000) }), (minute) => {
        const t = from + minute * 60_000;
        expect(isOpenAt(berlin, new Date(t))).toBe(naiveIsOpenMinute(berlin, t));
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses an invalid instant", () => {
    expect(() => isOpenAt(berlin, new Date("nope"))).toThrow(RangeError);
  });
});
