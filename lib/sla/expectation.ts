import type { Status } from "@/lib/validation/requests";
/**
 * What a requester may expect of a request, in plain words, from its requester-facing SLA clocks
 * (segment 0): "We aim to reply by Tue 24 Nov, 15:00 CET". Pure: the clocks, the request's status
 * and the time come in as arguments. Times are in the providing department's time zone, with its
 * abbreviation, because that is the zone its business hours and promises are made in (the app has
 * no time zone per person).
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
  timeZone: string;
  now: Date;
}): Expectation | null {
  const { status, timeZone, now } = options;
  const when = (at: Date) => formatInZone(at, timeZone, now);

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
    return { tone: "waiting", text: open.some((c) => c.paused) ? "Waiting for you — the clock is paused" : "Waiting for your reply" };
  }

  const overdue = open
    .filter((c) => !c.paused && (c.state === "BREACHED" || c.breachedAt !== null || (c.dueAt !== null && c.dueAt <= now)))
    .sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity))[0];
  if (overdue) {
    return { tone: "late", text: overdue.dueAt ? `Taking longer than promised (due ${when(overdue.dueAt)})` : "Taking longer than promised" };
  }

  const running = (metric: ExpectationClock["metric"]) => {
    const c = latest.get(metric);
    return c && c.stoppedAt === null && !c.paused && c.dueAt ? c : undefined;
  };
  const reply = running("FIRST_RESPONSE") ?? running("NEXT_REPLY");
  if (reply) return { tone: "on-track", text: `We aim to reply by ${when(reply.dueAt!)}` };
  const resolution = running("RESOLUTION");
  if (resolution) {
    const answered = latest.get("FIRST_RESPONSE")?.stoppedAt != null;
    return { tone: "on-track", text: `${answered ? "Answered; resolution" : "Resolution"} expected by ${when(resolution.dueAt!)}` };
  }
  if (open.some((c) => c.paused)) return { tone: "waiting", text: "The clock is paused" };
  // No service-level target applies (no policy matched), so nothing is promised.
  return null;
}

/**
 * "Tue 24 Nov, 15:00 CET" in the given zone; the year is added when it is not the current one.
 * The zone's abbreviation comes from en-GB (CET, WET, BST) or else en-US (EST, CST), else GMT+8.
 */
export function formatInZone(at: Date, timeZone: string, now: Date): string {
  const sameYear = yearIn(at, timeZone) === yearIn(now, timeZone);
  // Assembled from parts: ICU versions differ on the commas of the whole string.
  const parts = Object.fromEntries(
    formatter("en-GB", timeZone, { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.weekday} ${parts.day} ${parts.month}${sameYear ? "" : ` ${parts.year}`}, ${parts.hour}:${parts.minute} ${zoneAbbreviation(at, timeZone)}`;
}

// Building an Intl.DateTimeFormat costs far more than using one, and a list formats hundreds of
// times in a handful of zones.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}

function yearIn(at: Date, timeZone: string) {
  return formatter("en-GB", timeZone, { year: "numeric" }).format(at);
}

function zoneAbbreviation(at: Date, timeZone: string) {
  const name = (locale: string) => formatter(locale, timeZone, { timeZoneName: "short" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? timeZone;
  const gb = name("en-GB");
  if (!gb.startsWith("GMT")) return gb;
  const us = name("en-US");
  return us.startsWith("GMT") ? gb : us;
}
