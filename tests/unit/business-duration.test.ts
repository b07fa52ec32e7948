import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatBusinessDuration, typicalDayMinutes } from "@/lib/experience/working-day";
import { parseCalendar } from "@/lib/sla";

describe("business durations on the queue", () => {
  it("says days and hours of the desk's business day, not a pile of hours", () => {
    // 160 h 19 min over on an 8-hour desk is twenty business days.
    expect(formatBusinessDuration(-(160 * 60 + 19), 480)).toBe("20 d");
    expect(formatBusinessDuration(2 * 480 + 3 * 60, 480)).toBe("2 d 3 h");
    expect(formatBusinessDuration(480, 480)).toBe("1 d");
    expect(formatBusinessDuration(479, 480)).toBe("7 h 59 min");
    expect(formatBusinessDuration(200, 480)).toBe("3 h 20 min");
    expect(formatBusinessDuration(120, 480)).toBe("2 h");
    expect(formatBusinessDuration(45, 480)).toBe("45 min");
    expect(formatBusinessDuration(0, 480)).toBe("0 min");
    // A ten-hour desk has longer days; a remainder that rounds to a whole day is that day.
    expect(formatBusinessDuration(2 * 600 + 5 * 60, 600)).toBe("2 d 5 h");
    expect(formatBusinessDuration(480 + 475, 480)).toBe("2 d");
  });

  it("never shows more hours than a business day has, nor a zero hour", () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: 60, max: 1440 }), (minutes, day) => {
        const text = formatBusinessDuration(minutes, day);
        expect(text).toMatch(/^(\d+ d( [1-9]\d* h)?|\d+ h( \d+ min)?|\d+ min)$/);
        const hours = /d (\d+) h/.exec(text)?.[1];
        if (hours) expect(Number(hours) * 60).toBeLessThan(day);
      }),
    );
  });

  it("takes the length of a day from the department's calendar", () => {
    const nine = [["08:00", "17:00"]] as [string, string][];
    const calendar = parseCalendar({ timeZone: "Europe/Berlin", hours: { mon: nine, tue: nine, wed: nine, thu: nine, fri: [["08:00", "12:00"]], sat: [], sun: [] }, holidays: [] });
    expect(typicalDayMinutes(calendar)).toBe(9 * 60);
    expect(formatBusinessDuration(9 * 60 * 2 + 60, typicalDayMinutes(calendar))).toBe("2 d 1 h");
  });
});
