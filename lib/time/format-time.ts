/**
 * How a time is shown to a person: the one formatter (DESIGN.md, Time). Every time on a page or in an
 * email goes through here, in the reader's time zone and labelled with the zone's abbreviation
 * ("Tue 24 Nov, 15:00 CET"), so no time is ever shown without saying which clock it is on. Pure and
 * free of server-only imports: Server Components, Client Components and emails use the same code.
 */

export type TimeStyle =
  /** "Tue 24 Nov, 15:00 CET" (the year added when it is not the current one): promises and due times. */
  | "weekday"
  /** "24 Nov 2026, 15:00 CET": timelines, lists, logs. */
  | "datetime"
  /** "24 Nov 2026": a whole day, no clock time (a date has no zone label; it is the reader's day). */
  | "date";

export type FormatTimeOptions = {
  /** The reader's IANA zone. */
  timeZone: string;
  style?: TimeStyle;
  /** "Now" for deciding whether the year is shown in the weekday style; tests pin it. */
  now?: Date;
};

// Building an Intl.DateTimeFormat costs far more than using one, and a list formats hundreds of
// times in a handful of zones.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}

const parts = (at: Date, timeZone: string, options: Intl.DateTimeFormatOptions) =>
  Object.fromEntries(
    formatter("en-GB", timeZone, options)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  ) as Record<Intl.DateTimeFormatPartTypes, string>;

const dateTimeParts: Intl.DateTimeFormatOptions = { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };

/**
 * The zone's abbreviation at that instant: en-GB's (CET, WET, BST, GMT) or else en-US's (EST, PDT),
 * else the offset ("GMT+8", "GMT+5:30"), which is unambiguous where no abbreviation is in common use.
 */
export function zoneAbbreviation(at: Date, timeZone: string): string {
  const name = (locale: string) => formatter(locale, timeZone, { timeZoneName: "short" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? timeZone;
  const gb = name("en-GB");
  if (!gb.startsWith("GMT") && !gb.startsWith("UTC")) return gb;
  if (gb === "GMT" || gb === "UTC") return gb;
  const us = name("en-US");
  return us.startsWith("GMT") || us.startsWith("UTC") ? gb : us;
}

/** An instant as the reader reads it; see TimeStyle. Invalid dates read "—" rather than throwing. */
export function formatTime(at: Date, options: FormatTimeOptions): string {
  if (Number.isNaN(at.getTime())) return "—";
  const { timeZone, style = "datetime" } = options;
  const p = parts(at, timeZone, dateTimeParts);
  if (style === "date") return `${p.day} ${p.month} ${p.year}`;
  const clock = `${p.hour}:${p.minute} ${zoneAbbreviation(at, timeZone)}`;
  if (style === "datetime") return `${p.day} ${p.month} ${p.year}, ${clock}`;
  const sameYear = p.year === parts(options.now ?? new Date(), timeZone, { year: "numeric" }).year;
  return `${p.weekday} ${p.day} ${p.month}${sameYear ? "" : ` ${p.year}`}, ${clock}`;
}

/** A time as the reader reads it: "3 Dec 2026, 16:00 CET" in their zone (kept out of ui.tsx, which client components import). */
export function formatWhen(date: Date, timeZone: string): string {
  return formatTime(date, { timeZone });
}

/**
 * A due time for a reader, with the providing department's local time beside it when the two zones
 * show it differently: "Tue 24 Nov, 09:00 EST (15:00 CET in Facilities)".
 */
export function formatDueTime(at: Date, options: { timeZone: string; departmentTimeZone: string; departmentName?: string; now?: Date }): string {
  const mine = formatTime(at, { timeZone: options.timeZone, style: "weekday", now: options.now });
  const theirs = formatTime(at, { timeZone: options.departmentTimeZone, style: "weekday", now: options.now });
  if (mine === theirs) return mine;
  const sameDay = mine.split(",")[0] === theirs.split(",")[0];
  const local = sameDay ? theirs.slice(theirs.indexOf(", ") + 2) : theirs;
  return `${mine} (${local}${options.departmentName ? ` in ${options.departmentName}` : " there"})`;
}

const relative = new Intl.RelativeTimeFormat("en-GB", { numeric: "auto" });
const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "3 hours ago", "in 2 days": for pages that say how long ago; the exact time goes beside it (formatTime). */
export function formatRelative(at: Date, now: Date): string {
  const delta = at.getTime() - now.getTime();
  for (const [unit, ms] of units) {
    if (Math.abs(delta) >= ms) return relative.format(Math.trunc(delta / ms), unit);
  }
  return "just now";
}

/** The canonical IANA name of a zone Intl knows ("europe/berlin" -> "Europe/Berlin"), or null. */
export function canonicalTimeZone(value: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(value) || value.length > 64) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
