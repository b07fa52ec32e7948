import { parseClockTime, parseIsoDate } from "./civil-date";
import { CompiledCalendar } from "./compiled-calendar";
import { isKnownTimeZone } from "./time-zone";

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

/** Local "HH:MM" span: start inclusive, end exclusive; "24:00" is allowed as an end. */
export type OpeningSpan = [string, string];

export type Calendar = {
  /** IANA zone, e.g. "Europe/Berlin". */
  timeZone: string;
  /** Local opening spans per weekday; [] = closed that weekday. */
  hours: Record<Weekday, OpeningSpan[]>;
  /** Local dates "YYYY-MM-DD", closed all day. */
  holidays: string[];
};

const WEEKDAY_ORDER: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

export class CalendarError extends Error {
  readonly issues: readonly string[];

  constructor(issues: readonly string[]) {
    super(
      issues.length === 1
        ? `Invalid calendar: ${issues[0]}`
        : `Invalid calendar:\n${issues.map((issue) => `- ${issue}`).join("\n")}`,
    );
    this.name = "CalendarError";
    this.issues = issues;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(JSON.stringify(value) ?? typeof value);
}

function parseDay(weekday: Weekday, value: unknown, issues: string[]): OpeningSpan[] {
  const path = `hours.${weekday}`;
  if (value === undefined) {
    issues.push(`${path} is missing (use [] for a day without opening hours)`);
    return [];
  }
  if (!Array.isArray(value)) {
    issues.push(`${path} must be an array of ["HH:MM", "HH:MM"] spans, got ${describe(value)}`);
    return [];
  }
  const spans: { start: number; end: number; span: OpeningSpan }[] = [];
  value.forEach((item: unknown, index) => {
    const spanPath = `${path}[${index}]`;
    if (!Array.isArray(item) || item.length !== 2) {
      issues.push(`${spanPath} must be a pair ["HH:MM", "HH:MM"], got ${describe(item)}`);
      return;
    }
    const [startText, endText] = item as unknown[];
    const start = typeof startText === "string" && startText !== "24:00" ? parseClockTime(startText) : undefined;
    const end = typeof endText === "string" ? parseClockTime(endText) : undefined;
    if (start === undefined) {
      issues.push(`${spanPath}[0]: ${describe(startText)} is not a start time "HH:MM" between 00:00 and 23:59`);
    }
    if (end === undefined) {
      issues.push(`${spanPath}[1]: ${describe(endText)} is not an end time "HH:MM" between 00:00 and 24:00`);
    }
    if (start === undefined || end === undefined) return;
    // Both parsed, so both are strings.
    const span: [string, string] = [startText as string, endText as string];
    if (end < start) {
      issues.push(
        `${spanPath}: ${span[0]}-${span[1]} ends before it starts (a span cannot cross midnight: split it across two days)`,
      );
      return;
    }
    if (end === start) {
      issues.push(`${spanPath}: ${span[0]}-${span[1]} is empty`);
      return;
    }
    spans.push({ start, end, span });
  });
  spans.sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i++) {
    const previous = spans[i - 1]!;
    const current = spans[i]!;
    if (current.start < previous.end) {
      issues.push(`${path}: spans ${previous.span.join("-")} and ${current.span.join("-")} overlap`);
    }
  }
  return spans.map(({ span }) => span);
}

/**
 * Validates untrusted input (e.g. JSON from the database or an admin form) and returns a normalised, frozen
 * calendar: spans sorted by start, holidays sorted and de-duplicated. Throws CalendarError listing every problem.
 */
export function parseCalendar(input: unknown): Calendar {
  if (!isRecord(input)) throw new CalendarError([`calendar must be an object, got ${describe(input)}`]);
  const issues: string[] = [];

  const { timeZone, hours, holidays } = input;
  if (typeof timeZone !== "string") {
    issues.push(`timeZone must be an IANA time zone name such as "Europe/Berlin", got ${describe(timeZone)}`);
  } else if (!isKnownTimeZone(timeZone)) {
    issues.push(`timeZone ${describe(timeZone)} is not a known IANA time zone (e.g. "Europe/Berlin", "UTC")`);
  }

  const parsedHours = {} as Record<Weekday, OpeningSpan[]>;
  if (!isRecord(hours)) {
    issues.push(`hours must be an object with the keys ${WEEKDAY_ORDER.join(", ")}, got ${describe(hours)}`);
  } else {
    for (const key of Object.keys(hours)) {
      if (!(WEEKDAY_ORDER as readonly string[]).includes(key)) {
        issues.push(`hours.${key} is not a weekday (expected ${WEEKDAY_ORDER.join(", ")})`);
      }
    }
    for (const weekday of WEEKDAY_ORDER) parsedHours[weekday] = parseDay(weekday, hours[weekday], issues);
    const anySpan = WEEKDAY_ORDER.some((weekday) => Array.isArray(hours[weekday]) && hours[weekday].length > 0);
    if (!anySpan) issues.push("calendar has no open time: every weekday is closed, so no deadline could ever be reached");
  }

  // A date that passed parseIsoDate is already canonical, so the original string can be kept as is.
  const holidayDays = new Map<number, string>();
  if (!Array.isArray(holidays)) {
    issues.push(`holidays must be an array of "YYYY-MM-DD" dates (use [] for none), got ${describe(holidays)}`);
  } else {
    holidays.forEach((holiday: unknown, index) => {
      const day = typeof holiday === "string" ? parseIsoDate(holiday) : undefined;
      if (day === undefined) {
        issues.push(`holidays[${index}]: ${describe(holiday)} is not a valid date "YYYY-MM-DD"`);
        return;
      }
      holidayDays.set(day, holiday as string);
    });
  }

  if (issues.length > 0) throw new CalendarError(issues);
  for (const weekday of WEEKDAY_ORDER) {
    for (const span of parsedHours[weekday]) Object.freeze(span);
    Object.freeze(parsedHours[weekday]);
  }
  return Object.freeze({
    timeZone: timeZone as string,
    hours: Object.freeze(parsedHours),
    holidays: Object.freeze([...holidayDays].sort(([a], [b]) => a - b).map(([, date]) => date)) as string[],
  });
}

// Keyed by the caller's object: a calendar is treated as immutable once compiled (parseCalendar freezes its result).
const compiledByObject = new WeakMap<object, CompiledCalendar>();
// Calendars loaded afresh for every request (e.g. from the database) are new objects with the same content; keying
// by content keeps their warm per-date caches. Bounded, since calendars change rarely and there are few of them.
const compiledByContent = new Map<string, CompiledCalendar>();
const MAX_COMPILED_BY_CONTENT = 1_000;

/** Validates once and returns the cached compiled form; throws CalendarError for an invalid calendar. */
export function compileCalendar(calendar: Calendar | CompiledCalendar): CompiledCalendar {
  if (calendar instanceof CompiledCalendar) return calendar;
  const cached = compiledByObject.get(calendar);
  if (cached) return cached;
  const parsed = parseCalendar(calendar);
  const key = JSON.stringify(parsed);
  let compiled = compiledByContent.get(key);
  if (!compiled) {
    if (compiledByContent.size >= MAX_COMPILED_BY_CONTENT) compiledByContent.clear();
    compiled = new CompiledCalendar(parsed);
    compiledByContent.set(key, compiled);
  }
  compiledByObject.set(calendar, compiled);
  return compiled;
}
