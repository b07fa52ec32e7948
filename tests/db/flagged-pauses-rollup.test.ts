import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { forgetDashboardDays, refreshDashboardRollup } from "@/lib/reports/dashboard-rollup";
import { flaggedPauses } from "@/lib/reports/flagged-pauses";
import { createPolicy, updatePolicy } from "@/lib/service-levels/manage-policies";
import { seedPerson } from "../support/factories";
import { flaggedPausesLive } from "../support/flagged-pauses-live";
import { directRequest, resetDashboardRollup, seedReportDesk } from "../support/report-fixtures";

/**
 * The SLA report's flagged pauses read through the dashboard roll-up (stored days, stored days the
 * period's start or end cuts through, live days) against the reference: the report as it was computed before, every
 * status change of the period read live (tests/support/flagged-pauses-live.ts). The same answer,
 * serialised, with the roll-up empty, filled and with a forgotten day between stored ones, over
 * periods of whole days and of instants, in a zone with a DST change: pauses right at the flag
 * window's edge, a pause from one pause status to another, one with no actor, an agent who left,
 * another department's pauses, and a change of the department's pause statuses.
 */
const at = (iso: string) => new Date(`2025-${iso}Z`);
// The roll-up stores days up to 03-18 (the day before yesterday, UTC); 03-19 and 03-20 are read live.
const jobNow = at("03-20T12:00:00.000");

let report: Awaited<ReturnType<typeof seedReportDesk>>;
let leaver: { id: string };
let policyId: string;
let calendarId: string;

type Step = [type: "commented" | "status_changed", when: string, actorId: string | null, to: Prisma.InputJsonValue, from?: Prisma.InputJsonValue];

async function events(requestId: string, steps: Step[]) {
  await db().requestEvent.createMany({
    data: steps.map(([type, when, actorId, to, from]) => ({ requestId, actorId, type, to, from, createdAt: at(when) })),
  });
}

