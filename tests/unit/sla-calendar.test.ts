import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  businessMinutesBetween,
  type Calendar,
  CalendarError,
  compileCalendar,
  openMinutesOnDate,
  type OpeningSpan,
  parseCalendar,
  type Weekday,
} from "@/lib/sla";

const CLOSED_WEEK: Record<Weekday, OpeningSpan[]> = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

function calendar(timeZone: string, hours: Partial<Record<Weekday, OpeningSpan[]>>, holidays: string[] = []): Calendar {
  return parseCalendar({ timeZone, hours: { ...CLOSED_WEEK, ...hours }, holidays });
}

function weekdays(...spans: OpeningSpan[]): Partial<Record<Weekday, OpeningSpan[]>> {
  return { mon: spans, tue: spans, wed: spans, thu: spans, fri: spans };
}

const allDay: OpeningSpan[] = [["00:00", "24:00"]];
const office = calendar("Europe/Berlin", weekdays(["08:00", "18:00"]), ["2025-12-25", "2025-12-26"]);
const splitShift = calendar("Europe/Berlin", weekdays(["09:00", "12:00"], ["13:00", "17:00"]));
const roundTheClock = calendar("Europe/Berlin", {
  mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay,
});
const lateShift = calendar("Europe/Berlin", weekdays(["16:00", "24:00"]));
const mondayTuesday = calendar("Europe/Berlin", { mon: allDay, tue: allDay });
const berlinSundayNight = calendar("Europe/Berlin", { sun: [["01:00", "04:00"]] });
const newYorkSundayNight = calendar("America/New_York", { sun: [["00:00", "03:00"]] });
const newYorkSundayHour = calendar("America/New_York", { sun: [["01:00", "02:00"]] });
const kolkata = calendar("Asia/Kolkata", weekdays(["09:30", "18:00"]));

