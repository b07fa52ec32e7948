import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Calendar } from "@/lib/sla";
import { deriveClocks, type Clock, type ClockEvent, type PolicyResolver, type SlaPolicy } from "@/lib/sla/clock";

const weekdays = (from: string, to: string): Calendar => ({
  timeZone: "UTC",
  hours: { mon: [[from, to]], tue: [[from, to]], wed: [[from, to]], thu: [[from, to]], fri: [[from, to]], sat: [], sun: [] },
  holidays: [],
});
const itHours = weekdays("08:00", "18:00");
// Facilities opens later: time counts in its own calendar from the transfer on.
const facilitiesHours = weekdays("09:00", "17:00");

const it_: SlaPolicy = { id: "it", calendar: itHours, pauseStatuses: ["WAITING_ON_REQUESTER"], targets: { first_response: 60, resolution: 600 } };
const fac: SlaPolicy = { id: "fac", calendar: facilitiesHours, pauseStatuses: ["WAITING_ON_REQUESTER"], targets: { first_response: 120, resolution: 480 } };
const policyFor: PolicyResolver = (_type, _priority, department) => (department === "FAC" ? fac : it_);

// 2026-11-23 is a Monday.
const t = (s: string) => new Date(`2026-11-${s}Z`);
const created = (at: string): ClockEvent => ({ kind: "created", at: t(at), typeId: "laptop", priority: "NORMAL", departmentId: "IT" });
const toFacilities = (at: string): ClockEvent => ({ kind: "transfer", at: t(at), departmentId: "FAC", typeId: "chair" });
const find = (clocks: Clock[], segment: number, metric: Clock["metric"]) => {
  const c = clocks.find((x) => x.segment === segment && x.metric === metric);
  if (!c) throw new Error(`no ${metric} clock in segment ${segment}`);
  return c;
};

