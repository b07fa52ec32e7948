import { isOpenStatus } from "@/lib/requests/statuses";
import { addBusinessMinutes, businessMinutesBetween } from "./business-time";
import { type Calendar, compileCalendar } from "./calendar";
import type { CompiledCalendar } from "./compiled-calendar";

/**
 * SLA clocks derived from a request's history, as DESIGN.md defines them. Pure: the events and the
 * instant "now" come in as arguments, so stored clock state can always be checked against a
 * recomputation from the event log.
 */
export type Metric = "first_response" | "resolution" | "next_reply";
export const metrics: readonly Metric[] = ["first_response", "resolution", "next_reply"];

export type ClockEvent =
  /** departmentId: the department first holding the request; needed only once it was transferred. */
  | { kind: "created"; at: Date; typeId: string; priority: string; departmentId?: string }
  | { kind: "status"; at: Date; to: string; reopened?: boolean }
  | { kind: "priority"; at: Date; to: string }
  /** A public reply; internal notes never stop or start a clock. */
  | { kind: "reply"; at: Date; by: "agent" | "requester" }
  /** The request moved to another department, with a request type of that department. */
  | { kind: "transfer"; at: Date; departmentId: string; typeId: string };

/** What one run of the clock machine reads: a segment begins in the status the request had, and ends when it is passed on. */
type RunEvent = Exclude<ClockEvent, { kind: "created" }> | { kind: "created"; at: Date; typeId: string; priority: string; departmentId?: string; status?: string } | { kind: "end"; at: Date };

export type SlaPolicy = {
  id: string;
  calendar: Calendar | CompiledCalendar;
  pauseStatuses: readonly string[];
  /** Business minutes per metric; a metric without a target has no clock. */
  targets: Partial<Record<Metric, number>>;
};

/** The first matching policy of the department holding the request (departmentId is undefined when the events do not name one). */
export type PolicyResolver = (typeId: string, priority: string, departmentId?: string) => SlaPolicy | null;

export type ClockState = "running" | "paused" | "met" | "breached";

export type Clock = {
  metric: Metric;
  /**
   * 0: the requester-facing clock, which keeps running across transfers. n >= 1 (only for a request
   * that was transferred): its n-th stay in a department, from receiving it to passing it on or
   * resolving it, under that department's policy, so no team is measured on time spent elsewhere.
   */
  segment: number;
  /** The department a segment measures; null for the requester-facing clock. */
  departmentId: string | null;
  /** Resolution: 1, then +1 per reopen. Next reply: +1 per requester reply that starts one. */
  cycle: number;
  policyId: string;
  targetMinutes: number;
  startedAt: Date;
  stoppedAt: Date | null;
  /** running / paused while open; met / breached once stopped. An open clock past its target is "breached" too. */
  state: ClockState;
  paused: boolean;
  elapsedMinutes: number;
  /** When the target is (or was) used up; null while paused and not yet breached. */
  dueAt: Date | null;
  breachedAt: Date | null;
  pauses: { from: Date; to: Date | null }[];
  /** Instants at which 50 %, 75 % and 100 % of the target are used up (50 and 75 only while open and not overtaken by a higher threshold already reached). */
  warnings: { percent: 50 | 75 | 100; at: Date | null }[];
};

type Open = {
  metric: Metric;
  cycle: number;
  policy: SlaPolicy;
  target: number;
  start: number;
  runningSince: number | null;
  /** The calendar in effect now; each closed interval keeps the calendar it ran under. */
  calendar: CompiledCalendar;
  intervals: [number, number, CompiledCalendar][];
  pauses: { from: number; to: number | null }[];
};

