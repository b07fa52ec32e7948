export { addBusinessMinutes, businessMinutesBetween, isOpenAt, openMinutesOnDate } from "./business-time";
export { type Calendar, CalendarError, compileCalendar, type OpeningSpan, parseCalendar, type Weekday } from "./calendar";
export type { CompiledCalendar } from "./compiled-calendar";
