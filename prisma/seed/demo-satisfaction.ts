// The demo's satisfaction history: requesters' ratings of resolved requests and answered pulse
// survey rounds, written as lib/satisfaction's use cases write them (rate-request.ts,
// open-pulse-rounds.ts, answer-pulse.ts) but in bulk, and only before the current month: the open
// month has no figures to show.
import type { Prisma } from "../../lib/generated/prisma/client";
import { periodRange } from "../../lib/satisfaction/figure-periods";
import { followingPeriod } from "../../lib/satisfaction/pulse-periods";
import { DEPARTMENT_MOOD, COMMENT_SHARE, PULSE_ANSWER_SHARE, PULSE_COMMENTS, RATED_SHARE, RATING_COMMENTS, SCORE_WEIGHTS } from "./data/satisfaction";
import type { DeptKey } from "./data/organisation";
import { uuid, type Rand } from "./random";

const DAY = 24 * 60 * 60_000;
const MONTH = 30.44 * DAY;

/** The first instant of the month `t` is in (UTC, as reporting periods are): nothing is rated from then on. */
export function monthStart(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/**
 * A score 1-5: the organisation's usual spread, moved by the rated department's standing at that time
 * (data/satisfaction.ts), the agent's own way of working, and how the request went.
 */
export function drawScore(r: Rand, options: { dept: DeptKey; at: number; historyStart: number; bias?: number }): number {
  const mood = DEPARTMENT_MOOD[options.dept];
  const months = (options.at - options.historyStart) / MONTH;
  const q = mood.level + mood.trend * (months - 6) + (options.bias ?? 0);
  return r.weighted(SCORE_WEIGHTS.map((w, i) => [i + 1, w * Math.exp(q * (i - 2) * 0.6)] as const));
}

function commentFor(r: Rand, score: number, texts: Record<"low" | "mid" | "high", string[]>, share: { mid: number; high: number }): string | null {
  if (score <= 2) return r.pick(texts.low);
  if (score === 3) return r.chance(share.mid) ? r.pick(texts.mid) : null;
  return r.chance(share.high) ? r.pick(texts.high) : null;
}

export type RatingRow = Required<Pick<Prisma.RatingCreateManyInput, "id" | "requestId" | "cycle" | "requesterId" | "departmentId" | "score" | "createdAt">> & {
  agentId: string | null;
  comment: string | null;
};

/**
 * The requester's rating of a request's last resolution, or null when they did not rate it (most
 * do not) or would have rated it in the current month. `ratedAt` is when they would rate; reopened
 * requests and slow ones are rated lower.
 */
export function rateResolution(
  r: Rand,
  options: {
    id: string;
    request: { id: string; requesterId: string; departmentId: string; dept: DeptKey; createdAt: number; assigneeId: string | null };
    resolvedAt: number;
    /** Resolutions so far: the rating's cycle. */
    cycle: number;
    reopened: boolean;
    ratedAt: number;
    cutoff: number;
    historyStart: number;
    agentBias: (agentId: string | null) => number;
  },
): RatingRow | null {
  const { request } = options;
  if (!r.chance(RATED_SHARE) || options.ratedAt >= options.cutoff || options.cycle < 1) return null;
  const slow = options.resolvedAt - request.createdAt > 7 * DAY;
  const bias = options.agentBias(request.assigneeId) - (options.reopened ? 0.8 : 0) - (slow ? 0.4 : 0);
  const score = drawScore(r, { dept: request.dept, at: options.ratedAt, historyStart: options.historyStart, bias });
  return {
    id: options.id,
    requestId: request.id,
    cycle: options.cycle,
    requesterId: request.requesterId,
    departmentId: request.departmentId,
    agentId: request.assigneeId,
    score,
    comment: commentFor(r, score, RATING_COMMENTS, COMMENT_SHARE),
    createdAt: new Date(options.ratedAt),
  };
}

type Person = { id: string; departmentId: string; deptKey: DeptKey; active: boolean; deactivatedAt?: number };
type Filed = { requesterDepartmentId: string; departmentId: string; createdAt: number };

export type PulseRows = {
  surveys: Prisma.PulseSurveyCreateManyInput[];
  rounds: { id: string; surveyId: string; period: string; opensAt: Date; closesAt: Date; createdAt: Date }[];
  invitations: { roundId: string; personId: string; ratedDepartmentId: string }[];
  responses: { id: string; roundId: string; respondentId: string; respondentDepartmentId: string; ratedDepartmentId: string; score: number; comment: string | null; createdAt: Date }[];
};

const pad = (n: number) => String(n).padStart(2, "0");
const quarterOf = (t: number) => {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
};
const monthOf = (t: number) => {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
};

/**
 * Pulse surveys as HR and a head ran them over the year: HR's quarterly survey of every department
 * (a round opens when each quarter ends and stays open 14 days), and the head of Facilities' one-off
 * survey of their department about a month some four months back. Who was asked is decided as
 * open-pulse-rounds.ts decides it; about half of them answered each question.
 */
export function pulseHistory(
  r: Rand,
  options: {
    now: number;
    historyStart: number;
    newId: () => string;
    people: readonly Person[];
    filed: readonly Filed[];
    hr: { id: string };
    head: { id: string; departmentId: string };
    deptKeyOf: (departmentId: string) => DeptKey;
  },
): PulseRows {
  const { now, newId } = options;
  const rows: PulseRows = { surveys: [], rounds: [], invitations: [], responses: [] };
  const openDays = 14;

  const runRound = (surveyId: string, period: string, opensAt: number, departmentId: string | null) => {
    const closesAt = opensAt + openDays * DAY;
    const roundId = uuid(r);
    rows.rounds.push({ id: roundId, surveyId, period, opensAt: new Date(opensAt), closesAt: new Date(closesAt), createdAt: new Date(opensAt) });
    const { from, to } = periodRange(period);
    const pairs = new Set<string>();
    for (const f of options.filed) {
      if (f.createdAt < from.getTime() || f.createdAt >= to.getTime() || f.departmentId === f.requesterDepartmentId) continue;
      if (departmentId && f.departmentId !== departmentId) continue;
      pairs.add(`${f.requesterDepartmentId}|${f.departmentId}`);
    }
    for (const pair of [...pairs].sort()) {
      const [respondentDepartmentId, ratedDepartmentId] = pair.split("|") as [string, string];
      for (const p of options.people) {
        const activeThen = p.active || (p.deactivatedAt ?? 0) > opensAt;
        if (p.departmentId !== respondentDepartmentId || !activeThen) continue;
        rows.invitations.push({ roundId, personId: p.id, ratedDepartmentId });
        if (!r.chance(PULSE_ANSWER_SHARE)) continue;
        // Most answer in the first days after the invitation.
        const at = Math.round(opensAt + (closesAt - opensAt) * r.next() ** 2);
        if (at >= now || (p.deactivatedAt !== undefined && at >= p.deactivatedAt)) continue;
        const score = drawScore(r, { dept: options.deptKeyOf(ratedDepartmentId), at: opensAt, historyStart: options.historyStart });
        rows.responses.push({
          id: newId(),
          roundId,
          respondentId: p.id,
          respondentDepartmentId,
          ratedDepartmentId,
          score,
          comment: commentFor(r, score, PULSE_COMMENTS, { mid: 0.3, high: 0.15 }),
          createdAt: new Date(at),
        });
      }
    }
  };

  // HR's quarterly survey: from the first quarter wholly inside the history, a round per quarter that has ended.
  const quarterly = newId();
  let period = followingPeriod(quarterOf(options.historyStart));
  const firstOpens = periodRange(period).to.getTime();
  while (periodRange(period).to.getTime() <= now) {
    runRound(quarterly, period, periodRange(period).to.getTime(), null);
    period = followingPeriod(period);
  }
  rows.surveys.push({
    id: quarterly,
    createdById: options.hr.id,
    departmentId: null,
    cadence: "QUARTERLY",
    openDays,
    nextPeriod: period,
    nextRunAt: periodRange(period).to,
    active: true,
    createdAt: new Date(Math.min(firstOpens, now) - 2 * DAY),
  });

  // The head of Facilities asked once about a month some four months back, two days after it ended.
  const once = newId();
  const month = monthOf(now - 120 * DAY);
  const opensAt = periodRange(month).to.getTime() + 2 * DAY;
  rows.surveys.push({
    id: once,
    createdById: options.head.id,
    departmentId: options.head.departmentId,
    cadence: "ONCE",
    openDays,
    nextPeriod: month,
    nextRunAt: null,
    active: true,
    createdAt: new Date(opensAt),
  });
  runRound(once, month, opensAt, options.head.departmentId);
  return rows;
}

export type ExperienceAnswer = { timeLost: string | null; reasons: string[] };
export type ComplaintRow = {
  id: string; departmentId: string; requestId: string; ratingId: string; complainantId: string; source: string; summary: string;
  createdAt: Date; dueAt: Date; assigneeId: string | null; contactedAt: Date | null; outcome: string | null; outcomeMessage: string | null; closedAt: Date | null; feelsHeard: boolean | null;
};

const HOUR = 60 * 60_000;

/**
 * The optional questions of a rating as the demo's requesters answered them (rate-request.ts): about
 * two in three say how much time the issue cost (more when the score is low), about half tick a reason
 * of the score's band. Drawn from a generator of their own, so the rest of the demo is unchanged.
 */
export function experienceAnswer(r: Rand, score: number): ExperienceAnswer {
  const low = score <= 2;
  const timeLost = r.chance(low ? 0.8 : 0.6)
    ? r.weighted(
        (low
          ? [["none", 1], ["under_1h", 2], ["1_4h", 4], ["day", 3], ["more_day", 2]]
          : score === 3
            ? [["none", 2], ["under_1h", 4], ["1_4h", 3], ["day", 1], ["more_day", 0.3]]
            : [["none", 6], ["under_1h", 4], ["1_4h", 1], ["day", 0.2], ["more_day", 0.05]]),
      )
    : null;
  const band = score >= 4 ? ["fast", "kept_informed", "solved_first_time", "friendly"] : ["slow", "had_to_chase", "not_solved", "passed_around", "unclear_what_was_needed"];
  const reasons = r.chance(low ? 0.8 : 0.5) ? [...new Set([r.pick(band), ...(r.chance(0.3) ? [r.pick(band)] : [])])] : [];
  return { timeLost, reasons };
}

const OUTCOME_MESSAGES = {
  resolved: ["We went through it together and fixed what was left. Thank you for telling us.", "Sorted with you on the phone: the missing piece is done now."],
  explained: ["We explained why it took so long and what we changed in how we triage.", "We talked it through: the delay came from a supplier, and we now tell people sooner."],
  not_resolvable: ["We could not change the outcome, but we have raised it with the team that decides."],
} as const;

/**
 * Some of the low ratings asked for a follow-up (about 45 %): each gets its head's follow-up as
 * close-complaint.ts records it, contacted within the 1-business-day target most of the time, closed
 * with an outcome, and most requesters said whether they feel heard. Those of the last two weeks are
 * still open, for the head to pick up.
 */
export function demoComplaints(r: Rand, options: { ratings: readonly RatingRow[]; now: number; newId: () => string; headOf: (departmentId: string) => string | null; dueAt: (departmentId: string, at: Date) => Date }): ComplaintRow[] {
  const out: ComplaintRow[] = [];
  for (const rating of options.ratings) {
    if (rating.score > 2 || !r.chance(0.45)) continue;
    const createdAt = new Date(rating.createdAt);
    const dueAt = options.dueAt(rating.departmentId, createdAt);
    const head = options.headOf(rating.departmentId);
    const recent = options.now - createdAt.getTime() < 14 * DAY;
    const inTime = r.chance(0.8);
    const contactedAt = recent && r.chance(0.5) ? null : new Date(inTime ? createdAt.getTime() + (dueAt.getTime() - createdAt.getTime()) * r.next() : dueAt.getTime() + r.int(2, 30) * HOUR);
    const closed = !recent && contactedAt !== null;
    const outcome = closed ? r.weighted([["resolved", 5], ["explained", 3], ["not_resolvable", 1]] as const) : null;
    out.push({
      id: options.newId(),
      departmentId: rating.departmentId,
      requestId: rating.requestId,
      ratingId: rating.id,
      complainantId: rating.requesterId,
      source: "rating",
      summary: rating.comment ?? "",
      createdAt,
      dueAt,
      assigneeId: head,
      contactedAt,
      outcome,
      outcomeMessage: outcome ? r.pick(OUTCOME_MESSAGES[outcome]) : null,
      closedAt: closed && contactedAt ? new Date(contactedAt.getTime() + r.int(1, 48) * HOUR) : null,
      feelsHeard: closed ? r.weighted([[true, 7], [false, 2], [null, 2]] as const) : null,
    });
  }
  return out;
}
