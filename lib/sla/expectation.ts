import { formatDueTime, formatTime } from "@/lib/time/format-time";
import type { Status } from "@/lib/validation/requests";
/**
 * What a requester may expect of a request, in plain words, from its requester-facing SLA clocks
 * (segment 0): "We aim to reply by Tue 24 Nov, 15:00 CET". Pure: the clocks, the request's status
 * and the time come in as arguments. Times are in the reader's time zone with its abbreviation; a due
 * time adds the providing department's local time when it reads differently there, because that
 * is the zone its business hours and promises are made in.
 */
export type ExpectationClock = {
  metric: "FIRST_RESPONSE" | "RESOLUTION" | "NEXT_REPLY";
  cycle: number;
  state: "RUNNING" | "PAUSED" | "MET" | "BREACHED";
  paused: boolean;
  dueAt: Date | null;
  stoppedAt: Date | null;
  breachedAt: Date | null;
};

export type Expectation = {
  /** on-track: a promise is running; waiting: on the requester; late: past a promise; done: resolved or closed. */
  tone: "on-track" | "waiting" | "late" | "done";
  text: string;
};

export function slaExpectation(options: {
  status: Status;
  resolvedAt: Date | null;
  closedAt: Date | null;
  clocks: readonly ExpectationClock[];
  /** The reader's zone. */
  timeZone: string;
  /** The providing department's zone and name, added to due times when they differ from the reader's. */
  departmentTimeZone?: string;
  departmentName?: string;
  /**
   * Who is reading, so "waiting" speaks to them: the requester is waited on ("Waiting for your reply"); anyone
   * else (a follower) reads whose reply is awaited. Without it the reader is taken to be the requester.
   */
  reader?: { isRequester: true } | { isRequester: false; requesterName: string };
  now: Date;
}): Expectation | null {
  const { status, timeZone, now } = options;
  const when = (at: Date) => formatTime(at, { timeZone, style: "weekday", now });
  const due = (at: Date) => formatDueTime(at, { timeZone, departmentTimeZone: options.departmentTimeZone ?? timeZone, departmentName: options.departmentName, now });

  if (status === "RESOLVED" || status === "CLOSED") {
    if (options.resolvedAt) return { tone: "done", text: `Resolved on ${when(options.resolvedAt)}` };
    if (options.closedAt) return { tone: "done", text: `Closed on ${when(options.closedAt)}` };
    return { tone: "done", text: status === "RESOLVED" ? "Resolved" : "Closed" };
  }

  // The current cycle of each metric: a reopened request starts a new resolution cycle.
  const latest = new Map<ExpectationClock["metric"], ExpectationClock>();
  for (const c of options.clocks) {
    const seen = latest.get(c.metric);
    if (!seen || c.cycle > seen.cycle) latest.set(c.metric, c);
  }
  const open = [...latest.values()].filter((c) => c.stoppedAt === null);

  if (status === "WAITING_ON_REQUESTER") {
    const paused = open.some((c) => c.paused);
    const reader = options.reader ?? { isRequester: true };
    if (reader.isRequester) return { tone: "waiting", text: paused ? "Waiting for you — the clock is paused" : "Waiting for your reply" };
    const whose = `${reader.requesterName}'s`;
    return { tone: "waiting", text: paused ? `Waiting for ${whose} reply — the clock is paused` : `Waiting for ${whose} reply` };
  }

  const overdue = open
    .filter((c) => !c.paused && (c.state === "BREACHED" || c.breachedAt !== null || (c.dueAt !== null && c.dueAt <= now)))
    .sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity))[0];
  if (overdue) {
    return { tone: "late", text: overdue.dueAt ? `Taking longer than promised (due ${due(overdue.dueAt)})` : "Taking longer than promised" };
  }

  const running = (metric: ExpectationClock["metric"]) => {
    const c = latest.get(metric);
    return c && c.stoppedAt === null && !c.paused && c.dueAt ? c : undefined;
  };
  const reply = running("FIRST_RESPONSE") ?? running("NEXT_REPLY");
  if (reply) return { tone: "on-track", text: `We aim to reply by ${due(reply.dueAt!)}` };
  const resolution = running("RESOLUTION");
  if (resolution) {
    const answered = latest.get("FIRST_RESPONSE")?.stoppedAt != null;
    return { tone: "on-track", text: `${answered ? "Answered; resolution" : "Resolution"} expected by ${due(resolution.dueAt!)}` };
  }
  if (open.some((c) => c.paused)) return { tone: "waiting", text: "The clock is paused" };
  // No service-level target applies (no policy matched), so nothing is promised.
  return null;
}
