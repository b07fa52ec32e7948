import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  businessMinutesBetween,
  type Calendar,
  openMinutesOnDate,
  type OpeningSpan,
  parseCalendar,
  type Weekday,
} from "@/lib/sla";
import {
  naiveAddBusinessMinutes,
  naiveBusinessMinutesBetween,
  naiveOpenMinutesOnDate,
} from "@/tests/support/naive-business-time";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const WEEKDAYS: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

// Offset changes (UTC) worth aiming at; Sao Paulo's are the old midnight ones, Kolkata and UTC have none.
const TRANSITIONS: Record<string, string[]> = {
  "Europe/Berlin": ["2025-03-30T01:00Z", "2025-10-26T01:00Z", "2026-03-29T01:00Z"],
  "America/New_York": ["2025-03-09T07:00Z", "2025-11-02T06:00Z", "2026-03-08T07:00Z"],
  "Australia/Sydney": ["2025-04-05T16:00Z", "2025-10-04T16:00Z", "2026-04-04T16:00Z"],
  "America/Sao_Paulo": ["2018-11-04T03:00Z", "2019-02-17T02:00Z"],
  "Asia/Kolkata": [],
  UTC: [],
};
const ZONES = Object.keys(TRANSITIONS);
const RANDOM_FROM = Date.parse("2018-06-01T00:00Z");
const RANDOM_TO = Date.parse("2027-01-01T00:00Z");

function isoDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

// Boundaries biased towards the night hours where offsets change, and towards whole hours.
const boundary = fc.oneof(
  fc.integer({ min: 0, max: 1440 }),
  fc.constantFrom(0, 60, 90, 120, 150, 180, 240, 480, 720, 1020, 1380, 1440),
  fc.integer({ min: 0, max: 24 }).map((hour) => hour * 60),
);

/** 0-3 disjoint spans, possibly adjacent, possibly touching 00:00 and 24:00. */
const daySpans: fc.Arbitrary<OpeningSpan[]> = fc
  .uniqueArray(boundary, { minLength: 0, maxLength: 6 })
  .map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const spans: OpeningSpan[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) spans.push([clock(sorted[i]!), clock(sorted[i + 1]!)]);
    return spans;
  });

function instantNear(zone: string): fc.Arbitrary<number> {
  const random = fc.integer({ min: RANDOM_FROM, max: RANDOM_TO });
  const transitions = TRANSITIONS[zone] ?? [];
  if (transitions.length === 0) return random;
  const nearTransition = fc
    .tuple(fc.constantFrom(...transitions), fc.integer({ min: -8 * DAY, max: 8 * DAY }))
    .map(([at, delta]) => Date.parse(at) + delta);
  return fc.oneof(random, nearTransition, nearTransition.map((t) => Math.floor(t / MINUTE) * MINUTE));
}

type Scenario = { calendar: Calendar; start: number };

/** A zone, a random calendar in it (always some open time), and an instant, often in a week with an offset change. */
const scenario: fc.Arbitrary<Scenario> = fc.constantFrom(...ZONES).chain((zone) =>
  fc.record({
    calendar: fc
      .record({
        hours: fc.tuple(...WEEKDAYS.map(() => daySpans)),
        fallback: fc.tuple(fc.constantFrom(...WEEKDAYS), fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 600 })),
        holidays: fc.array(instantNear(zone).map(isoDate), { maxLength: 8 }),
      })
      .map(({ hours, fallback, holidays }) => {
        const byDay = Object.fromEntries(WEEKDAYS.map((day, i) => [day, hours[i]!])) as Record<Weekday, OpeningSpan[]>;
        if (WEEKDAYS.every((day) => byDay[day].length === 0)) {
          const [day, start, length] = fallback;
          byDay[day] = [[clock(start), clock(Math.min(1440, start + length))]];
        }
        return parseCalendar({ timeZone: zone, hours: byDay, holidays });
      }),
    start: instantNear(zone),
  }),
);

/** Whole minutes, or minutes with a millisecond fraction (the resolution the API promises). */
function minutesUpTo(max: number): fc.Arbitrary<number> {
  return fc.oneof(
    fc.integer({ min: 0, max }),
    fc.integer({ min: 0, max: max * MINUTE }).map((ms) => ms / MINUTE),
  );
}

const TIMEOUT = 120_000;

