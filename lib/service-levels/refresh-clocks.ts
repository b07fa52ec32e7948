import type { Db, Tx } from "@/lib/db/create-client";
import type { Sql } from "@/lib/db/sql";
import type { Prisma, SlaMetric, SlaState } from "@/lib/generated/prisma/client";
import { dayKey } from "@/lib/reports/dashboard-days";
import { forgetDashboardDays } from "@/lib/reports/dashboard-rollup";
import { readEvent } from "@/lib/requests/events";
import { openStatuses } from "@/lib/requests/statuses";
import { deriveClocks, type Clock, type ClockEvent, type Metric, type PolicyResolver } from "@/lib/sla/clock";
import { loadPolicies, type ResolvedPolicies } from "./policies";


export const metricColumn: Record<Metric, SlaMetric> = { first_response: "FIRST_RESPONSE", resolution: "RESOLUTION", next_reply: "NEXT_REPLY" };
const stateColumn: Record<Clock["state"], SlaState> = { running: "RUNNING", paused: "PAUSED", met: "MET", breached: "BREACHED" };

type EventRow = { type: string; createdAt: Date; actorId: string | null; from?: Prisma.JsonValue; to: Prisma.JsonValue };

/** The request's history as the clocks see it. Public replies count; who is an agent is recorded on the event. */
export function clockEvents(rows: EventRow[], agentIds: ReadonlySet<string>): ClockEvent[] {
  const events: ClockEvent[] = [];
  const read = rows.map((row) => ({ row, event: readEvent(row) }));
  // A transferred request was filed to the department its first transfer took it from.
  const firstTransfer = read.find((r) => r.event?.type === "transferred")?.event;
  const filedTo = firstTransfer?.type === "transferred" ? firstTransfer.from.departmentId : undefined;
  // A request that awaited approval starts its clocks when the last step was approved, with its
  // priority as it was then; nothing before counts, and a rejected one never starts them.
  let held: (ClockEvent & { kind: "created" }) | null = null;
  for (const { row, event } of read) {
    const at = row.createdAt;
    if (held) {
      if (event?.type === "priority_changed") held.priority = event.to.priority;
      if (event?.type === "approval_completed" && event.to.outcome === "APPROVED") {
        events.push({ ...held, at });
        held = null;
      }
      continue;
    }
    if (event?.type === "created") {
      const created = { kind: "created" as const, at, typeId: event.to.typeId, priority: event.to.priority, ...(filedTo ? { departmentId: filedTo } : {}) };
      if (event.to.awaitsApproval) held = created;
      else events.push(created);
    } else if (event?.type === "transferred") events.push({ kind: "transfer", at, departmentId: event.to.departmentId, typeId: event.to.typeId });
    else if (event?.type === "status_changed") events.push({ kind: "status", at, to: event.to.status, reopened: event.to.reopened === true });
    else if (event?.type === "priority_changed") events.push({ kind: "priority", at, to: event.to.priority });
    else if (event?.type === "commented" && event.to.visibility === "PUBLIC") {
      // Older events do not record whether the author answered as an agent: judge by today's roles.
      const byAgent = event.to.byAgent ?? (row.actorId !== null && agentIds.has(row.actorId));
      events.push({ kind: "reply", at, by: byAgent ? "agent" : "requester" });
    }
  }
  return events;
}

function earliest(instants: (Date | null)[]): Date | null {
  const times = instants.filter((d): d is Date => d !== null).map((d) => d.getTime());
  return times.length ? new Date(Math.min(...times)) : null;
}

/** The stored row of a derived clock (also the demo seed's, which derives clocks in bulk). departmentId: the department holding the request, which its requester-facing clocks belong to. */
export function rowOf(requestId: string, departmentId: string, clock: Clock, now: Date): Prisma.SlaClockCreateManyInput {
  // A department segment is for reports only: warnings and breaches go by the requester-facing clock.
  const silent = clock.segment > 0;
  const warnAt50 = clock.paused || silent ? null : (clock.warnings.find((w) => w.percent === 50)?.at ?? null);
  const warnAt75 = clock.paused || silent ? null : (clock.warnings.find((w) => w.percent === 75)?.at ?? null);
  return {
    requestId,
    departmentId: clock.departmentId ?? departmentId,
    segment: clock.segment,
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
    nextNoticeAt: clock.stoppedAt || clock.paused || silent ? null : earliest([warnAt50, warnAt75, clock.dueAt]),
  };
}