describe("SLA clocks across a transfer", () => {
  it("keeps the 2 business hours spent in IT on the requester-facing clock; Facilities' segment starts at the transfer", () => {
    const events = [created("23T08:00:00"), { kind: "reply", at: t("23T08:30:00"), by: "agent" } as ClockEvent, toFacilities("23T10:00:00")];
    const clocks = deriveClocks({ events, policyFor, now: t("23T11:00:00") });

    // Requester-facing: 120 minutes in IT's hours, then 60 in Facilities' (10:00 to 11:00), under Facilities' policy now.
    const resolution = find(clocks, 0, "resolution");
    expect(resolution).toMatchObject({ departmentId: null, policyId: "fac", targetMinutes: 480, startedAt: t("23T08:00:00"), elapsedMinutes: 180, state: "running" });
    // 300 minutes left, counted in Facilities' hours (open until 17:00): due at 16:00.
    expect(resolution.dueAt).toEqual(t("23T16:00:00"));
    expect(find(clocks, 0, "first_response")).toMatchObject({ state: "met", stoppedAt: t("23T08:30:00") });

    // IT's segment: from filing to passing it on, met, in IT's hours and policy.
    expect(find(clocks, 1, "resolution")).toMatchObject({ departmentId: "IT", policyId: "it", startedAt: t("23T08:00:00"), stoppedAt: t("23T10:00:00"), elapsedMinutes: 120, state: "met" });
    expect(find(clocks, 1, "first_response")).toMatchObject({ state: "met", stoppedAt: t("23T08:30:00") });
    // Facilities' segment: from receiving it, not blamed for the time in IT.
    expect(find(clocks, 2, "resolution")).toMatchObject({ departmentId: "FAC", policyId: "fac", startedAt: t("23T10:00:00"), stoppedAt: null, elapsedMinutes: 60, state: "running" });
    expect(find(clocks, 2, "first_response")).toMatchObject({ startedAt: t("23T10:00:00"), elapsedMinutes: 60, state: "running", dueAt: t("23T12:00:00") });
  });

  it("stops the receiving segment and the requester-facing clock together at resolution", () => {
    const events = [created("23T08:00:00"), toFacilities("23T10:00:00"), { kind: "reply", at: t("23T10:15:00"), by: "agent" } as ClockEvent, { kind: "status", at: t("23T12:00:00"), to: "RESOLVED" } as ClockEvent];
    const clocks = deriveClocks({ events, policyFor, now: t("24T12:00:00") });
    expect(clocks.map((c) => [c.segment, c.metric, c.state, c.stoppedAt?.toISOString()])).toEqual([
      [0, "first_response", "breached", "2026-11-23T10:15:00.000Z"],
      [0, "resolution", "met", "2026-11-23T12:00:00.000Z"],
      [1, "first_response", "breached", "2026-11-23T10:00:00.000Z"],
      [1, "resolution", "met", "2026-11-23T10:00:00.000Z"],
      [2, "first_response", "met", "2026-11-23T10:15:00.000Z"],
      [2, "resolution", "met", "2026-11-23T12:00:00.000Z"],
    ]);
    expect(find(clocks, 0, "resolution").elapsedMinutes).toBe(120 + 120);
  });

  it("blames a breach on the department where the time was spent, not on the receiving one", () => {
    const slow: PolicyResolver = (_t, _p, d) => (d === "FAC" ? fac : { ...it_, id: "it-tight", targets: { resolution: 60 } });
    const events = [created("23T08:00:00"), toFacilities("23T11:00:00")];
    const clocks = deriveClocks({ events, policyFor: slow, now: t("23T12:00:00") });
    expect(find(clocks, 1, "resolution")).toMatchObject({ state: "breached", breachedAt: t("23T09:00:00"), stoppedAt: t("23T11:00:00") });
    expect(find(clocks, 2, "resolution")).toMatchObject({ state: "running", elapsedMinutes: 60 });
  });

  it("begins a segment paused when the request is waiting on the requester at the transfer", () => {
    const events = [created("23T08:00:00"), { kind: "status", at: t("23T09:00:00"), to: "WAITING_ON_REQUESTER" } as ClockEvent, toFacilities("23T10:00:00"), { kind: "status", at: t("23T13:00:00"), to: "OPEN" } as ClockEvent];
    const segment = find(deriveClocks({ events, policyFor, now: t("23T14:00:00") }), 2, "resolution");
    expect(segment).toMatchObject({ elapsedMinutes: 60, state: "running", pauses: [{ from: t("23T10:00:00"), to: t("23T13:00:00") }] });
  });

  it("gives every stay its own segment when a request goes back and forth", () => {
    const events = [created("23T08:00:00"), toFacilities("23T10:00:00"), { kind: "transfer", at: t("23T12:00:00"), departmentId: "IT", typeId: "laptop" } as ClockEvent];
    const clocks = deriveClocks({ events, policyFor, now: t("23T13:00:00") }).filter((c) => c.metric === "resolution");
    expect(clocks.map((c) => [c.segment, c.departmentId, c.elapsedMinutes, c.state])).toEqual([
      [0, null, 120 + 120 + 60, "running"],
      [1, "IT", 120, "met"],
      [2, "FAC", 120, "met"],
      [3, "IT", 60, "running"],
    ]);
  });

  it("has no segments for a request that never moved", () => {
    const clocks = deriveClocks({ events: [created("23T08:00:00")], policyFor, now: t("23T09:00:00") });
    expect(clocks.map((c) => [c.segment, c.metric])).toEqual([
      [0, "first_response"],
      [0, "resolution"],
    ]);
  });

  it("property: with one policy everywhere, segments tile the requester-facing clock, which transfers do not change", () => {
    const allHours: Calendar = { timeZone: "UTC", hours: Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [["00:00", "24:00"]]])) as Calendar["hours"], holidays: [] };
    const same = (calendar: Calendar): PolicyResolver => (_t, _p, d) => ({ id: `p-${d}`, calendar, pauseStatuses: ["WAITING_ON_REQUESTER"], targets: { first_response: 90, resolution: 900, next_reply: 60 } });
    const step = fc.oneof(
      fc.record({ kind: fc.constant("status" as const), to: fc.constantFrom("OPEN", "WAITING_ON_REQUESTER") }),
      fc.record({ kind: fc.constant("reply" as const), by: fc.constantFrom("agent" as const, "requester" as const) }),
      fc.record({ kind: fc.constant("transfer" as const), departmentId: fc.constantFrom("IT", "FAC", "HR"), typeId: fc.constant("x") }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(allHours, itHours),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 600 }), step), { maxLength: 12 }),
        fc.integer({ min: 0, max: 3000 }),
        (calendar, steps, tail) => {
          let at = t("23T08:00:00").getTime();
          const events: ClockEvent[] = [{ kind: "created", at: new Date(at), typeId: "x", priority: "NORMAL", departmentId: "IT" }];
          for (const [gap, s] of steps) {
            at += gap * 60_000;
            events.push({ ...s, at: new Date(at) });
          }
          const now = new Date(at + tail * 60_000);
          const policyFor = same(calendar);
          const clocks = deriveClocks({ events, policyFor, now });
          const facing = clocks.filter((c) => c.segment === 0);
          const withoutTransfers = deriveClocks({ events: events.filter((e) => e.kind !== "transfer"), policyFor, now });
          const shape = (c: Clock) => [c.metric, c.cycle, c.state, c.elapsedMinutes, c.dueAt?.getTime() ?? null, c.stoppedAt?.getTime() ?? null];
          expect(facing.map(shape)).toEqual(withoutTransfers.map(shape));

          const segments = clocks.filter((c) => c.segment > 0 && c.metric === "resolution");
          const transfers = events.filter((e) => e.kind === "transfer").length;
          expect(segments.length).toBe(transfers === 0 ? 0 : transfers + 1);
          if (transfers === 0) return;
          for (const [i, s] of segments.entries()) {
            expect(s.segment).toBe(i + 1);
            if (i > 0) expect(s.startedAt).toEqual(segments[i - 1]!.stoppedAt);
          }
          const total = segments.reduce((sum, s) => sum + s.elapsedMinutes, 0);
          expect(total).toBeCloseTo(facing.find((c) => c.metric === "resolution")!.elapsedMinutes, 1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