describe("addBusinessMinutes", () => {
  // Instants are written in the calendar's local offset so the table reads like the desk's wall clock.
  const cases: [string, Calendar, string, number, string][] = [
    ["240 min filed Mon 16:00 is due Tue 10:00", office, "2025-06-02T16:00+02:00", 240, "2025-06-03T10:00+02:00"],
    ["Fri 17:00 + 120 min is due Mon 09:00", office, "2025-06-06T17:00+02:00", 120, "2025-06-09T09:00+02:00"],
    ["filed Saturday counts from Monday's opening", office, "2025-06-07T11:00+02:00", 60, "2025-06-09T09:00+02:00"],
    ["filed before opening counts from opening", office, "2025-06-02T06:30+02:00", 30, "2025-06-02T08:30+02:00"],
    ["0 min while closed is the next opening", office, "2025-06-07T11:00+02:00", 0, "2025-06-09T08:00+02:00"],
    ["0 min while open is the start itself", office, "2025-06-02T11:11+02:00", 0, "2025-06-02T11:11+02:00"],
    ["a target used up at closing is due at closing", office, "2025-06-02T08:00+02:00", 600, "2025-06-02T18:00+02:00"],
    ["one more minute rolls to the next morning", office, "2025-06-02T08:00+02:00", 601, "2025-06-03T08:01+02:00"],
    ["0 min exactly at closing is the next opening", office, "2025-06-02T18:00+02:00", 0, "2025-06-03T08:00+02:00"],
    ["5 business days from Mon noon is Mon noon", office, "2025-06-02T12:00+02:00", 3000, "2025-06-09T12:00+02:00"],
    ["Christmas holidays and the weekend are skipped", office, "2025-12-24T16:00+01:00", 240, "2025-12-29T10:00+01:00"],
    ["split shift: lunch is skipped", splitShift, "2025-06-02T11:00+02:00", 120, "2025-06-02T14:00+02:00"],
    ["split shift: 0 min at lunch is 13:00", splitShift, "2025-06-02T12:30+02:00", 0, "2025-06-02T13:00+02:00"],
    ["split shift: morning used up at 12:00", splitShift, "2025-06-02T09:00+02:00", 180, "2025-06-02T12:00+02:00"],
    ["split shift: carries into the next day", splitShift, "2025-06-02T16:00+02:00", 300, "2025-06-03T14:00+02:00"],
    ["24x7: a day is 24 real hours across spring forward", roundTheClock, "2025-03-29T12:00+01:00", 1440, "2025-03-30T13:00+02:00"],
    ["24x7: a week is 10080 real minutes", roundTheClock, "2025-03-28T12:00+01:00", 10080, "2025-04-04T13:00+02:00"],
    ["24x7: fall back adds no wall hour", roundTheClock, "2025-10-25T12:00+02:00", 1440, "2025-10-26T11:00+01:00"],
    ["24:00 end: late shift continues next afternoon", lateShift, "2025-06-02T23:00+02:00", 120, "2025-06-03T17:00+02:00"],
    ["24:00 end: open days join across midnight", mondayTuesday, "2025-06-02T23:00+02:00", 120, "2025-06-03T01:00+02:00"],
    ["24:00 end: Friday night rolls to Monday", lateShift, "2025-06-06T23:30+02:00", 60, "2025-06-09T16:30+02:00"],
    ["Berlin spring forward: 01:00 + 60 min is 03:00", berlinSundayNight, "2025-03-30T01:00+01:00", 60, "2025-03-30T03:00+02:00"],
    ["Berlin spring forward: the day holds 120 min", berlinSundayNight, "2025-03-29T12:00+01:00", 120, "2025-03-30T04:00+02:00"],
    ["Berlin spring forward: minute 121 is next Sunday", berlinSundayNight, "2025-03-29T12:00+01:00", 121, "2025-04-06T01:01+02:00"],
    ["New York fall back: first 01:30", newYorkSundayNight, "2025-11-02T00:00-04:00", 90, "2025-11-02T01:30-04:00"],
    ["New York fall back: second 01:30", newYorkSundayNight, "2025-11-02T00:00-04:00", 150, "2025-11-02T01:30-05:00"],
    ["New York fall back: the day holds 240 min", newYorkSundayNight, "2025-11-02T00:00-04:00", 240, "2025-11-02T03:00-05:00"],
    ["New York fall back: minute 241 is next Sunday", newYorkSundayNight, "2025-11-02T00:00-04:00", 241, "2025-11-09T00:01-05:00"],
    ["half-hour zone (Kolkata)", kolkata, "2025-06-02T17:00+05:30", 90, "2025-06-03T10:00+05:30"],
    ["a year of business time skips whole weeks", office, "2025-01-01T00:00+01:00", 250 * 600, "2025-12-16T18:00+01:00"],
    // 5 Sundays of 60 min plus the repeated hour on 2025-11-02: the week skipping must stop at the closing time.
    ["target used up exactly at the end of skipped weeks", newYorkSundayHour, "2025-10-12T00:00-04:00", 360, "2025-11-09T02:00-05:00"],
    ["fractional minutes are kept to the millisecond", office, "2025-06-02T08:00+02:00", 1.5, "2025-06-02T08:01:30+02:00"],
  ];

  it.each(cases)("%s", (_name, cal, start, minutes, due) => {
    expect(addBusinessMinutes(cal, new Date(start), minutes).toISOString()).toBe(new Date(due).toISOString());
  });

  it("rejects negative, NaN and infinite minutes and invalid dates", () => {
    const start = new Date("2025-06-02T08:00+02:00");
    expect(() => addBusinessMinutes(office, start, -1)).toThrow(RangeError);
    expect(() => addBusinessMinutes(office, start, Number.NaN)).toThrow(/minutes must be a finite number >= 0/);
    expect(() => addBusinessMinutes(office, start, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => addBusinessMinutes(office, new Date("not a date"), 10)).toThrow(/start must be a valid Date/);
  });

  it("validates a raw calendar before doing arithmetic", () => {
    const raw = { timeZone: "Europe/Berlin", hours: CLOSED_WEEK, holidays: [] } as Calendar;
    expect(() => addBusinessMinutes(raw, new Date(), 10)).toThrow(CalendarError);
  });
});

describe("businessMinutesBetween", () => {
  const cases: [string, Calendar, string, string, number][] = [
    ["Mon 16:00 to Tue 10:00", office, "2025-06-02T16:00+02:00", "2025-06-03T10:00+02:00", 240],
    ["Fri 17:00 to Mon 09:00", office, "2025-06-06T17:00+02:00", "2025-06-09T09:00+02:00", 120],
    ["a closed weekend", office, "2025-06-07T00:00+02:00", "2025-06-09T00:00+02:00", 0],
    ["to before from", office, "2025-06-03T10:00+02:00", "2025-06-02T16:00+02:00", 0],
    ["half a minute", office, "2025-06-02T09:00:00+02:00", "2025-06-02T09:00:30+02:00", 0.5],
    ["split shift day", splitShift, "2025-06-02T00:00+02:00", "2025-06-03T00:00+02:00", 420],
    ["24x7 across spring forward is real time", roundTheClock, "2025-03-29T00:00+01:00", "2025-03-31T00:00+02:00", 47 * 60],
    ["Berlin spring-forward Sunday", berlinSundayNight, "2025-03-29T00:00+01:00", "2025-03-31T00:00+02:00", 120],
    ["New York fall-back Sunday", newYorkSundayNight, "2025-11-01T00:00-04:00", "2025-11-03T00:00-05:00", 240],
    // 259 working days (261 weekdays minus Christmas Day and Boxing Day) of 10 hours.
    ["office year 2025 (week arithmetic)", office, "2025-01-01T00:00+01:00", "2026-01-01T00:00+01:00", 259 * 600],
    // 26 Sundays of 3 hours, minus the hour skipped on 2025-03-09.
    ["New York H1 2025 Sundays (DST correction)", newYorkSundayNight, "2025-01-01T00:00-05:00", "2025-07-01T00:00-04:00", 26 * 180 - 60],
    ["New York 2025 Sundays (both DST changes)", newYorkSundayNight, "2025-01-01T00:00-05:00", "2026-01-01T00:00-05:00", 52 * 180],
  ];

  it.each(cases)("%s", (_name, cal, from, to, minutes) => {
    expect(businessMinutesBetween(cal, new Date(from), new Date(to))).toBe(minutes);
  });

  it("rejects invalid dates", () => {
    expect(() => businessMinutesBetween(office, new Date(Number.NaN), new Date())).toThrow(/from must be a valid Date/);
  });
});

describe("openMinutesOnDate", () => {
  const cases: [string, Calendar, string, number][] = [
    ["regular office day", office, "2025-06-02", 600],
    ["holiday", office, "2025-12-25", 0],
    ["weekend", office, "2025-06-07", 0],
    ["Berlin 01:00-04:00 on spring forward (02:00-03:00 does not exist)", berlinSundayNight, "2025-03-30", 120],
    ["Berlin 01:00-04:00 on fall back (02:00-03:00 twice)", berlinSundayNight, "2025-10-26", 240],
    ["New York 00:00-03:00 on fall back (01:00-02:00 twice)", newYorkSundayNight, "2025-11-02", 240],
    ["New York 00:00-03:00 on spring forward", newYorkSundayNight, "2025-03-09", 120],
    ["Sydney 02:00-03:00 on fall back", calendar("Australia/Sydney", { sun: [["02:00", "03:00"]] }), "2025-04-06", 120],
    ["Sydney 02:00-03:00 on spring forward", calendar("Australia/Sydney", { sun: [["02:00", "03:00"]] }), "2025-10-05", 0],
    // Brazil used to change at midnight: 2018-11-04 started at 01:00, 2019-02-16 had 23:00-24:00 twice.
    ["Sao Paulo midnight spring forward", calendar("America/Sao_Paulo", { sun: [["00:00", "02:00"]] }), "2018-11-04", 60],
    ["Sao Paulo midnight fall back", calendar("America/Sao_Paulo", { sat: [["23:00", "24:00"]] }), "2019-02-16", 120],
  ];

  it.each(cases)("%s", (_name, cal, date, minutes) => {
    expect(openMinutesOnDate(cal, date)).toBe(minutes);
  });
});

describe("parseCalendar", () => {
  const base = { timeZone: "Europe/Berlin", hours: { ...CLOSED_WEEK, mon: [["09:00", "17:00"]] }, holidays: [] };
  const withMonday = (mon: unknown) => ({ ...base, hours: { ...base.hours, mon } });

  const invalid: [string, unknown, RegExp][] = [
    ["not an object", "Europe/Berlin", /calendar must be an object/],
    ["unknown time zone", { ...base, timeZone: "Mars/Olympus_Mons" }, /timeZone "Mars\/Olympus_Mons" is not a known IANA time zone/],
    ["missing time zone", { ...base, timeZone: undefined }, /timeZone must be an IANA time zone name/],
    ["empty time zone", { ...base, timeZone: "" }, /timeZone "" is not a known IANA time zone/],
    ["hours not an object", { ...base, hours: [] }, /hours must be an object with the keys mon, tue/],
    ["misspelt weekday", { ...base, hours: { ...base.hours, Tuesday: [] } }, /hours\.Tuesday is not a weekday/],
    ["missing weekday", { ...base, hours: { mon: [["09:00", "17:00"]] } }, /hours\.tue is missing \(use \[\] for a day/],
    ["day not an array", withMonday("09:00-17:00"), /hours\.mon must be an array of \["HH:MM", "HH:MM"\] spans/],
    ["span not a pair", withMonday([["09:00"]]), /hours\.mon\[0\] must be a pair/],
    ["single-digit hour", withMonday([["9:00", "17:00"]]), /hours\.mon\[0\]\[0\]: "9:00" is not a start time "HH:MM"/],
    ["hour 25", withMonday([["09:00", "25:00"]]), /hours\.mon\[0\]\[1\]: "25:00" is not an end time/],
    ["minute 60", withMonday([["09:60", "17:00"]]), /"09:60" is not a start time/],
    ["24:01", withMonday([["09:00", "24:01"]]), /"24:01" is not an end time/],
    ["24:00 as a start", withMonday([["24:00", "24:00"]]), /"24:00" is not a start time/],
    ["number instead of string", withMonday([[9, 17]]), /hours\.mon\[0\]\[0\]: 9 is not a start time/],
    ["reversed span", withMonday([["18:00", "08:00"]]), /hours\.mon\[0\]: 18:00-08:00 ends before it starts.*cannot cross midnight/],
    ["empty span", withMonday([["09:00", "09:00"]]), /hours\.mon\[0\]: 09:00-09:00 is empty/],
    ["overlapping spans", withMonday([["13:00", "17:00"], ["09:00", "13:30"]]), /hours\.mon: spans 09:00-13:30 and 13:00-17:00 overlap/],
    ["holidays not an array", { ...base, holidays: "2025-12-25" }, /holidays must be an array of "YYYY-MM-DD" dates/],
    ["non-existent date", { ...base, holidays: ["2025-02-29"] }, /holidays\[0\]: "2025-02-29" is not a valid date "YYYY-MM-DD"/],
    ["unpadded date", { ...base, holidays: ["2025-12-25", "2025-1-1"] }, /holidays\[1\]: "2025-1-1" is not a valid date/],
    ["no open time at all", { ...base, hours: CLOSED_WEEK }, /calendar has no open time: every weekday is closed/],
  ];

  it.each(invalid)("rejects %s", (_name, input, message) => {
    expect(() => parseCalendar(input)).toThrow(CalendarError);
    expect(() => parseCalendar(input)).toThrow(message);
  });

  it("lists every problem at once", () => {
    const input = { timeZone: "Nowhere", hours: { ...CLOSED_WEEK, mon: [["18:00", "08:00"]] }, holidays: ["yesterday"] };
    try {
      parseCalendar(input);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CalendarError);
      expect((error as CalendarError).issues).toHaveLength(3);
      expect((error as CalendarError).message).toMatch(/^Invalid calendar:\n- timeZone "Nowhere"/);
    }
  });

  it("accepts adjacent spans, normalises order and duplicates, and freezes the result", () => {
    const parsed = parseCalendar({
      ...base,
      hours: { ...CLOSED_WEEK, mon: [["12:00", "13:00"], ["09:00", "12:00"]] },
      holidays: ["2025-12-26", "2025-12-25", "2025-12-26"],
    });
    expect(parsed.hours.mon).toEqual([["09:00", "12:00"], ["12:00", "13:00"]]);
    expect(parsed.holidays).toEqual(["2025-12-25", "2025-12-26"]);
    expect(Object.isFrozen(parsed.hours.mon)).toBe(true);
    expect(openMinutesOnDate(parsed, "2025-06-02")).toBe(240);
  });

  it("compiles once per calendar object", () => {
    expect(compileCalendar(office)).toBe(compileCalendar(office));
    expect(compileCalendar(compileCalendar(office))).toBe(compileCalendar(office));
    const copy = () => JSON.parse(JSON.stringify(office)) as Calendar;
    expect(compileCalendar(copy())).toBe(compileCalendar(copy()));
  });
});