async function agentsOf(db: Pick<Sql, "$queryRaw">, departmentIds: readonly string[]): Promise<Set<string>> {
  const grants = await db.$queryRaw<{ personId: string }[]>`
    SELECT "personId" FROM "RoleGrant" WHERE "departmentId" = ANY(${[...departmentIds]}::text[]) AND role IN ('AGENT', 'HEAD')`;
  return new Set(grants.map((g) => g.personId));
}

/** Every department a request's history names: the one holding it and those its transfers went from and to. */
export function departmentsOf(currentDepartmentId: string, rows: readonly EventRow[]): string[] {
  const ids = new Set([currentDepartmentId]);
  for (const row of rows) {
    const event = row.type === "transferred" ? readEvent(row) : null;
    if (event?.type !== "transferred") continue;
    ids.add(event.from.departmentId);
    ids.add(event.to.departmentId);
  }
  return [...ids];
}

/** Policies per department, loaded once each: the resolver picks the department the clock machine names. */
export function policyCache(known?: ReadonlyMap<string, ResolvedPolicies>) {
  const loaded = new Map<string, ResolvedPolicies>(known);
  return {
    /** Inside a transaction, pass the transaction: the embedded database has a single connection. */
    async load(db: Pick<Sql, "$queryRaw">, departmentIds: readonly string[]) {
      for (const id of departmentIds) if (!loaded.has(id)) loaded.set(id, await loadPolicies(db, id));
    },
    resolverFor(currentDepartmentId: string): PolicyResolver {
      return (typeId, priority, departmentId) => loaded.get(departmentId ?? currentDepartmentId)?.resolver(typeId, priority) ?? null;
    },
  };
}

const eventSelect = { type: true, createdAt: true, actorId: true, from: true, to: true } as const;

/**
 * Re-derives one request's clocks from its events and stores them. Called in the transaction of
 * every change of a request, so the stored state is what a recomputation gives at that instant.
 */
export async function refreshClocks(tx: Tx, requestId: string, now = new Date()): Promise<Clock[]> {
  const request = await tx.request.findUniqueOrThrow({ where: { id: requestId }, select: { departmentId: true } });
  const events = await tx.requestEvent.findMany({ where: { requestId }, orderBy: { id: "asc" }, select: eventSelect });
  return storeClocks(tx, { requestId, departmentId: request.departmentId, events, now });
}

/**
 * refreshClocks for a change that holds the request's whole history already (every event before it,
 * read under the row lock, and those it wrote, oldest first): nothing is read again but the
 * policies. `agentIds`: the agents and heads of the department holding it, when the change read them.
 */
export async function storeClocks(
  tx: Tx,
  options: { requestId: string; departmentId: string; events: EventRow[]; agentIds?: readonly string[]; now?: Date },
): Promise<Clock[]> {
  const now = options.now ?? new Date();
  const { clocks, rows } = await heldClocks(tx, { ...options, now });
  await tx.slaClock.deleteMany({ where: { requestId: options.requestId } });
  if (rows.length) await tx.slaClock.createMany({ data: rows });
  return clocks;
}

/**
 * The clocks a change stores, derived from the request's whole history (as storeClocks takes it),
 * and their rows, for a change that writes them itself. `policies`: the policies of the department
 * holding the request, when the change read them with it; those of departments a transfer names are
 * read here.
 */
