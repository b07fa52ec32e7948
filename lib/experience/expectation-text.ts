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

export type TypeExpectation = { history: string | null; tooLittle: boolean; target: string | null };

/**
 * What to expect from one request type, as figures: the cached history and the target of the policy that would
 * apply, in minutes rounded up (worded the same: workingTime rounds up too). A tuple because the catalogue hands
 * one per request type to the browser, where key names would outweigh the figures.
 */
export type ExpectationFigures = [
  windowDays: number,
  requests: number,
  firstResponseP50: number | null,
  resolutionP80: number | null,
  dayMinutes: number,
  targetFirstResponse: number | null,
  targetResolution: number | null,
];

export function typeExpectation([windowDays, requests, firstResponseP50, resolutionP80, dayMinutes, targetFirstResponse, targetResolution]: ExpectationFigures): TypeExpectation {
  const targets = [
    targetFirstResponse ? `first reply within ${workingTime(targetFirstResponse, dayMinutes)}` : null,
    targetResolution ? `resolution within ${workingTime(targetResolution, dayMinutes)}` : null,
  ].filter(Boolean);
  return { ...expectationText({ windowDays, requests, firstResponseP50, resolutionP80, dayMinutes }), target: targets.length ? `Target: ${targets.join(", ")}` : null };
}

/** The history and the target in one line, as the catalogue and the filing form show them. */
export function expectationLine(e: TypeExpectation): string {
  return `${e.history ?? "Too little recent history to say what to expect."}${e.target ? ` ${e.target}.` : ""}`;
}
