import { describe, expect, it } from "vitest";
import type { Calendar } from "@/lib/sla";
import { deriveClocks, type ClockEvent, type SlaPolicy } from "@/lib/sla/clock";

const office: Calendar = {
  timeZone: "UTC",
  hours: { mon: [["08:00", "18:00"]], tue: [["08:00", "18:00"]], wed: [["08:00", "18:00"]], thu: [["08:00", "18:00"]], fri: [["08:00", "18:00"]], sat: [], sun: [] },
  holidays: [],
};
const normal: SlaPolicy = { id: "normal", calendar: office, pauseStatuses: ["WAITING_ON_REQUESTER"], targets: { first_response: 240, resolution: 600, next_reply: 120 } };
const urgent: SlaPolicy = { id: "urgent", calendar: office, pauseStatuses: [], targets: { first_response: 30, resolution: 120 } };
const policyFor = (_type: string, priority: string) => (priority === "URGENT" ? urgent : normal);

// 2026-11-23 is a Monday.
const t = (s: string) => new Date(`2026-11-${s}Z`);
const created = (at: string, priority = "NORMAL"): ClockEvent => ({ kind: "created", at: t(at), typeId: "x", priority });

const clock = (events: ClockEvent[], now: string, metric: string, cycle = 1) => {
  const found = deriveClocks({ events, policyFor, now: t(now) }).find((c) => c.metric === metric && c.cycle === cycle);
  if (!found) throw new Error(`no ${metric} clock`);
  return found;
};