export function deriveClocks(options: { events: readonly ClockEvent[]; policyFor: PolicyResolver; now: Date }): Clock[] {
  const inOrder = options.events.every((e, i, all) => i === 0 || all[i - 1]!.at.getTime() <= e.at.getTime());
  const sorted = inOrder ? options.events : [...options.events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const now = options.now.getTime();
  const events = sorted.filter((e) => e.at.getTime() <= now);
  // Across a transfer the requester-facing clocks go on like after a change of policy: the time
  // already spent is kept, and the receiving department's matching policy applies from then on.
  const clocks = run(events, options.policyFor, now, { segment: 0, departmentId: null });
  if (events.some((e) => e.kind === "transfer")) {
    for (const [i, s] of segmentsOf(events).entries()) {
      const policyFor: PolicyResolver = (typeId, priority) => options.policyFor(typeId, priority, s.departmentId);
      clocks.push(...run(s.events, policyFor, now, { segment: i + 1, departmentId: s.departmentId ?? null }));
    }
  }
  return clocks.sort((a, b) => a.segment - b.segment || metrics.indexOf(a.metric) - metrics.indexOf(b.metric) || a.cycle - b.cycle);
}

/**
 * A transferred request's stays in departments: each begins at receipt in the status, type and
 * priority the request had then, and ends at the next transfer (passed on) or runs on.
 */
function segmentsOf(events: readonly ClockEvent[]): { departmentId: string | undefined; events: RunEvent[] }[] {
  const segments: { departmentId: string | undefined; events: RunEvent[] }[] = [];
  let status = "NEW";
  let typeId = "";
  let priority = "";
  for (const e of events) {
    const current = segments.at(-1);
    switch (e.kind) {
      case "created":
        typeId = e.typeId;
        priority = e.priority;
        status = "NEW";
        segments.push({ departmentId: e.departmentId, events: [{ ...e, status }] });
        break;
      case "transfer":
        current?.events.push({ kind: "end", at: e.at });
        typeId = e.typeId;
        segments.push({ departmentId: e.departmentId, events: [{ kind: "created", at: e.at, typeId, priority, departmentId: e.departmentId, status }] });
        break;
      default:
        if (e.kind === "status") status = e.to;
        else if (e.kind === "priority") priority = e.to;
        current?.events.push(e);
    }
  }
  return segments;
}

function run(events: readonly RunEvent[], policyFor: PolicyResolver, now: number, label: { segment: number; departmentId: string | null }): Clock[] {
  const done: Clock[] = [];
  const open = new Map<Metric, Open>();
  const cycles: Record<Metric, number> = { first_response: 0, resolution: 0, next_reply: 0 };
  let status = "NEW";
  let typeId = "";
  let priority = "";
  let departmentId: string | undefined;
  let policy: SlaPolicy | null = null;
  let responded = false;

  const start = (metric: Metric, at: number) => {
    const target = policy?.targets[metric];
    if (!policy || target === undefined || open.has(metric)) return;
    cycles[metric] += 1;
    const paused = policy.pauseStatuses.includes(status);
    open.set(metric, {
      metric,
      cycle: cycles[metric],
      policy,
      target,
      calendar: compileCalendar(policy.calendar),
      start: at,
      runningSince: paused ? null : at,
      intervals: [],
      pauses: paused ? [{ from: at, to: null }] : [],
    });
  };
  const stop = (metric: Metric, at: number) => {
    const clock = open.get(metric);
    if (!clock) return;
    open.delete(metric);
    if (clock.runningSince !== null) clock.intervals.push([clock.runningSince, at, clock.calendar]);
    clock.runningSince = null;
    for (const p of clock.pauses) p.to ??= at;
    done.push(finish(clock, at, at, label));
  };

  /** Pauses or resumes every open clock as its policy says of the current status. */
  const applyPause = (at: number) => {
    for (const clock of open.values()) {
      const pause = clock.policy.pauseStatuses.includes(status);
      if (pause && clock.runningSince !== null) {
        clock.intervals.push([clock.runningSince, at, clock.calendar]);
        clock.runningSince = null;
        clock.pauses.push({ from: at, to: null });
      } else if (!pause && clock.runningSince === null) {
        clock.runningSince = at;
        const last = clock.pauses.at(-1);
        if (last && last.to === null) last.to = at;
      }
    }
  };

  for (const e of events) {
    const at = e.at.getTime();
    switch (e.kind) {
      case "created":
        typeId = e.typeId;
        priority = e.priority;
        departmentId = e.departmentId;
        policy = policyFor(typeId, priority, departmentId);
        status = e.status ?? "NEW";
        if (isOpenStatus(status)) {
          start("first_response", at);
          start("resolution", at);
        }
        break;
      case "end":
        for (const metric of [...open.keys()]) stop(metric, at);
        break;
      case "priority":
      case "transfer": {
        if (e.kind === "priority") priority = e.to;
        else {
          typeId = e.typeId;
          departmentId = e.departmentId;
        }
        // First match wins, re-evaluated on every change. Time already spent is kept, measured in the
        // calendar it ran under; from now on the new policy's calendar, target and pauses apply.
        // A metric the new policy has no target for (or no policy at all) has no clock any more.
        policy = policyFor(typeId, priority, departmentId);
        for (const clock of [...open.values()]) {
          const target = policy?.targets[clock.metric];
          if (!policy || target === undefined) {
            open.delete(clock.metric);
            continue;
          }
          if (clock.runningSince !== null) {
            clock.intervals.push([clock.runningSince, at, clock.calendar]);
            clock.runningSince = at;
          }
          clock.policy = policy;
          clock.calendar = compileCalendar(policy.calendar);
          clock.target = target;
        }
        applyPause(at);
        if (isOpenStatus(status)) {
          if (!responded) start("first_response", at);
          start("resolution", at);
        }
        break;
      }
      case "status": {
        const from = status;
        status = e.to;
        if (!isOpenStatus(status)) {
          stop("first_response", at);
          stop("next_reply", at);
          stop("resolution", at);
          break;
        }
        if (!isOpenStatus(from) || e.reopened) start("resolution", at);
        applyPause(at);
        break;
      }
      case "reply":
        if (e.by === "agent") {
          responded = true;
          stop("first_response", at);
          stop("next_reply", at);
        } else if (responded && isOpenStatus(status)) {
          start("next_reply", at);
        }
        break;
    }
  }
  for (const clock of open.values()) done.push(finish(clock, null, now, label));
  return done;
}

function finish(clock: Open, stoppedAt: number | null, until: number, label: { segment: number; departmentId: string | null }): Clock {
  const intervals: [number, number, CompiledCalendar][] = [...clock.intervals];
  if (clock.runningSince !== null) intervals.push([clock.runningSince, until, clock.calendar]);
  const opens = intervals.map(([a, b, calendar]) => businessMinutesBetween(calendar, new Date(a), new Date(b)));
  const elapsed = opens.reduce((sum, m) => sum + m, 0);

  const dueAt = reachMinutes(clock, intervals, opens, stoppedAt, clock.target);
  const breached = elapsed > clock.target + 1e-9;
  const state: ClockState = breached ? "breached" : stoppedAt !== null ? "met" : clock.runningSince === null ? "paused" : "running";
  return {
    metric: clock.metric,
    segment: label.segment,
    departmentId: label.departmentId,
    cycle: clock.cycle,
    policyId: clock.policy.id,
    targetMinutes: clock.target,
    startedAt: new Date(clock.start),
    stoppedAt: stoppedAt === null ? null : new Date(stoppedAt),
    state,
    paused: stoppedAt === null && clock.runningSince === null,
    elapsedMinutes: Math.round(elapsed * 1000) / 1000,
    dueAt,
    breachedAt: breached ? dueAt : null,
    pauses: clock.pauses.map((p) => ({ from: new Date(p.from), to: p.to === null ? null : new Date(p.to) })),
    // Warnings only matter while a clock runs, and only up to the highest threshold already reached:
    // a warning overtaken by a later one is never sent (the sweep fires the highest reached), so
    // its instant is not computed, which also spares two walks through the calendar per breached clock.
    warnings: [
      { percent: 50, at: stoppedAt === null && elapsed < (clock.target * 3) / 4 ? reachMinutes(clock, intervals, opens, stoppedAt, clock.target / 2) : null },
      { percent: 75, at: stoppedAt === null && !breached && elapsed < clock.target ? reachMinutes(clock, intervals, opens, stoppedAt, (clock.target * 3) / 4) : null },
      { percent: 100, at: dueAt },
    ],
  };
}

/**
 * The instant at which `minutes` of the clock's open time are used up: inside one of its intervals,
 * or projected from the running one; null while paused or once stopped short of it. A module-level
 * function rather than a closure per clock: deriving 300,000 clocks creates none.
 */
function reachMinutes(clock: Open, intervals: readonly [number, number, CompiledCalendar][], opens: readonly number[], stoppedAt: number | null, minutes: number): Date | null {
  let remaining = minutes;
  for (let i = 0; i < intervals.length; i++) {
    const [from, , calendar] = intervals[i]!;
    if (opens[i]! >= remaining) return addBusinessMinutes(calendar, new Date(from), remaining);
    remaining -= opens[i]!;
  }
  // Not reached yet: project from the running interval, if the clock still runs.
  if (clock.runningSince === null || stoppedAt !== null) return null;
  const last = intervals.at(-1);
  if (!last) return null;
  return addBusinessMinutes(clock.calendar, new Date(last[1]), remaining);
}
