// Requests and SLA clocks written directly, so every instant is the test's: the set-up of the report
// tests (head dashboard, report periods), which read what the sweep and the roll-ups would have left.
import { db } from "@/lib/db/client";
import type { Prisma, SlaMetric } from "@/lib/generated/prisma/client";
import { dashboardRollupKey } from "@/lib/reports/dashboard-rollup";
import { seedDesk, seedPolicies, uid } from "./factories";

type Desk = Awaited<ReturnType<typeof seedDesk>>;

/** A request of the desk's providing department, filed by its requester from the other department. */
export async function directRequest(desk: Desk, data: Partial<Prisma.RequestUncheckedCreateInput> = {}) {
  const department = await db().department.update({ where: { id: desk.provider.id }, data: { requestSeq: { increment: 1 } }, select: { requestSeq: true } });
  return db().request.create({
    data: {
      departmentId: desk.provider.id,
      number: department.requestSeq,
      typeId: desk.type.id,
      title: "Broken chair",
      description: "It wobbles",
      status: "OPEN",
      priority: "NORMAL",
      requesterId: desk.requester.id,
      requesterDepartmentId: desk.other.id,
      submissionKey: `k-${uid()}`,
      ...data,
    },
  });
}

export type ClockSpec = { metric?: SlaMetric; cycle?: number; stoppedAt?: string; dueAt?: string; breachedAt?: string; elapsed?: number; target?: number };

/**
 * Clocks of a request under the given policy: met when stopped, breached when a breach time is given,
 * running otherwise. `startedAt` is the instant every clock started (and was last computed).
 */
export async function directClocks(options: { desk: Desk; policyId: string; requestId: string; startedAt: string; elapsed?: number }, ...specs: ClockSpec[]) {
  const at = (iso: string) => new Date(iso);
  await db().slaClock.createMany({
    data: specs.map(
      (c): Prisma.SlaClockCreateManyInput => ({
        requestId: options.requestId,
        departmentId: options.desk.provider.id,
        metric: c.metric ?? "FIRST_RESPONSE",
        cycle: c.cycle ?? 1,
        policyId: options.policyId,
        targetMinutes: c.target ?? 60,
        state: c.breachedAt ? "BREACHED" : c.stoppedAt ? "MET" : "RUNNING",
        paused: false,
        startedAt: at(options.startedAt),
        stoppedAt: c.stoppedAt ? at(c.stoppedAt) : null,
        dueAt: c.dueAt ? at(c.dueAt) : c.breachedAt ? at(c.breachedAt) : null,
        breachedAt: c.breachedAt ? at(c.breachedAt) : null,
        elapsedMinutes: c.elapsed ?? options.elapsed ?? 0,
        computedAt: at(options.startedAt),
      }),
    ),
  });
}

/**
 * The report tests' desk: a providing department (in `timeZone`, if given) with one SLA policy (first
 * response 60, resolution 480 business minutes), and writers of its requests and clocks (clocks
 * started at `startedAt`, with `elapsed` minutes unless a spec says otherwise).
 */
export async function seedReportDesk(options: { startedAt: string; timeZone?: string; elapsed?: number }) {
  const desk = await seedDesk();
  if (options.timeZone) await db().department.update({ where: { id: desk.provider.id }, data: { timeZone: options.timeZone } });
  await seedPolicies(desk.provider.id, [{ firstResponse: 60, resolution: 480 }]);
  const policyId = (await db().slaPolicy.findFirstOrThrow({ where: { departmentId: desk.provider.id } })).id;
  return {
    desk,
    policyId,
    request: (data: Partial<Prisma.RequestUncheckedCreateInput> = {}) => directRequest(desk, data),
    clocks: (requestId: string, ...specs: ClockSpec[]) => directClocks({ desk, policyId, requestId, startedAt: options.startedAt, elapsed: options.elapsed }, ...specs),
  };
}

/**
 * Forgets the head dashboard's roll-up (its days, rows and run mark). A worker's database is shared by
 * the files it runs one after another, and one that ran the jobs leaves days rolled up: a test of live
 * figures over clocks it wrote itself would read those stored days instead (seen: the compliance trend's
 * breached resolutions missing in the full db tier, never alone).
 */
export async function resetDashboardRollup() {
  await db().$executeRaw`DELETE FROM "DashboardRollupDay"`;
  await db().$executeRaw`DELETE FROM "DashboardComplianceDay"`;
  await db().$executeRaw`DELETE FROM "DashboardVolumeDay"`;
  await db().$executeRaw`DELETE FROM "DashboardAgentDay"`;
  await db().$executeRaw`DELETE FROM "DashboardPauseDay"`;
  await db().$executeRaw`DELETE FROM "DashboardPause"`;
  await db().setting.deleteMany({ where: { key: dashboardRollupKey } });
}
