// Requests and SLA clocks written directly, so every instant is the test's: the set-up of the report
// tests (head dashboard, report periods), which read what the sweep and the roll-ups would have left.
import { db } from "@/lib/db/client";
import type { Prisma, SlaMetric } from "@/lib/generated/prisma/client";
import { uid, type seedDesk } from "./factories";

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