describe("business time properties", () => {
  it(
    "businessMinutesBetween(start, addBusinessMinutes(start, m)) = m",
    () => {
      fc.assert(
        fc.property(scenario, fc.oneof(minutesUpTo(2400), minutesUpTo(200_000)), ({ calendar, start }, minutes) => {
          const due = addBusinessMinutes(calendar, new Date(start), minutes);
          expect(due.getTime()).toBeGreaterThanOrEqual(start);
          expect(Math.abs(businessMinutesBetween(calendar, new Date(start), due) - minutes)).toBeLessThan(1e-6);
        }),
        { numRuns: 1000 },
      );
    },
    TIMEOUT,
  );

  it(
    "addBusinessMinutes is monotonic in minutes",
    () => {
      fc.assert(
        fc.property(scenario, minutesUpTo(20_000), minutesUpTo(20_000), ({ calendar, start }, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const lowDue = addBusinessMinutes(calendar, new Date(start), low).getTime();
          const highDue = addBusinessMinutes(calendar, new Date(start), high).getTime();
          expect(lowDue).toBeLessThanOrEqual(highDue);
          if (high > low) expect(lowDue).toBeLessThan(highDue);
        }),
        { numRuns: 500 },
      );
    },
    TIMEOUT,
  );

  it(
    "businessMinutesBetween is additive over long and short ranges",
    () => {
      fc.assert(
        fc.property(
          scenario,
          fc.integer({ min: 0, max: 200 * DAY }),
          fc.integer({ min: 0, max: 200 * DAY }),
          ({ calendar, start }, d1, d2) => {
            const middle = start + Math.min(d1, d2);
            const end = start + Math.max(d1, d2);
            const whole = businessMinutesBetween(calendar, new Date(start), new Date(end));
            const parts =
              businessMinutesBetween(calendar, new Date(start), new Date(middle)) +
              businessMinutesBetween(calendar, new Date(middle), new Date(end));
            expect(Math.abs(whole - parts)).toBeLessThan(1e-6);
          },
        ),
        { numRuns: 500 },
      );
    },
    TIMEOUT,
  );

  it(
    "a 24x7 calendar counts real elapsed time in every zone",
    () => {
      const allDay: OpeningSpan[] = [["00:00", "24:00"]];
      fc.assert(
        fc.property(
          fc.constantFrom(...ZONES),
          fc.integer({ min: RANDOM_FROM, max: RANDOM_TO }),
          fc.integer({ min: 0, max: 120 * DAY }),
          (zone, start, length) => {
            const calendar = parseCalendar({
              timeZone: zone,
              hours: Object.fromEntries(WEEKDAYS.map((day) => [day, allDay])),
              holidays: [],
            });
            expect(businessMinutesBetween(calendar, new Date(start), new Date(start + length))).toBe(length / MINUTE);
            expect(addBusinessMinutes(calendar, new Date(start), length / MINUTE).getTime()).toBe(start + length);
          },
        ),
        { numRuns: 300 },
      );
    },
    TIMEOUT,
  );

  it(
    "a holiday removes exactly that date's open time",
    () => {
      fc.assert(
        fc.property(
          scenario,
          fc.integer({ min: 0, max: 60 }),
          fc.integer({ min: 0, max: 60 }),
          ({ calendar, start }, daysBefore, daysAfter) => {
            const holiday = isoDate(start);
            const midnight = Date.parse(`${holiday}T00:00Z`);
            // Every instant of a local date lies within 15 h of its midnight read as UTC.
            const from = new Date(midnight - 15 * 3_600_000 - daysBefore * DAY);
            const to = new Date(midnight + DAY + 15 * 3_600_000 + daysAfter * DAY);
            const without = parseCalendar({ ...calendar, holidays: calendar.holidays.filter((h) => h !== holiday) });
            const withHoliday = parseCalendar({ ...calendar, holidays: [...calendar.holidays, holiday] });
            const difference = businessMinutesBetween(without, from, to) - businessMinutesBetween(withHoliday, from, to);
            expect(Math.abs(difference - openMinutesOnDate(without, holiday))).toBeLessThan(1e-6);
          },
        ),
        { numRuns: 300 },
      );
    },
    TIMEOUT,
  );
});

describe("agreement with the naive minute-by-minute reference", () => {
  it(
    "businessMinutesBetween over short spans",
    () => {
      fc.assert(
        fc.property(scenario, fc.integer({ min: 0, max: 2 * DAY }), ({ calendar, start }, length) => {
          const from = new Date(start);
          const to = new Date(start + length);
          expect(businessMinutesBetween(calendar, from, to)).toBeCloseTo(naiveBusinessMinutesBetween(calendar, from, to), 9);
        }),
        { numRuns: 150 },
      );
    },
    TIMEOUT,
  );

  it(
    "addBusinessMinutes for small targets",
    () => {
      fc.assert(
        fc.property(scenario, minutesUpTo(300), ({ calendar, start }, minutes) => {
          const due = addBusinessMinutes(calendar, new Date(start), minutes);
          // Sparse calendars can put the due date weeks away; the reference would crawl, so skip those cases.
          fc.pre(due.getTime() - start <= 3 * DAY);
          expect(due.toISOString()).toBe(naiveAddBusinessMinutes(calendar, new Date(start), minutes).toISOString());
        }),
        { numRuns: 150 },
      );
    },
    TIMEOUT,
  );

  it(
    "openMinutesOnDate, including offset-change dates",
    () => {
      fc.assert(
        fc.property(scenario, ({ calendar, start }) => {
          const date = isoDate(start);
          expect(openMinutesOnDate(calendar, date)).toBe(naiveOpenMinutesOnDate(calendar, date));
        }),
        { numRuns: 100 },
      );
    },
    TIMEOUT,
  );
});