export async function heldClocks(
  tx: Pick<Sql, "$queryRaw">,
  options: { requestId: string; departmentId: string; events: EventRow[]; agentIds?: readonly string[]; policies?: ResolvedPolicies; now: Date },
): Promise<{ clocks: Clock[]; rows: Prisma.SlaClockCreateManyInput[] }> {
  const { requestId, departmentId, events, now } = options;
  const departments = departmentsOf(departmentId, events);
  const policies = policyCache(options.policies ? new Map([[departmentId, options.policies]]) : undefined);
  await policies.load(tx, departments);
  const agents = options.agentIds && departments.length === 1 ? new Set(options.agentIds) : await agentsOf(tx, departments);
  const clocks = deriveClocks({ events: clockEvents(events, agents), policyFor: policies.resolverFor(departmentId), now });
  return { clocks, rows: clocks.map((c) => rowOf(requestId, departmentId, c, now)) };
}

/**
 * Recomputes the clocks of every request of a department (or all departments) in bulk: after a
 * calendar or policy change, and after seeding. Finished clocks are re-derived from the same
 * events, so they come out as they were unless their policy's targets changed.
 *
 * The head dashboard's stored days that counted the old or the new clocks are forgotten in the same
 * transaction, so they are read live until the dashboard-rollup job has recomputed them.
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
  const policies = policyCache();
  let count = 0;
  for (const { id: departmentId } of departments) {
    await policies.load(db, [departmentId]);
    const requests = await db.request.findMany({
      // Requests transferred out of the department too: their stay there ran on its calendars.
      where: {
        OR: [{ departmentId }, ...(options.departmentId ? [{ aliases: { some: { departmentId } } }] : [])],
        ...(options.onlyOpen ? { status: { in: [...openStatuses] } } : {}),
      },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    for (let i = 0; i < requests.length; i += batchSize) {
      const batch = requests.slice(i, i + batchSize).map((r) => r.id);
      count += await db.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT 1 FROM "Request" WHERE id = ANY(${batch}::text[]) ORDER BY id FOR UPDATE`;
          const [events, current] = await Promise.all([
            tx.requestEvent.findMany({ where: { requestId: { in: batch } }, orderBy: { id: "asc" }, select: { requestId: true, ...eventSelect } }),
            tx.request.findMany({ where: { id: { in: batch } }, select: { id: true, departmentId: true } }),
          ]);
          const byRequest = new Map<string, { departmentId: string; events: EventRow[] }>(current.map((r) => [r.id, { departmentId: r.departmentId, events: [] }]));
          for (const e of events) byRequest.get(e.requestId)!.events.push(e);
          const involved = [...new Set([...byRequest.values()].flatMap((r) => departmentsOf(r.departmentId, r.events)))];
          await policies.load(tx, involved);
          const agents = await agentsOf(tx, involved);
          const rows = [...byRequest].flatMap(([requestId, r]) =>
            deriveClocks({ events: clockEvents(r.events, agents), policyFor: policies.resolverFor(r.departmentId), now }).map((c) =>
              rowOf(requestId, r.departmentId, c, now),
            ),
          );
          // The dashboard's stored days that counted these clocks, before and after, are forgotten
          // (read live until the dashboard-rollup job recomputes them): no event says they changed.
          const before = await tx.$queryRaw<{ day: string }[]>`
            SELECT COALESCE("breachedAt", "stoppedAt", "dueAt")::date::text AS "day" FROM "SlaClock" WHERE "requestId" = ANY(${batch}::text[])
            UNION SELECT "resolvedAt"::date::text FROM "Request" WHERE "id" = ANY(${batch}::text[])`;
          const after = rows.flatMap((r) => {
            const decided = r.breachedAt ?? r.stoppedAt ?? r.dueAt;
            return decided ? [dayKey(new Date(decided))] : [];
          });
          await tx.slaClock.deleteMany({ where: { requestId: { in: batch } } });
          if (rows.length) await tx.slaClock.createMany({ data: rows });
          await forgetDashboardDays(tx, [...before.flatMap((d) => (d.day ? [d.day] : [])), ...after]);
          return rows.length;
        },
        { timeout: 60_000, maxWait: 30_000 },
      );
    }
  }
  return count;
}