beforeEach(async () => {
  // A worker's database is shared by the files it runs in turn: days another file rolled up would be read instead.
  await resetDashboardRollup();
  report = await seedReportDesk({ startedAt: "2025-03-01T00:00:00Z", timeZone: "America/New_York" });
  const { desk } = report;
  const policy = await db().slaPolicy.findFirstOrThrow({ where: { departmentId: desk.provider.id } });
  policyId = policy.id;
  calendarId = policy.calendarId;
  leaver = await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "AGENT", departmentId: desk.provider.id }] });
  const requester = desk.requester.id;
  const reply = { visibility: "PUBLIC", byAgent: false };

  // Filed before the events (the roll-up keeps days from the first request's on).
  const filed = at("03-01T12:00:00.000");
  const a = await report.request({ createdAt: filed });
  await events(a.id, [
    ["commented", "03-03T14:00:00.000", requester, reply],
    // Exactly the window after the reply: flagged.
    ["status_changed", "03-03T14:05:00.000", desk.agent.id, ...pause("OPEN", "WAITING_ON_REQUESTER")],
    ["status_changed", "03-03T15:00:00.000", requester, ...pause("WAITING_ON_REQUESTER", "OPEN")],
    ["commented", "03-03T16:00:00.000", requester, reply],
    // A millisecond past the window: not flagged.
    ["status_changed", "03-03T16:05:00.001", desk.head.id, ...pause("OPEN", "WAITING_ON_REQUESTER")],
    ["status_changed", "03-03T17:00:00.000", desk.agent.id, ...pause("WAITING_ON_REQUESTER", "OPEN")],
    // 23:30 and 00:30 in New York around the DST change of 03-09: a pause only once NEW pauses too, and one only while it does not.
    ["status_changed", "03-10T03:30:00.000", desk.agent.id, ...pause("OPEN", "NEW")],
    ["commented", "03-10T04:27:00.000", requester, reply],
    ["status_changed", "03-10T04:30:00.000", desk.agent.id, ...pause("NEW", "WAITING_ON_REQUESTER")],
  ]);

  const b = await report.request({ title: "Flickering lamp", createdAt: filed });
  await events(b.id, [
    // An older comment event without byAgent counts when the requester wrote it; an agent's public reply or the requester's internal note does not.
    ["commented", "03-12T12:00:00.000", requester, { visibility: "PUBLIC" }],
    ["status_changed", "03-12T12:02:00.000", leaver.id, ...pause("OPEN", "WAITING_ON_REQUESTER")],
    ["status_changed", "03-12T13:00:00.000", requester, ...pause("WAITING_ON_REQUESTER", "OPEN")],
    ["commented", "03-15T04:57:00.000", desk.agent.id, { visibility: "PUBLIC", byAgent: true }],
    ["commented", "03-15T04:58:00.000", requester, { visibility: "INTERNAL", byAgent: false }],
    ["status_changed", "03-15T04:59:00.000", leaver.id, ...pause("OPEN", "WAITING_ON_REQUESTER")],
    // Waiting to waiting is no new pause.
    ["status_changed", "03-15T05:30:00.000", desk.agent.id, ...pause("WAITING_ON_REQUESTER", "WAITING_ON_REQUESTER")],
    ["status_changed", "03-15T06:00:00.000", requester, ...pause("WAITING_ON_REQUESTER", "OPEN")],
    // No actor (an automation).
    ["commented", "03-18T09:58:00.000", requester, reply],
    ["status_changed", "03-18T10:00:00.000", null, ...pause("OPEN", "WAITING_ON_REQUESTER")],
    ["status_changed", "03-18T11:00:00.000", requester, ...pause("WAITING_ON_REQUESTER", "OPEN")],
    // Days the roll-up never stores at jobNow.
    ["status_changed", "03-19T12:00:00.000", desk.agent.id, ...pause("OPEN", "WAITING_ON_REQUESTER")],
    ["status_changed", "03-19T13:00:00.000", requester, ...pause("WAITING_ON_REQUESTER", "OPEN")],
    ["commented", "03-20T07:57:00.000", requester, reply],
    ["status_changed", "03-20T08:00:00.000", desk.head.id, ...pause("OPEN", "WAITING_ON_REQUESTER")],
  ]);

  // Another department's pauses are not this report's.
  const { requestSeq } = await db().department.update({ where: { id: desk.other.id }, data: { requestSeq: { increment: 1 } }, select: { requestSeq: true } });
  const elsewhere = await directRequest(desk, { departmentId: desk.other.id, number: requestSeq, createdAt: filed });
  await events(elsewhere.id, [
    ["commented", "03-05T12:00:00.000", requester, reply],
    ["status_changed", "03-05T12:01:00.000", desk.outsiderAgent.id, ...pause("OPEN", "WAITING_ON_REQUESTER")],
  ]);

  // The agent left: deactivated, no longer an agent of the department; their pauses stay theirs.
  await db().roleGrant.deleteMany({ where: { personId: leaver.id } });
  await db().person.update({ where: { id: leaver.id }, data: { active: false } });
});

/** A status change's "to" and "from". */
const pause = (from: string, to: string): [Prisma.InputJsonValue, Prisma.InputJsonValue] => [{ status: to }, { status: from }];

const periods: { from: string; to: string }[] = [
  { from: "2025-03-01", to: "2025-03-31" },
  { from: "2025-03-03T14:05:00.000Z", to: "2025-03-19T13:00:00.000Z" },
  { from: "2025-03-03T14:00:00.000Z", to: "2025-03-03T16:05:00.001Z" },
  { from: "2025-03-09", to: "2025-03-10" },
  { from: "2025-03-10T04:30:00.001Z", to: "2025-03-20T08:00:00.000Z" },
];

/** Each period's report through the roll-up and by the reference, serialised. */
async function both() {
  const { desk } = report;
  const out: { rolled: string; reference: string }[] = [];
  for (const period of periods) {
    const options = { actor: desk.head, departmentKey: desk.provider.key, ...period };
    out.push({ rolled: JSON.stringify(await flaggedPauses({ ...options, now: jobNow })), reference: JSON.stringify(await flaggedPausesLive(options)) });
  }
  return out;
}

const storedDays = async () => (await db().dashboardRollupDay.findMany({ select: { day: true } })).length;

