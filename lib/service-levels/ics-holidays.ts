import ICAL from "ical.js";
import { AppError } from "@/lib/errors";
import { MS_PER_DAY } from "@/lib/sla/civil-date";
import { isKnownTimeZone, zoneOffsets } from "@/lib/sla/time-zone";

/** Longest event taken as holidays: a longer one is far more likely a mistake than a closure. */
const MAX_EVENT_DAYS = 366;
/** Occurrences of one recurring event taken at most (a yearly rule over the window needs a handful). */
const MAX_OCCURRENCES = 400;

export type IcsHoliday = { date: string; name: string };

const invalid = (message: string) => new AppError("INVALID_INPUT", message, { ics: [message] });

const isoOf = (day: number) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
const dayOf = (t: ICAL.Time) => Date.UTC(t.year, t.month - 1, t.day) / MS_PER_DAY;

/**
 * The instant of a date-time. A TZID that is an IANA zone is read with the desk's own zone rules (the same
 * as the SLA clocks); one that is not is read from the file's VTIMEZONE by ical.js; a floating time is in
 * the calendar's zone.
 */
function instantOf(t: ICAL.Time, tzidOfProperty: string | null, calendarZone: string): number {
  if (t.zone === ICAL.Timezone.utcTimezone) return t.toUnixTime() * 1000;
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, Math.min(t.second, 59));
  // ical.js keeps an occurrence's wall time but not always its zone: the TZID comes from the property.
  const tzid = (tzidOfProperty ?? (t.zone && t.zone !== ICAL.Timezone.localTimezone ? t.zone.tzid : "")).replace(/^\//, "");
  const zone = !tzid || tzid === "floating" ? calendarZone : tzid;
  if (isKnownTimeZone(zone)) {
    const offsets = zoneOffsets(zone);
    return wall - offsets.offsetAt(wall - offsets.offsetAt(wall));
  }
  const described = ICAL.TimezoneService.get(zone);
  if (described) return ICAL.Time.fromData({ year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second }, described).toUnixTime() * 1000;
  throw invalid(`The file uses the time zone "${tzid}", which is neither a known IANA zone nor described in the file (VTIMEZONE).`);
}

/** The local dates an occurrence covers in the calendar's zone: an all-day end is exclusive (RFC 5545). */
function daysOf(item: ICAL.Event, start: ICAL.Time, end: ICAL.Time | null, calendarZone: string): [number, number] {
  const tzid = (name: string) => {
    const value = item.component.getFirstProperty(name)?.getParameter("tzid");
    return typeof value === "string" ? value : null;
  };
  const localDay = (at: number) => Math.floor((at + zoneOffsets(calendarZone).offsetAt(at)) / MS_PER_DAY);
  const first = start.isDate ? dayOf(start) : localDay(instantOf(start, tzid("dtstart"), calendarZone));
  let last = first;
  // Without DTEND a DURATION is added to DTSTART, so the end is in the start's zone.
  if (end) last = end.isDate ? dayOf(end) - 1 : localDay(instantOf(end, tzid("dtend") ?? tzid("dtstart"), calendarZone) - 1);
  return [first, Math.max(first, last)];
}

const DATE_LIST = /^\d{8}(T\d{6}Z?)?(,\d{8}(T\d{6}Z?)?)*$/;

/**
 * ical.js reads a malformed date ("2026-12-31") as some other day rather than failing, so the date
 * properties are checked against RFC 5545's forms first (on unfolded lines).
 */
function checkDates(text: string) {
  const lines = text.replace(/\r?\n[ \t]/g, "").split(/\r?\n|\r/);
  lines.forEach((line, index) => {
    const m = /^(DTSTART|DTEND|EXDATE|RECURRENCE-ID)((?:;[^:]*)?):(.*)$/i.exec(line);
    if (m && !DATE_LIST.test(m[3]!.trim())) {
      throw invalid(`Line ${index + 1}: ${m[1]!.toUpperCase()} "${m[3]!.trim().slice(0, 40)}" is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS).`);
    }
  });
}

