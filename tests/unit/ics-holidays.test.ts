import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { holidaysFromIcs } from "@/lib/service-levels/ics-holidays";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "../fixtures/ics", name), "utf8");
const window = { from: "2025-12-01", until: "2029-12-01" };

describe("holidays from .ics files (ical.js)", () => {
  it("expands yearly and monthly rules, skips EXDATE, adds RDATE, follows a moved occurrence, and keeps names", () => {
    const holidays = holidaysFromIcs(fixture("public-holidays.ics"), { calendarZone: "Europe/Berlin", ...window });
    const byDate = new Map(holidays.map((h) => [h.date, h.name]));
    // New Year every year of the window (the 2026 series start is inside it too).
    for (const year of [2026, 2027, 2028, 2029]) expect(byDate.get(`${year}-01-01`)).toBe("New Year's Day");
    // Christmas 24-26 Dec, three times, but not 2027 (EXDATE).
    for (const d of ["2026-12-24", "2026-12-25", "2026-12-26", "2028-12-24", "2028-12-25", "2028-12-26"]) expect(byDate.get(d), d).toBe("Christmas holidays");
    expect(byDate.has("2027-12-24")).toBe(false);
    expect(byDate.has("2029-12-24")).toBe(false); // COUNT=3 includes the excluded one
    // First Monday of Jan, Feb (moved to the 3rd) and Mar, plus the RDATE.
    expect(byDate.get("2027-01-04")).toBe("Team day");
    expect(byDate.has("2027-02-01")).toBe(false);
    expect(byDate.get("2027-02-03")).toBe("Team day (moved)");
    expect(byDate.get("2027-03-01")).toBe("Team day");
    expect(byDate.get("2027-03-15")).toBe("Team day");
    // 20:00-23:00 in New York is 02:00-05:00 the next day in Berlin.
    expect(byDate.get("2026-07-04")).toBe("Summer party (afternoon off)");
    expect(byDate.has("2026-07-03")).toBe(false);
    expect(holidays.map((h) => h.date)).toEqual([...holidays.map((h) => h.date)].sort());
  });

  it("reads the same timed event on the date of the calendar's own zone", () => {
    const tokyo = holidaysFromIcs(fixture("public-holidays.ics"), { calendarZone: "Asia/Tokyo", ...window });
    const newYork = holidaysFromIcs(fixture("public-holidays.ics"), { calendarZone: "America/New_York", ...window });
    expect(tokyo.find((h) => h.name.startsWith("Summer"))?.date).toBe("2026-07-04");
    expect(newYork.find((h) => h.name.startsWith("Summer"))?.date).toBe("2026-07-03");
  });

  it("reads a TZID that is not an IANA name from the file's VTIMEZONE (Outlook's 'Eastern Standard Time')", () => {
    // 19:00-21:00 EST (UTC-5) is 00:00-02:00 UTC on the 16th.
    expect(holidaysFromIcs(fixture("windows-zone.ics"), { calendarZone: "UTC", ...window })).toEqual([{ date: "2026-12-16", name: "Closed for inventory" }]);
    expect(holidaysFromIcs(fixture("windows-zone.ics"), { calendarZone: "America/Chicago", ...window })).toEqual([{ date: "2026-12-15", name: "Closed for inventory" }]);
  });

  it("takes only the window of an endless rule", () => {
    const holidays = holidaysFromIcs(fixture("public-holidays.ics"), { calendarZone: "UTC", from: "2027-06-01", until: "2028-06-01" });
    expect(holidays.filter((h) => h.name === "New Year's Day").map((h) => h.date)).toEqual(["2028-01-01"]);
  });

  it("refuses what it cannot read with a message for the file field, never anything else", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom("", "BEGIN:VCALENDAR\r\n", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:"), (tail, head) => {
        try {
          holidaysFromIcs(head + tail, { calendarZone: "UTC", ...window });
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
          expect((e as AppError).fieldErrors?.ics?.[0]).toBeTruthy();
        }
      }),
      { numRuns: 300 },
    );
  });
});
