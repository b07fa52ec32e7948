import { Prisma } from "@/lib/generated/prisma/client";
import { inLocalRange, localDay, wide, type DayRange } from "./dashboard-days";
import { entersPause, pauseStatusesSql, replyBeforePause } from "./pause-rule";

/**
 * The pauses of the SLA report's flagged pauses (flagged-pauses.ts): one row per status change into
 * the department's pause statuses from outside them, for the department holding the request now,
 * with the requester's reply that flags it (pause-rule.ts), on the day of the department's zone it
 * began. One definition: the rows the dashboard-rollup job stores (DashboardPause, and counted per
 * agent in DashboardPauseDay) and the report computes live for the days the job has not stored, so
 * the two cannot disagree.
 *
 * Columns: departmentId, day, eventId, requestId, agentId (the actor, or NULL), pausedAt, repliedAt
 * (NULL unless flagged).
 *
 * `driver` says which status changes are looked at; both give the same rows:
 * - "events": the organisation's status changes of the stretch by RequestEvent(createdAt), for the
 *   job over every department and a month (or the whole history) of days.
 * - "requests": the department's requests changed since the stretch began (Request(departmentId,
 *   updatedAt)) and each one's status changes by its (requestId, id) index, for a reader of one
 *   department's few days. A request's updatedAt is at least the time of its last event (every change
 *   bumps it in the same transaction, a moment before writing the event, hence the minute's margin).
 *   OFFSET 0 keeps the plan so: joined plainly, the planner read every department's status changes of
 *   the stretch by the createdAt index and kept the department's afterwards (RequestEvent carries no
 *   departmentId), a cost that grew with the whole organisation.
 */
export type PauseDriver = "events" | "requests";

/** The pauses that began on days of the range in their department's zone (see the module comment). */
export function pauseDays(range: DayRange, departmentIds: readonly string[], driver: PauseDriver): Prisma.Sql {
  const { from, to } = wide(range);
  // The departments with their pause statuses, computed once per department (OFFSET 0: not pulled up into the join).
  const departments = Prisma.sql`(SELECT d."id", d."timeZone", ${pauseStatusesSql(Prisma.sql`d."id"`)} AS "statuses"
    FROM "Department" d WHERE d."id" = ANY(${departmentIds}::text[]) OFFSET 0) dep`;
  const statuses = Prisma.sql`dep."statuses"`;
  const zone = Prisma.sql`dep."timeZone"`;
  const source =
    driver === "events"
      ? Prisma.sql`"RequestEvent" e JOIN "Request" r ON r."id" = e."requestId" JOIN ${departments} ON dep."id" = r."departmentId"
        WHERE e."type" = 'status_changed' AND e."createdAt" >= ${from} AND e."createdAt" < ${to} AND ${entersPause("e", statuses)}`
      : Prisma.sql`${departments} JOIN "Request" r ON r."departmentId" = dep."id" AND r."updatedAt" >= ${from} - interval '1 minute'
        CROSS JOIN LATERAL (
          SELECT e."id", e."actorId", e."createdAt" FROM "RequestEvent" e
          WHERE e."requestId" = r."id" AND e."type" = 'status_changed' AND e."createdAt" >= ${from} AND e."createdAt" < ${to} AND ${entersPause("e", statuses)}
          OFFSET 0) e
        WHERE true`;
  return Prisma.sql`
    SELECT r."departmentId", ${localDay(Prisma.sql`e."createdAt"`, zone)} AS "day",
      e."id" AS "eventId", r."id" AS "requestId", e."actorId" AS "agentId", e."createdAt" AS "pausedAt", ${replyBeforePause("e", "r")} AS "repliedAt"
    FROM ${source} AND ${inLocalRange(Prisma.sql`e."createdAt"`, zone, range)}`;
}
