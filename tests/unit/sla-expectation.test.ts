import { describe, expect, it } from "vitest";
import { slaExpectation, type ExpectationClock } from "@/lib/sla/expectation";
import { formatTime } from "@/lib/time/format-time";

// 2026-11-23 is a Monday; Berlin is UTC+1 in November.
const t = (s: string) => new Date(`2026-11-${s}Z`);
const now = t("23T10:00:00");
const berlin = "Europe/Berlin";

const clock = (overrides: Partial<ExpectationClock> & Pick<ExpectationClock, "metric">): ExpectationClock => ({
  cycle: 1,
  state: "RUNNING",
  paused: false,
  dueAt: null,
  stoppedAt: null,
  breachedAt: null,
  ...overrides,
});
const firstResponse = (overrides: Partial<ExpectationClock> = {}) => clock({ metric: "FIRST_RESPONSE", dueAt: t("24T14:00:00"), ...overrides });
const resolution = (overrides: Partial<ExpectationClock> = {}) => clock({ metric: "RESOLUTION", dueAt: t("26T14:00:00"), ...overrides });

const expect_ = (status: Parameters<typeof slaExpectation>[0]["status"], clocks: ExpectationClock[], extra: { resolvedAt?: Date; closedAt?: Date; timeZone?: string } = {}) =>
  slaExpectation({ status, clocks, resolvedAt: extra.resolvedAt ?? null, closedAt: extra.closedAt ?? null, timeZone: extra.timeZone ?? berlin, now }) ?? { tone: "none", text: "" };