describe("flagged pauses through the dashboard roll-up", () => {
  it("reads the same as the live computation with the roll-up empty, filled, and with a forgotten day", async () => {
    const { desk } = report;
    const empty = await both();
    for (const p of empty) expect(p.rolled).toBe(p.reference);

    // The reference is not vacuous: the month's pauses per agent and flagged ones as the rule says.
    const month = await flaggedPausesLive({ actor: desk.head, departmentKey: desk.provider.key, ...periods[0]! });
    expect(month.totals).toEqual({ pauses: 8, flagged: 5 });
    expect(month.agents.find((a) => a.agent?.id === leaver.id)).toMatchObject({ pauses: 2, flagged: 1 });
    expect(month.agents.find((a) => a.agent === null)).toEqual({ agent: null, pauses: 1, flagged: 1 });
    expect(month.recent.map((r) => r.pausedAt.toISOString())).toEqual([
      "2025-03-20T08:00:00.000Z",
      "2025-03-18T10:00:00.000Z",
      "2025-03-12T12:02:00.000Z",
      "2025-03-10T04:30:00.000Z",
      "2025-03-03T14:05:00.000Z",
    ]);

    await refreshDashboardRollup(db(), { now: jobNow, all: true });
    expect(await db().dashboardRollupDay.findFirst({ where: { day: at("03-18T00:00:00") } })).not.toBeNull();
    expect(await db().dashboardPauseDay.count({ where: { departmentId: desk.provider.id } })).toBeGreaterThan(0);
    // Every pause of the stored days (to 03-18), flagged or not; the other department's in its own rows.
    expect(await db().dashboardPause.count({ where: { departmentId: desk.provider.id } })).toBe(6);
    expect(await db().dashboardPause.count({ where: { departmentId: desk.provider.id, repliedAt: { not: null } } })).toBe(4);
    expect(await both()).toEqual(empty);

    // A day forgotten between stored ones is read live.
    await forgetDashboardDays(db(), ["2025-03-12"]);
    expect(await both()).toEqual(empty);

    // And the stored rows are what is read for the stored days: 03-03's row changed shows, 03-19's (live) does not exist.
    await db().dashboardPauseDay.updateMany({ where: { departmentId: desk.provider.id, day: at("03-03T00:00:00") }, data: { pauses: { increment: 100 } } });
    const month2 = await flaggedPauses({ actor: desk.head, departmentKey: desk.provider.key, ...periods[0]!, now: jobNow });
    expect(month2.totals).toEqual({ pauses: 8 + 200, flagged: 5 });
  });

  it("forgets the stored days when the department's pause statuses change, and reads the new ones the same both ways", async () => {
    const { desk } = report;
    await refreshDashboardRollup(db(), { now: jobNow, all: true });
    const before = await both();
    expect(await storedDays()).toBeGreaterThan(0);

    await updatePolicy({
      actor: desk.head,
      input: { policyId, name: "Policy 0", calendarId, firstResponseMinutes: 60, resolutionMinutes: 480, pauseStatuses: ["WAITING_ON_REQUESTER", "NEW"] },
    });
    expect(await storedDays()).toBe(0);
    const after = await both();
    for (const p of after) expect(p.rolled).toBe(p.reference);
    expect(after).not.toEqual(before);
    // OPEN to NEW (23:30 on 03-09 in New York) now pauses, not flagged; NEW to waiting (00:30 on 03-10, flagged) no longer does.
    const totals = (json: string) => (JSON.parse(json) as { totals: unknown }).totals;
    expect(totals(before[3]!.reference)).toEqual({ pauses: 1, flagged: 1 });
    expect(totals(after[3]!.reference)).toEqual({ pauses: 1, flagged: 0 });

    await refreshDashboardRollup(db(), { now: jobNow, all: true });
    expect(await both()).toEqual(after);

    // A change that leaves the statuses as they are keeps the stored days.
    const stored = await storedDays();
    await updatePolicy({
      actor: desk.head,
      input: { policyId, name: "Renamed", calendarId, firstResponseMinutes: 60, resolutionMinutes: 480, pauseStatuses: ["NEW", "WAITING_ON_REQUESTER"] },
    });
    expect(await storedDays()).toBe(stored);

    // A new policy naming another pause status moves the department's statuses too.
    await createPolicy({
      actor: desk.head,
      input: { departmentId: desk.provider.id, name: "Urgent", calendarId, priorities: ["URGENT"], firstResponseMinutes: 30, pauseStatuses: ["OPEN"] },
    });
    expect(await storedDays()).toBe(0);
    for (const p of await both()) expect(p.rolled).toBe(p.reference);
  });
});
