import { describe, expect, it } from "vitest";
import { canonicalTimeZone, formatDueTime, formatRelative, formatTime, zoneAbbreviation } from "@/lib/time/format-time";

const at = (iso: string) => new Date(iso);
const now = at("2026-12-02T10:00:00Z");

describe("formatTime: every time in the reader's zone, labelled", () => {
  it("writes one instant in each reader's zone with the zone's abbreviation", () => {
    const t = at("2026-12-03T15:00:00Z");
    expect(formatTime(t, { timeZone: "Europe/Berlin" })).toBe("3 Dec 2026, 16:00 CET");
    expect(formatTime(t, { timeZone: "America/New_York" })).toBe("3 Dec 2026, 10:00 EST");
    expect(formatTime(t, { timeZone: "America/Los_Angeles" })).toBe("3 Dec 2026, 07:00 PST");
    expect(formatTime(t, { timeZone: "Europe/London" })).toBe("3 Dec 2026, 15:00 GMT");
    expect(formatTime(t, { timeZone: "UTC" })).toBe("3 Dec 2026, 15:00 UTC");
    expect(formatTime(t, { timeZone: "Asia/Kolkata" })).toBe("3 Dec 2026, 20:30 GMT+5:30");
    expect(formatTime(t, { timeZone: "Asia/Tokyo" })).toBe("4 Dec 2026, 00:00 GMT+9");
  });

  it("puts an instant on the reader's day, not the server's", () => {
    const lateEvening = at("2026-12-04T03:30:00Z");
    expect(formatTime(lateEvening, { timeZone: "America/New_York", style: "date" })).toBe("3 Dec 2026");
    expect(formatTime(lateEvening, { timeZone: "Europe/Berlin", style: "date" })).toBe("4 Dec 2026");
  });

  it("follows daylight saving across the spring-forward edge (Europe, last Sunday of March)", () => {
    expect(formatTime(at("2026-03-29T00:59:00Z"), { timeZone: "Europe/Berlin" })).toBe("29 Mar 2026, 01:59 CET");
    expect(formatTime(at("2026-03-29T01:00:00Z"), { timeZone: "Europe/Berlin" })).toBe("29 Mar 2026, 03:00 CEST");
  });

  it("tells the two 01:30s of the fall-back night apart by their abbreviation (New York, first Sunday of November)", () => {
    const first = formatTime(at("2026-11-01T05:30:00Z"), { timeZone: "America/New_York" });
    const second = formatTime(at("2026-11-01T06:30:00Z"), { timeZone: "America/New_York" });
    expect(first).toBe("1 Nov 2026, 01:30 EDT");
    expect(second).toBe("1 Nov 2026, 01:30 EST");
  });

  it("uses BST and GMT in London, and the offset where a zone has no common abbreviation", () => {
    expect(zoneAbbreviation(at("2026-07-01T12:00:00Z"), "Europe/London")).toBe("BST");
    expect(zoneAbbreviation(at("2026-01-01T12:00:00Z"), "Europe/London")).toBe("GMT");
    expect(zoneAbbreviation(at("2026-01-01T12:00:00Z"), "Asia/Singapore")).toBe("GMT+8");
    expect(zoneAbbreviation(at("2026-01-01T12:00:00Z"), "America/Sao_Paulo")).toBe("GMT-3");
  });

  it("shows the weekday style without the year in the current year, with it otherwise", () => {
    expect(formatTime(at("2026-11-24T14:00:00Z"), { timeZone: "Europe/Berlin", style: "weekday", now })).toBe("Tue 24 Nov, 15:00 CET");
    expect(formatTime(at("2027-01-04T08:00:00Z"), { timeZone: "Europe/Lisbon", style: "weekday", now })).toBe("Mon 4 Jan 2027, 08:00 WET");
  });

  it("reads an invalid date as a dash instead of throwing", () => {
    expect(formatTime(new Date(Number.NaN), { timeZone: "UTC" })).toBe("—");
  });
});

describe("formatDueTime", () => {
  it("adds the department's local clock time, and its day when that differs", () => {
    const t = at("2026-12-03T15:00:00Z");
    expect(formatDueTime(t, { timeZone: "America/New_York", departmentTimeZone: "Europe/Berlin", departmentName: "IT", now })).toBe("Thu 3 Dec, 10:00 EST (16:00 CET in IT)");
    expect(formatDueTime(at("2026-12-03T23:30:00Z"), { timeZone: "America/New_York", departmentTimeZone: "Europe/Berlin", now })).toBe("Thu 3 Dec, 18:30 EST (Fri 4 Dec, 00:30 CET there)");
    expect(formatDueTime(t, { timeZone: "Europe/Berlin", departmentTimeZone: "Europe/Berlin", now })).toBe("Thu 3 Dec, 16:00 CET");
  });
});

describe("formatRelative and canonicalTimeZone", () => {
  it("says how long ago or until", () => {
    expect(formatRelative(at("2026-12-02T07:00:00Z"), now)).toBe("3 hours ago");
    expect(formatRelative(at("2026-12-04T10:00:00Z"), now)).toBe("in 2 days");
    expect(formatRelative(at("2026-12-02T09:59:30Z"), now)).toBe("just now");
  });

  it("accepts IANA names (canonicalised) and refuses offsets and junk", () => {
    expect(canonicalTimeZone("america/new_york")).toBe("America/New_York");
    expect(canonicalTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("+01:00")).toBeNull();
    expect(canonicalTimeZone("Mars/Olympus")).toBeNull();
    expect(canonicalTimeZone("")).toBeNull();
  });
});