describe("the SLA expectation a requester reads", () => {
  it("promises the first reply while nobody has answered", () => {
    expect(expect_("NEW", [firstResponse(), resolution()])).toEqual({ tone: "on-track", text: "We aim to reply by Tue 24 Nov, 15:00 CET" });
  });

  it("promises the resolution once answered", () => {
    const answered = firstResponse({ state: "MET", stoppedAt: t("23T09:00:00") });
    expect(expect_("OPEN", [answered, resolution()])).toEqual({ tone: "on-track", text: "Answered; resolution expected by Thu 26 Nov, 15:00 CET" });
  });

  it("promises the next reply after the requester wrote again", () => {
    const answered = firstResponse({ state: "MET", stoppedAt: t("23T09:00:00") });
    const nextReply = clock({ metric: "NEXT_REPLY", dueAt: t("23T13:30:00") });
    expect(expect_("OPEN", [answered, resolution(), nextReply]).text).toBe("We aim to reply by Mon 23 Nov, 14:30 CET");
  });

  it("says the resolution alone when the policy has no first-response target", () => {
    expect(expect_("OPEN", [resolution()]).text).toBe("Resolution expected by Thu 26 Nov, 15:00 CET");
  });

  it("says when the request waits on the requester and whether the clock is paused", () => {
    const paused = [firstResponse({ state: "MET", stoppedAt: t("23T09:00:00") }), resolution({ state: "PAUSED", paused: true, dueAt: null })];
    expect(expect_("WAITING_ON_REQUESTER", paused)).toEqual({ tone: "waiting", text: "Waiting for you — the clock is paused" });
    expect(expect_("WAITING_ON_REQUESTER", [resolution()])).toEqual({ tone: "waiting", text: "Waiting for your reply" });
  });

  it("never tells a follower it waits for them: it names the requester whose reply is awaited", () => {
    const follower = { isRequester: false as const, requesterName: "Erin Evans" };
    const read = (clocks: ExpectationClock[]) =>
      slaExpectation({ status: "WAITING_ON_REQUESTER", clocks, resolvedAt: null, closedAt: null, timeZone: berlin, reader: follower, now });
    expect(read([resolution()])).toEqual({ tone: "waiting", text: "Waiting for Erin Evans's reply" });
    expect(read([resolution({ state: "PAUSED", paused: true, dueAt: null })])?.text).toBe("Waiting for Erin Evans's reply — the clock is paused");
    const asRequester = slaExpectation({ status: "WAITING_ON_REQUESTER", clocks: [resolution()], resolvedAt: null, closedAt: null, timeZone: berlin, reader: { isRequester: true }, now });
    expect(asRequester?.text).toBe("Waiting for your reply");
  });

  it("owns up to a missed promise, marked by the sweep or simply past due", () => {
    const breached = firstResponse({ state: "BREACHED", dueAt: t("23T11:00:00"), breachedAt: t("23T11:00:00") });
    expect(expect_("NEW", [breached, resolution()])).toEqual({ tone: "late", text: "Taking longer than promised (due Mon 23 Nov, 12:00 CET)" });
    const pastDue = firstResponse({ dueAt: t("23T09:30:00") });
    expect(expect_("NEW", [pastDue, resolution()]).text).toBe("Taking longer than promised (due Mon 23 Nov, 10:30 CET)");
  });

  it("reads the current cycle only after a reopen", () => {
    const oldCycle = resolution({ cycle: 1, state: "BREACHED", breachedAt: t("20T10:00:00"), stoppedAt: t("21T10:00:00"), dueAt: t("20T10:00:00") });
    const newCycle = resolution({ cycle: 2, dueAt: t("25T09:00:00") });
    const answered = firstResponse({ state: "MET", stoppedAt: t("19T09:00:00") });
    expect(expect_("OPEN", [answered, oldCycle, newCycle]).text).toBe("Answered; resolution expected by Wed 25 Nov, 10:00 CET");
  });

  it("says when it was resolved or closed", () => {
    expect(expect_("RESOLVED", [resolution({ state: "MET", stoppedAt: t("22T15:05:00") })], { resolvedAt: t("22T15:05:00") })).toEqual({ tone: "done", text: "Resolved on Sun 22 Nov, 16:05 CET" });
    expect(expect_("CLOSED", [], { closedAt: t("21T08:00:00") })).toEqual({ tone: "done", text: "Closed on Sat 21 Nov, 09:00 CET" });
  });

  it("promises nothing when no service-level target applies", () => {
    expect(slaExpectation({ status: "NEW", clocks: [], resolvedAt: null, closedAt: null, timeZone: berlin, now })).toBeNull();
  });

  it("writes times in the department's zone with its abbreviation, and the year when it is not this one", () => {
    expect(expect_("NEW", [firstResponse()], { timeZone: "America/Toronto" }).text).toBe("We aim to reply by Tue 24 Nov, 09:00 EST");
    expect(expect_("NEW", [firstResponse()], { timeZone: "Asia/Singapore" }).text).toBe("We aim to reply by Tue 24 Nov, 22:00 GMT+8");
    expect(formatTime(new Date("2027-01-04T08:00:00Z"), { timeZone: "Europe/Lisbon", style: "weekday", now })).toBe("Mon 4 Jan 2027, 08:00 WET");
    expect(formatTime(new Date("2026-07-01T08:00:00Z"), { timeZone: "Europe/London", style: "weekday", now })).toBe("Wed 1 Jul, 09:00 BST");
  });
});

describe("a due time read from another zone than the department's", () => {
  it("adds the department's local time, and nothing when both read the same", () => {
    const text = slaExpectation({ status: "NEW", clocks: [firstResponse()], resolvedAt: null, closedAt: null, timeZone: "America/New_York", departmentTimeZone: berlin, departmentName: "Facilities", now })?.text;
    expect(text).toBe("We aim to reply by Tue 24 Nov, 09:00 EST (15:00 CET in Facilities)");
    expect(slaExpectation({ status: "NEW", clocks: [firstResponse()], resolvedAt: null, closedAt: null, timeZone: "Europe/Paris", departmentTimeZone: berlin, now })?.text).toBe("We aim to reply by Tue 24 Nov, 15:00 CET");
  });
});
