/**
 * "Usually answered within 3 working hours; 80 % resolved within 2 working days (last 90 days, 214
 * requests)": what recent history says, in words, beside the target when one exists. Pure.
 */
export type StoredExpectation = {
  windowDays: number;
  requests: number;
  firstResponseP50: number | null;
  resolutionP80: number | null;
  dayMinutes: number;
};

/** Business minutes as "45 working minutes", "3 working hours", "2 working days" (rounded up: a promise, not a boast). */
export function workingTime(minutes: number, dayMinutes: number): string {
  if (minutes < 60) {
    const m = Math.max(1, Math.ceil(minutes));
    return `${m} working minute${m === 1 ? "" : "s"}`;
  }
  if (minutes < dayMinutes) {
    const h = Math.ceil(minutes / 60);
    return `${h} working hour${h === 1 ? "" : "s"}`;
  }
  const d = Math.ceil(minutes / dayMinutes);
  return `${d} working day${d === 1 ? "" : "s"}`;
}

export function expectationText(e: StoredExpectation | null): { history: string | null; tooLittle: boolean } {
  if (!e || (e.firstResponseP50 === null && e.resolutionP80 === null)) return { history: null, tooLittle: true };
  const parts = [
    e.firstResponseP50 !== null ? `Usually answered within ${workingTime(e.firstResponseP50, e.dayMinutes)}` : null,
    e.resolutionP80 !== null ? `80 % resolved within ${workingTime(e.resolutionP80, e.dayMinutes)}` : null,
  ].filter(Boolean);
  return { history: `${parts.join("; ")} (last ${e.windowDays} days, ${e.requests} request${e.requests === 1 ? "" : "s"})`, tooLittle: false };
}
