import type { Db } from "@/lib/db/create-client";
import { Prisma } from "@/lib/generated/prisma/client";
import { departmentCalendar, typicalDayMinutes } from "./working-day";

/** The history an expectation is read from, and the least of it worth a sentence. */
export const expectationWindowDays = 90;
export const minDecidedClocks = 20;

/** The job's one read: decided requester-facing clocks of [since, now) per request type (exported for bench:expectations). */
export const expectationAggregate = (since: Date, now: Date) => Prisma.sql`
    SELECT q."typeId", q."departmentId",
      count(DISTINCT c."requestId")::int AS requests,
      (count(*) FILTER (WHERE c."metric" = 'FIRST_RESPONSE'))::int AS "frCount",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY c."elapsedMinutes") FILTER (WHERE c."metric" = 'FIRST_RESPONSE') AS "frP50",
      (count(*) FILTER (WHERE c."metric" = 'RESOLUTION'))::int AS "resCount",
      percentile_cont(0.8) WITHIN GROUP (ORDER BY c."elapsedMinutes") FILTER (WHERE c."metric" = 'RESOLUTION') AS "resP80"
    FROM "SlaClock" c JOIN "Request" q ON q."id" = c."requestId" AND q."departmentId" = c."departmentId"
    WHERE c."segment" = 0 AND c."stoppedAt" >= ${since} AND c."stoppedAt" < ${now} AND c."metric" IN ('FIRST_RESPONSE', 'RESOLUTION')
    GROUP BY 1, 2`;

/**
 * What recent history says to expect, per request type (expectation-text.ts words it): the median
 * business minutes to a first response and the 80th percentile to resolution, over the requester-
 * facing clocks (segment 0) that stopped in the last 90 days, in the providing department's business
 * time (the clocks' own elapsed minutes). A metric with fewer than `minDecidedClocks` decided clocks
 * gets no figure ("too little history"). Run by a job (lib/jobs/run-jobs.ts); the catalogue reads
 * the cached rows, so no page ever scans clocks.
 */
export async function computeExpectations(client: Db, options: { now?: Date } = {}): Promise<{ types: number }> {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - expectationWindowDays * 86_400_000);
  const rows = await client.$queryRaw<{ typeId: string; departmentId: string; requests: number; frCount: number; frP50: number | null; resCount: number; resP80: number | null }[]>(expectationAggregate(since, now));
  const departments = await client.department.findMany({ select: { id: true, timeZone: true, slaCalendars: { orderBy: { createdAt: "asc" }, select: { definition: true } } } });
  const dayMinutes = new Map(departments.map((d) => [d.id, typicalDayMinutes(departmentCalendar({ timeZone: d.timeZone, definitions: d.slaCalendars.map((c) => c.definition) }))]));
  const types = await client.requestType.findMany({ select: { id: true, departmentId: true } });
  const byType = new Map(rows.map((r) => [r.typeId, r]));
  const data = types.map((t) => {
    const r = byType.get(t.id);
    return {
      requestTypeId: t.id,
      departmentId: t.departmentId,
      requests: r?.requests ?? 0,
      firstResponseCount: r?.frCount ?? 0,
      firstResponseP50: r && r.frCount >= minDecidedClocks ? r.frP50 : null,
      resolutionCount: r?.resCount ?? 0,
      resolutionP80: r && r.resCount >= minDecidedClocks ? r.resP80 : null,
      dayMinutes: dayMinutes.get(t.departmentId) ?? 480,
    };
  });
  // One statement for every type (was an upsert per type: 13× the aggregate's own time at 100,000 requests).
  const column = <T>(pick: (d: (typeof data)[number]) => T) => data.map(pick);
  if (data.length > 0)
    await client.$executeRaw`
      INSERT INTO "RequestTypeExpectation" ("requestTypeId", "departmentId", "requests", "firstResponseCount", "firstResponseP50", "resolutionCount", "resolutionP80", "dayMinutes", "computedAt", "windowDays")
      SELECT *, ${now}::timestamp, ${expectationWindowDays}::int FROM unnest(
        ${column((d) => d.requestTypeId)}::text[], ${column((d) => d.departmentId)}::text[], ${column((d) => d.requests)}::int[], ${column((d) => d.firstResponseCount)}::int[],
        ${column((d) => d.firstResponseP50)}::float8[], ${column((d) => d.resolutionCount)}::int[], ${column((d) => d.resolutionP80)}::float8[], ${column((d) => d.dayMinutes)}::int[])
      ON CONFLICT ("requestTypeId") DO UPDATE SET
        "departmentId" = EXCLUDED."departmentId", "requests" = EXCLUDED."requests", "firstResponseCount" = EXCLUDED."firstResponseCount",
        "firstResponseP50" = EXCLUDED."firstResponseP50", "resolutionCount" = EXCLUDED."resolutionCount", "resolutionP80" = EXCLUDED."resolutionP80",
        "dayMinutes" = EXCLUDED."dayMinutes", "computedAt" = EXCLUDED."computedAt", "windowDays" = EXCLUDED."windowDays"`;
  return { types: types.length };
}
