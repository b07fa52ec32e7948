import { parseCalendar, type Calendar, type OpeningSpan, type Weekday } from "@/lib/sla";

/**
 * A department's working day, for targets and expectations said in "working days": the business
 * calendar its requests are measured in (its first calendar), and the open minutes of its typical
 * day (the median over weekdays with any opening). A department with no usable calendar works
 * Monday to Friday, 9:00 to 17:00, in its time zone.
 */
export function departmentCalendar(options: { timeZone: string; definitions: readonly unknown[] }): Calendar {
  for (const definition of options.definitions) {
    try {
      return parseCalendar(definition);
    } catch {
      // An invalid stored calendar is the settings page's to report; fall through to the next one.
    }
  }
  const weekday: OpeningSpan[] = [["09:00", "17:00"]];
  return parseCalendar({ timeZone: options.timeZone, hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] }, holidays: [] });
}

const minutesOf = (clock: string) => {
  const [h, m] = clock.split(":").map(Number);
  return h! * 60 + m!;
};

export function typicalDayMinutes(calendar: Calendar): number {
  const days = (Object.keys(calendar.hours) as Weekday[])
    .map((d) => calendar.hours[d].reduce((sum, [from, to]) => sum + minutesOf(to) - minutesOf(from), 0))
    .filter((m) => m > 0)
    .sort((a, b) => a - b);
  return days.length ? days[Math.floor(days.length / 2)]! : 8 * 60;
}

/**
 * Business minutes as an agent reads them on a queue: "2 d 3 h" in the desk's business days, "3 h 20 min"
 * under a day, "45 min" under an hour; the sign is the caller's ("over" / "left"). Rounded to the
 * unit shown last, so a whole number of days reads "2 d", never "2 d 0 h".
 */
export function formatBusinessDuration(minutes: number, dayMinutes: number): string {
  const m = Math.round(Math.abs(minutes));
  if (m < 60) return `${m} min`;
  if (dayMinutes > 0 && m >= dayMinutes) {
    const days = Math.floor(m / dayMinutes);
    const hours = Math.round((m - days * dayMinutes) / 60);
    // A remainder that rounds up to a whole day is that day.
    if (hours * 60 >= dayMinutes) return `${days + 1} d`;
    return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  }
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}
