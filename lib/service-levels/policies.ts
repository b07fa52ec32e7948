import { logger } from "@/lib/log/logger";
import { CalendarError, compileCalendar, parseCalendar, type CompiledCalendar } from "@/lib/sla";
import type { PolicyResolver, SlaPolicy } from "@/lib/sla/clock";
import type { Sql } from "@/lib/db/sql";
import { matchPolicy, type MatchablePolicy } from "@/lib/sla/policy-matching";

/** Prisma's client or transaction, or lib/db/sql.ts's runner: the policies are one raw statement. */
type Client = Pick<Sql, "$queryRaw">;

const calendarCache = new Map<string, CompiledCalendar>();
/** Enough for every calendar of a large organisation; older versions fall out first. */
const CACHE_LIMIT = 500;

/**
 * Calendars are compiled once per version (id + updatedAt): compiling costs far more than using.
 * A stored definition that no longer parses (written by an older version, or by hand) is not
 * allowed to break every change of every request: its policies are left out, as if inactive, and
 * the problem is logged.
 */
function compiled(calendar: { id: string; updatedAt: Date; definition: unknown }): CompiledCalendar | null {
  const key = `${calendar.id}@${calendar.updatedAt.getTime()}`;
  let hit = calendarCache.get(key);
  if (!hit) {
    try {
      hit = compileCalendar(parseCalendar(calendar.definition));
    } catch (e) {
      if (!(e instanceof CalendarError)) throw e;
      logger.error({ calendarId: calendar.id, err: e.message }, "SLA calendar definition does not parse; its policies are skipped");
      return null;
    }
    if (calendarCache.size >= CACHE_LIMIT) calendarCache.delete(calendarCache.keys().next().value!);
    calendarCache.set(key, hit);
  }
  return hit;
}

export type ResolvedPolicies = { resolver: PolicyResolver; calendars: Map<string, CompiledCalendar> };

/** The department's active policies in order; the first that matches type and priority wins. */
export async function loadPolicies(db: Client, departmentId: string): Promise<ResolvedPolicies> {
  // One statement with its calendars (Prisma's include made it two).
  const rows = await db.$queryRaw<(Omit<PolicyRow, "calendar"> & { calendarId: string; calendarUpdatedAt: Date; calendarDefinition: unknown })[]>`
    SELECT sp.id, sp.name, sp.active, sp."requestTypeIds", sp.priorities::text[] AS priorities, sp."pauseStatuses"::text[] AS "pauseStatuses",
           sp."firstResponseMinutes", sp."resolutionMinutes", sp."nextReplyMinutes",
           sc.id AS "calendarId", sc."updatedAt" AS "calendarUpdatedAt", sc.definition AS "calendarDefinition"
      FROM "SlaPolicy" sp JOIN "SlaCalendar" sc ON sc.id = sp."calendarId"
     WHERE sp."departmentId" = ${departmentId} AND sp.active
     ORDER BY sp.position, sp."createdAt"`;
  return resolvePolicies(
    rows.map(({ calendarId, calendarUpdatedAt, calendarDefinition, ...row }) => ({ ...row, calendar: { id: calendarId, updatedAt: calendarUpdatedAt, definition: calendarDefinition } })),
  );
}

/** What a policy row must carry to be resolved (as loadPolicies reads it, or a change reads it with its request). */
export type PolicyRow = Omit<MatchablePolicy, "requestTypeIds" | "priorities"> & {
  requestTypeIds: string[];
  priorities: string[];
  pauseStatuses: string[];
  firstResponseMinutes: number | null;
  resolutionMinutes: number | null;
  nextReplyMinutes: number | null;
  calendar: { id: string; updatedAt: Date; definition: unknown };
};

/** A department's active policies, in order (position, then creation), as the resolver the clocks use. */
export function resolvePolicies<R extends PolicyRow>(rows: readonly R[]): ResolvedPolicies {
  const calendars = new Map<string, CompiledCalendar>();
  const policies = rows.flatMap((row) => {
    const calendar = compiled(row.calendar);
    if (!calendar) return [];
    calendars.set(row.id, calendar);
    const policy: SlaPolicy = {
      id: row.id,
      calendar,
      pauseStatuses: row.pauseStatuses,
      targets: {
        ...(row.firstResponseMinutes !== null ? { first_response: row.firstResponseMinutes } : {}),
        ...(row.resolutionMinutes !== null ? { resolution: row.resolutionMinutes } : {}),
        ...(row.nextReplyMinutes !== null ? { next_reply: row.nextReplyMinutes } : {}),
      },
    };
    return [{ row, policy }];
  });
  return {
    calendars,
    resolver: (typeId, priority) => {
      const row = matchPolicy(
        policies.map((p) => p.row),
        typeId,
        priority,
      );
      return row ? (policies.find((p) => p.row === row)?.policy ?? null) : null;
    },
  };
}
