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