function parse(ics: string): ICAL.Component {
  const text = ics.replace(/^\uFEFF/, "");
  if (!/^BEGIN:VCALENDAR/i.test(text.trimStart())) throw invalid("This is not an iCalendar (.ics) file: it must start with BEGIN:VCALENDAR.");
  checkDates(text);
  try {
    return new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (e) {
    const why = e instanceof Error ? e.message.split("\n")[0]!.slice(0, 160) : "unreadable";
    throw invalid(`The file could not be read as iCalendar (${why}).`);
  }
}

/**
 * The holidays an .ics file describes, each local date (in the calendar's zone) with the event's name, in
 * date order, one per date (the first name wins). Recurring events (RRULE, RDATE, with EXDATE and moved
 * occurrences by RECURRENCE-ID) are expanded from `from` up to `until` (ISO dates); single events are
 * taken whenever they fall. Timed events cover each local date they touch; TZID is honoured. Pure but for
 * ical.js; throws INVALID_INPUT (field "ics") for anything unreadable.
 */
export function holidaysFromIcs(ics: string, options: { calendarZone: string; from: string; until: string }): IcsHoliday[] {
  const calendar = parse(ics);
  if (calendar.name !== "vcalendar") throw invalid("This is not an iCalendar (.ics) file: it must start with BEGIN:VCALENDAR.");
  // VTIMEZONEs of the file, for TZIDs that are not IANA names ("Eastern Standard Time").
  for (const vtz of calendar.getAllSubcomponents("vtimezone")) {
    try {
      const zone = new ICAL.Timezone(vtz);
      if (zone.tzid && !ICAL.TimezoneService.has(zone.tzid)) ICAL.TimezoneService.register(zone);
    } catch {
      throw invalid("A time zone (VTIMEZONE) in the file could not be read.");
    }
  }
  const vevents = calendar.getAllSubcomponents("vevent");
  if (vevents.length === 0) throw invalid("The file has no events (VEVENT): there is nothing to import.");

  const windowStart = Date.parse(`${options.from}T00:00:00Z`) / MS_PER_DAY;
  const windowEnd = Date.parse(`${options.until}T00:00:00Z`) / MS_PER_DAY;
  const byDate = new Map<number, string>();
  const add = (first: number, last: number, name: string, where: string) => {
    if (last - first + 1 > MAX_EVENT_DAYS) throw invalid(`${where} lasts ${last - first + 1} days: split it, one event cannot close more than a year.`);
    for (let day = first; day <= last; day++) if (!byDate.has(day)) byDate.set(day, name);
  };

  // Moved occurrences (RECURRENCE-ID) belong to their series; ical.js relates them to it.
  const series = new Map<string, ICAL.Event>();
  const exceptions: ICAL.Event[] = [];
  const events: ICAL.Event[] = [];
  for (const vevent of vevents) {
    let event: ICAL.Event;
    try {
      event = new ICAL.Event(vevent);
    } catch {
      throw invalid("An event in the file could not be read.");
    }
    if (!event.startDate) throw invalid(`The event "${event.summary || "(no name)"}" has no DTSTART.`);
    if (event.isRecurrenceException()) exceptions.push(event);
    else {
      events.push(event);
      if (event.uid) series.set(event.uid, event);
    }
  }
  for (const ex of exceptions) {
    const parent = ex.uid ? series.get(ex.uid) : undefined;
    if (parent) parent.relateException(ex);
    else events.push(ex);
  }

  for (const event of events) {
    const name = (event.summary || "Holiday").replace(/\s+/g, " ").trim().slice(0, 100);
    const where = `The event "${name}"`;
    try {
      if (!event.isRecurring()) {
        const [first, last] = daysOf(event, event.startDate, event.endDate ?? null, options.calendarZone);
        add(first, last, name, where);
        continue;
      }
      const it = event.iterator();
      for (let n = 0, next = it.next(); next && n < MAX_OCCURRENCES; n++, next = it.next()) {
        const occurrence = event.getOccurrenceDetails(next);
        const [first, last] = daysOf(occurrence.item, occurrence.startDate, occurrence.endDate ?? null, options.calendarZone);
        if (first >= windowEnd) break;
        if (last < windowStart) continue;
        add(first, last, occurrence.item.summary ? occurrence.item.summary.replace(/\s+/g, " ").trim().slice(0, 100) : name, where);
      }
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw invalid(`${where} has dates or a recurrence rule that could not be read.`);
    }
  }
  return [...byDate.entries()].sort(([a], [b]) => a - b).map(([day, holidayName]) => ({ date: isoOf(day), name: holidayName }));
}
