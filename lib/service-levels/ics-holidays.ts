import { AppError } from "@/lib/errors";
import { MS_PER_DAY } from "@/lib/sla/civil-date";
import { isKnownTimeZone, zoneOffsets } from "@/lib/sla/time-zone";

/** Longest event taken as holidays: a longer one is far more likely a mistake than a closure. */
const MAX_EVENT_DAYS = 366;

type Property = { name: string; params: Record<string, string>; value: string; line: number };
type Event = { line: number; props: Map<string, Property> };

const invalid = (message: string) => new AppError("INVALID_INPUT", message, { ics: [message] });

/** Joins folded lines (RFC 5545 3.1), keeping the number of the line each property starts on. */
function unfold(text: string): { text: string; line: number }[] {
  const lines: { text: string; line: number }[] = [];
  text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\n|\r/)
    .forEach((raw, index) => {
      const last = lines[lines.length - 1];
      if ((raw.startsWith(" ") || raw.startsWith("\t")) && last) last.text += raw.slice(1);
      else lines.push({ text: raw, line: index + 1 });
    });
  return lines.filter((l) => l.text.trim() !== "");
}

/** NAME;PARAM=a;PARAM="b:c":VALUE — the value starts at the first colon outside quotes. */
function parseProperty(text: string, line: number): Property {
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === ":" && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon <= 0) throw invalid(`Line ${line} of the file is not an iCalendar property ("${text.slice(0, 40)}").`);
  const [name = "", ...rawParams] = text.slice(0, colon).split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  const params: Record<string, string> = {};
  for (const p of rawParams) {
    const eq = p.indexOf("=");
    if (eq > 0) params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, "");
  }
  return { name: name.toUpperCase(), params, value: text.slice(colon + 1).trim(), line };
}

function readEvents(ics: string): Event[] {
  const lines = unfold(ics);
  if (lines[0]?.text.trim().toUpperCase() !== "BEGIN:VCALENDAR") {
    throw invalid("This is not an iCalendar (.ics) file: it must start with BEGIN:VCALENDAR.");
  }
  const stack: string[] = [];
  const events: Event[] = [];
  let current: Event | null = null;
  for (const { text, line } of lines) {
    const prop = parseProperty(text, line);
    if (prop.name === "BEGIN") {
      stack.push(prop.value.toUpperCase());
      if (prop.value.toUpperCase() === "VEVENT" && stack.length === 2) current = { line, props: new Map() };
    } else if (prop.name === "END") {
      const open = stack.pop();
      if (open !== prop.value.toUpperCase()) throw invalid(`Line ${line}: END:${prop.value} does not close ${open ? `BEGIN:${open}` : "anything"}.`);
      if (open === "VEVENT" && current && stack.length === 1) {
        events.push(current);
        current = null;
      }
    } else if (current && stack.length === 2 && !current.props.has(prop.name)) {
      // Properties of nested components (an alarm inside an event) are not the event's.
      current.props.set(prop.name, prop);
    }
  }
  if (stack.length) throw invalid(`The file ends inside ${stack[stack.length - 1]} (END:${stack[stack.length - 1]} is missing).`);
  return events;
}

type When = { kind: "date"; day: number } | { kind: "instant"; at: number };

function utcDay(year: number, month: number, day: number): number | undefined {
  const t = Date.UTC(year, month - 1, day);
  const d = new Date(t);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return t / MS_PER_DAY;
}

/** The UTC instant of a local wall-clock time in `zone` (the earlier reading in a repeated hour). */
function instantIn(zone: string, wall: number): number {
  const offsets = zoneOffsets(zone);
  const first = wall - offsets.offsetAt(wall);
  return wall - offsets.offsetAt(first);
}

function parseWhen(prop: Property, calendarZone: string): When {
  const where = `Line ${prop.line}: ${prop.name}`;
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(prop.value);
  if (!m) throw invalid(`${where} "${prop.value}" is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS).`);
  const [, y, mo, d, h, mi, s, z] = m;
  const day = utcDay(Number(y), Number(mo), Number(d));
  if (day === undefined) throw invalid(`${where} "${prop.value}" is not a real date.`);
  const isDate = h === undefined;
  if (prop.params.VALUE?.toUpperCase() === "DATE" && !isDate) throw invalid(`${where} says VALUE=DATE but holds a date-time.`);
  if (isDate) return { kind: "date", day };
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) throw invalid(`${where} "${prop.value}" is not a real time.`);
  const wall = day * MS_PER_DAY + ((Number(h) * 60 + Number(mi)) * 60 + Math.min(Number(s), 59)) * 1000;
  if (z) return { kind: "instant", at: wall };
  // Floating times (no zone) are read in the calendar's own zone.
  const tzid = prop.params.TZID?.replace(/^\//, "") ?? calendarZone;
  if (!isKnownTimeZone(tzid)) throw invalid(`${where} uses the time zone "${tzid}", which is not a known IANA zone.`);
  return { kind: "instant", at: instantIn(tzid, wall) };
}

/** DURATION as ms (weeks, days, hours, minutes, seconds); only its positive form makes sense here. */
function parseDuration(prop: Property): number {
  const m = /^\+?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(prop.value);
  if (!m || prop.value.endsWith("P") || prop.value.endsWith("T")) throw invalid(`Line ${prop.line}: DURATION "${prop.value}" is not a duration such as P1D.`);
  const [, w, d, h, mi, s] = m.map((v) => Number(v ?? 0));
  return ((((w! * 7 + d!) * 24 + h!) * 60 + mi!) * 60 + s!) * 1000;
}

const isoOf = (day: number) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

/**
 * The holiday dates an .ics file describes, in the calendar's zone and in file order (repeats
 * kept). All-day events cover DTSTART up to the day before DTEND (RFC 5545: the end is exclusive);
 * timed events cover each local date they touch. Recurrence rules are not expanded: only the first
 * occurrence counts. Throws INVALID_INPUT (field "ics") for anything unreadable.
 */
export function holidayDatesFromIcs(ics: string, calendarZone: string): string[] {
  const events = readEvents(ics);
  if (events.length === 0) throw invalid("The file has no events (VEVENT): there is nothing to import.");
  const localDay = (at: number) => Math.floor((at + zoneOffsets(calendarZone).offsetAt(at)) / MS_PER_DAY);
  const dates: string[] = [];
  for (const event of events) {
    const startProp = event.props.get("DTSTART");
    if (!startProp) throw invalid(`The event starting on line ${event.line} has no DTSTART.`);
    const start = parseWhen(startProp, calendarZone);
    const endProp = event.props.get("DTEND");
    const durationProp = event.props.get("DURATION");
    const end: When | null = endProp
      ? parseWhen(endProp, calendarZone)
      : durationProp
        ? start.kind === "date"
          ? { kind: "date", day: start.day + Math.floor(parseDuration(durationProp) / MS_PER_DAY) }
          : { kind: "instant", at: start.at + parseDuration(durationProp) }
        : null;

    const first = start.kind === "date" ? start.day : localDay(start.at);
    let last = first;
    if (end?.kind === "date") last = end.day - 1;
    else if (end?.kind === "instant") last = localDay(end.at - 1);
    last = Math.max(first, last);
    if (last - first + 1 > MAX_EVENT_DAYS) {
      throw invalid(`The event starting on line ${event.line} lasts ${last - first + 1} days: split it, one event cannot close more than a year.`);
    }
    for (let day = first; day <= last; day++) dates.push(isoOf(day));
  }
  return dates;
}
