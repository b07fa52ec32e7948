// How the demo's internal customers feel about each department, and what they write when they rate
// a request or answer a pulse survey (prisma/seed/demo-satisfaction.ts draws from it). Comments reuse
// the same words on purpose, as real ones do, so that HR's comment themes form.
import type { DeptKey } from "./organisation";

/**
 * A department's standing with its customers: `level` shifts every score (in points, around the
 * organisation's usual 4-ish), `trend` adds that many points per month over the year of history, so
 * the morale trends have a story: Facilities recovering, IT slipping, Legal steady and well liked.
 */
export const DEPARTMENT_MOOD: Record<DeptKey, { level: number; trend: number }> = {
  IT: { level: 0.2, trend: -0.05 },
  FAC: { level: -0.3, trend: 0.07 },
  FIN: { level: -0.2, trend: 0 },
  HR: { level: 0.2, trend: 0.02 },
  LEG: { level: 0.5, trend: 0 },
  PRO: { level: -0.3, trend: 0.03 },
  MKT: { level: 0.3, trend: 0 },
  OPS: { level: 0, trend: 0.02 },
  SEC: { level: 0.3, trend: -0.02 },
  TRV: { level: 0.1, trend: 0 },
  DAT: { level: -0.1, trend: 0.04 },
  COM: { level: 0.4, trend: 0 },
};

/** Scores 1-5 before any mood: most internal customers are content, a few are not. */
export const SCORE_WEIGHTS = [3, 4, 9, 34, 50] as const;

/** Share of resolved requests whose requester rates them. */
export const RATED_SHARE = 0.55;

/** What requesters write, by score: 1-2 always (the app requires it), 3 often, 4-5 now and then. */
export const RATING_COMMENTS: Record<"low" | "mid" | "high", string[]> = {
  low: [
    "Slow response, I waited days before anyone answered.",
    "Nobody answered for a week and I had to chase twice.",
    "Slow response and the request was closed without asking me.",
    "Poor communication: I never knew who was working on it.",
    "Had to chase several times. Communication was poor.",
    "The problem is not really solved, it came back the next day.",
    "Waited days for a simple change. Very slow.",
    "Closed without asking me, and the problem is still there.",
    "Nobody explained what was done. Poor communication.",
    "I had to explain the same thing three times.",
  ],
  mid: [
    "Solved in the end, but the response was slow.",
    "OK, but I had to chase once.",
    "Fine result, communication could be better.",
    "Took longer than expected, but it works now.",
    "Solved, although nobody told me when it would be done.",
    "Good result, slow response.",
  ],
  high: [
    "Quick and friendly, thank you!",
    "Very helpful, explained clearly what to do.",
    "Quick response and solved the same day.",
    "Friendly and helpful as always.",
    "Great communication, kept me posted the whole time.",
    "Solved quickly, great service.",
    "Very helpful and quick.",
    "Explained clearly and solved it for good.",
  ],
};

/** Share of ratings with a comment, by band (1-2 always have one). */
export const COMMENT_SHARE = { mid: 0.6, high: 0.2 } as const;

/** Answers to "How well does <department> serve your team?", by band. */
export const PULSE_COMMENTS: Record<"low" | "mid" | "high", string[]> = {
  low: ["Slow response to our team's requests.", "Hard to reach and slow.", "Communication with our team is poor."],
  mid: ["Mostly fine, sometimes slow.", "OK, but response times vary."],
  high: ["Always helpful and quick.", "Friendly and reliable.", "Great service for our team."],
};

/** Share of those asked who answer a pulse round about a department. */
export const PULSE_ANSWER_SHARE = 0.5;