describe("SLA clocks from a request's history", () => {
  it("counts first response in business hours: filed at 16:00 with 240 minutes is due 10:00 next day", () => {
    const c = clock([created("23T16:00:00")], "23T17:00:00", "first_response");
    expect(c).toMatchObject({ state: "running", elapsedMinutes: 60, dueAt: t("24T10:00:00") });
    expect(c.warnings.map((w) => w.at)).toEqual([t("23T18:00:00"), t("24T09:00:00"), t("24T10:00:00")]);
  });

  it("stops first response at the first public agent reply, met or breached", () => {
    const events: ClockEvent[] = [created("23T16:00:00"), { kind: "reply", at: t("23T17:00:00"), by: "requester" }, { kind: "reply", at: t("24T09:00:00"), by: "agent" }];
    expect(clock(events, "25T12:00:00", "first_response")).toMatchObject({ state: "met", elapsedMinutes: 180, stoppedAt: t("24T09:00:00") });
    const late: ClockEvent[] = [created("23T16:00:00"), { kind: "reply", at: t("24T11:00:00"), by: "agent" }];
    expect(clock(late, "25T12:00:00", "first_response")).toMatchObject({ state: "breached", elapsedMinutes: 300, breachedAt: t("24T10:00:00") });
  });

  it("shows a running clock past its target as breached before it stops", () => {
    expect(clock([created("23T08:00:00")], "23T13:00:00", "first_response")).toMatchObject({ state: "breached", breachedAt: t("23T12:00:00"), stoppedAt: null });
  });

  it("pauses while waiting on the requester and moves the due time out by the paused business time", () => {
    const events: ClockEvent[] = [
      created("23T08:00:00"),
      { kind: "status", at: t("23T10:00:00"), to: "WAITING_ON_REQUESTER" },
      { kind: "status", at: t("24T08:00:00"), to: "OPEN" },
    ];
    expect(clock(events.slice(0, 2), "23T15:00:00", "resolution")).toMatchObject({ state: "paused", paused: true, elapsedMinutes: 120, dueAt: null });
    expect(clock(events, "24T09:00:00", "resolution")).toMatchObject({ state: "running", elapsedMinutes: 180, dueAt: t("24T16:00:00") });
    const resolved = clock([...events, { kind: "status", at: t("24T17:00:00"), to: "RESOLVED" }], "25T09:00:00", "resolution");
    expect(resolved).toMatchObject({ state: "breached", elapsedMinutes: 660, breachedAt: t("24T16:00:00") });
    expect(resolved.pauses).toEqual([{ from: t("23T10:00:00"), to: t("24T08:00:00") }]);
  });

  it("starts a new resolution cycle on reopen and keeps the first one as it ended", () => {
    const events: ClockEvent[] = [
      created("23T08:00:00"),
      { kind: "status", at: t("23T09:00:00"), to: "RESOLVED" },
      { kind: "status", at: t("25T08:00:00"), to: "OPEN", reopened: true },
    ];
    const clocks = deriveClocks({ events, policyFor, now: t("25T09:00:00") }).filter((c) => c.metric === "resolution");
    expect(clocks.map((c) => [c.cycle, c.state, c.elapsedMinutes])).toEqual([
      [1, "met", 60],
      [2, "running", 60],
    ]);
  });

  it("re-targets open clocks when the priority changes, keeping the time already spent", () => {
    const events: ClockEvent[] = [created("23T08:00:00"), { kind: "priority", at: t("23T08:20:00"), to: "URGENT" }];
    expect(clock(events, "23T08:25:00", "first_response")).toMatchObject({ policyId: "urgent", targetMinutes: 30, dueAt: t("23T08:30:00") });
  });

  it("runs a next-reply clock from a requester's reply to the next agent reply", () => {
    const events: ClockEvent[] = [
      created("23T08:00:00"),
      { kind: "reply", at: t("23T08:10:00"), by: "agent" },
      { kind: "reply", at: t("23T09:00:00"), by: "requester" },
      { kind: "reply", at: t("23T09:30:00"), by: "requester" },
      { kind: "reply", at: t("23T12:00:00"), by: "agent" },
    ];
    const next = deriveClocks({ events, policyFor, now: t("23T13:00:00") }).filter((c) => c.metric === "next_reply");
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({ state: "breached", elapsedMinutes: 180, breachedAt: t("23T11:00:00") });
  });

  it("has no clock for a metric without a target and ignores events after now", () => {
    const clocks = deriveClocks({ events: [created("23T08:00:00", "URGENT"), { kind: "status", at: t("23T09:00:00"), to: "RESOLVED" }], policyFor, now: t("23T08:30:00") });
    expect(clocks.map((c) => c.metric)).toEqual(["first_response", "resolution"]);
    expect(clocks.every((c) => c.stoppedAt === null)).toBe(true);
  });

  describe("a change of policy mid-way", () => {
    const allHours: Calendar = { timeZone: "UTC", hours: Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [["00:00", "24:00"]]])) as Calendar["hours"], holidays: [] };
    const urgent247: SlaPolicy = { id: "urgent-247", calendar: allHours, pauseStatuses: [], targets: { first_response: 30, resolution: 120 } };
    const none: SlaPolicy = { id: "low", calendar: office, pauseStatuses: [], targets: { resolution: 6000 } };
    const resolver = (_type: string, priority: string) => (priority === "URGENT" ? urgent247 : priority === "LOW" ? none : normal);
    // Friday 27 November 17:00, one office hour before the weekend; escalated Saturday 10:00.
    const events: ClockEvent[] = [created("27T17:00:00"), { kind: "priority", at: t("28T10:00:00"), to: "URGENT" }];
    const at = (now: string, list = events) => deriveClocks({ events: list, policyFor: resolver, now: t(now) });

    it("keeps the time spent in the old calendar and runs on the new one from the change", () => {
      const resolution = at("28T10:30:00").find((c) => c.metric === "resolution")!;
      // 60 office minutes on Friday, then 30 wall minutes on Saturday under 24x7.
      expect(resolution).toMatchObject({ policyId: "urgent-247", targetMinutes: 120, elapsedMinutes: 90, state: "running", dueAt: t("28T11:00:00") });
    });

    it("breaches at once, at the instant the new target was used up, when the time spent already exceeds it", () => {
      const first = at("28T10:30:00").find((c) => c.metric === "first_response")!;
      expect(first).toMatchObject({ state: "breached", elapsedMinutes: 90, breachedAt: t("27T17:30:00") });
    });

    it("drops the clock of a metric the new policy has no target for", () => {
      const lowered = [created("27T17:00:00"), { kind: "priority", at: t("28T10:00:00"), to: "LOW" } as ClockEvent];
      expect(at("30T09:00:00", lowered).map((c) => [c.metric, c.policyId, c.elapsedMinutes])).toEqual([["resolution", "low", 120]]);
    });
  });
});
