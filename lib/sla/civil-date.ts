export const MS_PER_SECOND = 1_000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

// Proleptic Gregorian day count (Howard Hinnant's days_from_civil); avoids Date.UTC's remapping of years 0-99.
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** 0 = Sunday ... 6 = Saturday, like Date#getUTCDay; day 0 (1970-01-01) was a Thursday. */
export function weekdayIndex(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** Day number of a "YYYY-MM-DD" string, or undefined when it is not a real date. */
export function parseIsoDate(text: string): number | undefined {
  // Hand-rolled rather than a RegExp: calendars loaded per request may carry many holidays.
  if (text.length !== 10 || text[4] !== "-" || text[7] !== "-") return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  if (!(month >= 1 && month <= 12 && day >= 1)) return undefined;
  const monthLength = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day > monthLength) return undefined;
  return daysFromCivil(year, month, day);
}

/** Minutes since local midnight for "HH:MM" (00:00-23:59, or "24:00"), otherwise undefined. */
export function parseClockTime(text: string): number | undefined {
  if (text === "24:00") return 24 * 60;
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * 60 + Number(match[2]);
}
