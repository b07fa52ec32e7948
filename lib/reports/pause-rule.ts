import { Prisma } from "@/lib/generated/prisma/client";

/**
 * What a pause is and when it is flagged (DESIGN.md, SLA: pause), in SQL, for every reader of the
 * event log: the pause log of one request (pause-log.ts, which applies the same rule in Node) and
 * the flagged pauses of a department, live and in the dashboard roll-up (pause-days.ts).
 */

/** A pause that starts this soon after the requester's public reply is flagged in reports. */
export const FLAG_WINDOW_MINUTES = 5;

/**
 * The statuses that pause the clocks of the department `departmentId` (SQL), as a sorted text[]:
 * those any of its policies names (also retired ones, so old pauses stay pauses), or Waiting on
 * requester when it has no policy yet. A change of them forgets the stored days (manage-policies.ts).
 */
export const pauseStatusesSql = (departmentId: Prisma.Sql) => Prisma.sql`(
  SELECT COALESCE(array_agg(DISTINCT s::text ORDER BY s::text), ARRAY['WAITING_ON_REQUESTER']::text[])
  FROM "SlaPolicy" p CROSS JOIN LATERAL unnest(p."pauseStatuses") s WHERE p."departmentId" = ${departmentId})`;

/**
 * Whether the status change under `event` (alias of a RequestEvent of type status_changed) entered
 * the pause statuses `statuses` (SQL text[]) from a status outside them.
 */
export const entersPause = (event: string, statuses: Prisma.Sql) =>
  Prisma.sql`${Prisma.raw(`${event}."to"->>'status'`)} = ANY(${statuses}) AND NOT (COALESCE(${Prisma.raw(`${event}."from"->>'status'`)}, '') = ANY(${statuses}))`;

/**
 * The requester's latest public reply within FLAG_WINDOW_MINUTES up to the pause under `event` on
 * the request under `request` (aliases), or NULL: a pause with one is flagged. A public comment counts
 * when its event says its author did not answer as an agent, or (older events without that field)
 * when the requester wrote it.
 */
export const replyBeforePause = (event: string, request: string) => {
  const e = (column: string) => Prisma.raw(`${event}."${column}"`);
  const r = (column: string) => Prisma.raw(`${request}."${column}"`);
  return Prisma.sql`(SELECT max(c."createdAt") FROM "RequestEvent" c
    WHERE c."requestId" = ${r("id")} AND c."type" = 'commented' AND c."to"->>'visibility' = 'PUBLIC'
      AND (c."to"->>'byAgent' = 'false' OR (c."to"->>'byAgent' IS NULL AND c."actorId" = ${r("requesterId")}))
      AND c."createdAt" <= ${e("createdAt")} AND c."createdAt" >= ${e("createdAt")} - make_interval(mins => ${FLAG_WINDOW_MINUTES}))`;
};
