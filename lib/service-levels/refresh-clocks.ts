import type { Db } from "@/lib/db/create-client";
import type { Prisma, SlaMetric, SlaState } from "@/lib/generated/prisma/client";
import { deriveClocks, type Clock, type ClockEvent, type Metric } from "@/lib/sla/clock";
import { loadPolicies, type ResolvedPolicies } from "./policies";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Client = Db | Tx;

export const metricColumn: Record<Metric, SlaMetric> = { first_response: "FIRST_RESPONSE", resolution: "RESOLUTION", next_reply: "NEXT_REPLY" };
const stateColumn: Record<Clock["state"], SlaState> = { running: "RUNNING", paused: "PAUSED", met: "MET", breached: "BREACHED" };

type EventRow = { type: string; createdAt: Date; actorId: string | null; to: Prisma.JsonValue };

/** The request's history as the clocks see it. Public replies count; who is an agent is recorded on the event. */
export function clockEvents(rows: EventRow[], agentIds: ReadonlySet<string>): ClockEvent[] {
  const events: ClockEvent[] = [];
  for (const row of rows) {
    const to = (row.to ?? {}) as Record<string, unknown>;
    const at = row.createdAt;
    if (row.type === "created") events.push({ kind: "created", at, typeId: String(to.typeId ?? ""), priority: String(to.priority ?? "") });
    else if (row.type === "status_changed") events.push({ kind: "status", at, to: String(to.status), reopened: to.reopened === true });
    else if (row.type === "priority_changed") events.push({ kind: "priority", at, to: String(to.priority) });
    else if (row.type === "type_changed") events.push({ kind: "type", at, to: String(to.typeId) });
    else if (row.type === "commented" && to.visibility === "PUBLIC") {
      const byAgent = typeof to.byAgent === "boolean" ? to.byAgent : row.actorId !== null && agentIds.has(row.actorId);
      events.push({ kind: "reply", at, by: byAgent ? "agent" : "requester" });
    }
  }
  return events;
}

function earliest(instants: (Date | null)[]): Date | null {
  const times = instants.filter((d): d is Date => d !== null).map((d) => d.getTime());
  return times.length ? new Date(Math.min(...times)) : null;
}

function rowOf(requestId: string, departmentId: string, clock: Clock, now: Date): Prisma.SlaClockCreateManyInput {
  const warnAt50 = clock.paused ? null : (clock.warnings.find((w) => w.percent === 50)?.at ?? null);
  const warnAt75 = clock.paused ? null : (clock.warnings.find((w) => w.percent === 75)?.at ?? null);
  return {
    requestId,
    departmentId,
    metric: metricColumn[clock.metric],
    cycle: clock.cycle,
    policyId: clock.policyId,
    targetMinutes: Math.round(clock.targetMinutes),
    state: stateColumn[clock.state],
    paused: clock.paused,
    startedAt: clock.startedAt,
    stoppedAt: clock.stoppedAt,
    dueAt: clock.dueAt,
    breachedAt: clock.breachedAt,
    elapsedMinutes: clock.elapsedMinutes,
    warnAt50,
    warnAt75,
    computedAt: now,
    // The sweep looks at a clock from its first threshold on; thresholds already notified are
    // skipped there by SlaNotice's unique key, so a recomputation never fires anything twice.
    nextNoticeAt: clock.stoppedAt || clock.paused ? null : earliest([warnAt50, warnAt75, clock.dueAt]),
  };
}

async function agentsOf(db: Client, departmentId: string): Promise<Set<string>> {
  const grants = await db.roleGrant.findMany({ where: { departmentId, role: { in: ["AGENT", "HEAD"] } }, select: { personId: true } });
  return new Set(grants.map((g) => g.personId));
}

/**
 * Re-derives one request's clocks from its events and stores them. Called in the transaction of
 * every change of a request, so the stored state is what a recomputation gives at that instant.
 */
export async function refreshClocks(tx: Tx, requestId: string, now = new Date()): Promise<Clock[]> {
  const request = await tx.request.findUniqueOrThrow({ where: { id: requestId }, select: { departmentId: true } });
  const [policies, events, agents] = await Promise.all([
    loadPolicies(tx, request.departmentId),
    tx.requestEvent.findMany({ where: { requestId }, orderBy: { id: "asc" }, select: { type: true, createdAt: true, actorId: true, to: true } }),
    agentsOf(tx, request.departmentId),
  ]);
  const clocks = deriveClocks({ events: clockEvents(events, agents), policyFor: policies.resolver, now });
  await tx.slaClock.deleteMany({ where: { requestId } });
  if (clocks.length) await tx.slaClock.createMany({ data: clocks.map((c) => rowOf(requestId, request.departmentId, c, now)) });
  return clocks;
}

/**
 * Recomputes the clocks of every request of a department (or all departments) in bulk: after a
 * calendar or policy change, and after seeding. Finished clocks are re-derived from the same
 * events, so they come out as they were unless their policy's targets changed.
 *
 * Requests go in batches, each in its own short transaction that first locks the batch's rows (in
 * id order, as loadForChange locks one) and only then reads their events: a change of a request
 * committed meanwhile is either seen here or waits for this batch, never overwritten with clocks
 * derived from an older history. Short batches keep the embedded database's single connection free
 * for the people using the desk meanwhile.
 */
export async function recomputeClocks(db: Db, options: { departmentId?: string; now?: Date; onlyOpen?: boolean; batchSize?: number } = {}) {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 500;
  const departments = await db.department.findMany({ where: options.departmentId ? { id: options.departmentId } : {}, select: { id: true } });
  let count = 0;
  for (const { id: departmentId } of departments) {
    const policies: ResolvedPolicies = await loadPolicies(db, departmentId);
    const agents = await agentsOf(db, departmentId);
    const requests = await db.request.findMany({
      where: { departmentId, ...(options.onlyOpen ? { status: { notIn: ["RESOLVED", "CLOSED"] } } : {}) },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    for (let i = 0; i < requests.length; i += batchSize) {
      const batch = requests.slice(i, i + batchSize).map((r) => r.id);
      count += await db.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT 1 FROM "Request" WHERE id = ANY(${batch}::text[]) ORDER BY id FOR UPDATE`;
          const events = await tx.requestEvent.findMany({
            where: { requestId: { in: batch } },
            orderBy: { id: "asc" },
            select: { requestId: true, type: true, createdAt: true, actorId: true, to: true },
          });
          const byRequest = new Map<string, EventRow[]>(batch.map((id) => [id, []]));
          for (const e of events) byRequest.get(e.requestId)!.push(e);
          const rows = [...byRequest].flatMap(([requestId, history]) =>
            deriveClocks({ events: clockEvents(history, agents), policyFor: policies.resolver, now }).map((c) => rowOf(requestId, departmentId, c, now)),
          );
          await tx.slaClock.deleteMany({ where: { requestId: { in: batch } } });
          if (rows.length) await tx.slaClock.createMany({ data: rows });
          return rows.length;
        },
        { timeout: 60_000, maxWait: 30_000 },
      );
    }
  }
  return count;
}
