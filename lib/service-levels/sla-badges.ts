import "server-only";
import { sql } from "@/lib/db/sql";
import type { SlaClock, SlaMetric } from "@/lib/generated/prisma/client";
import { businessMinutesBetween, type CompiledCalendar } from "@/lib/sla";
import { typicalDayMinutes } from "@/lib/experience/working-day";
import { loadPolicies } from "./policies";

export type SlaBadge = {
  metric: SlaMetric;
  state: "running" | "paused" | "breached" | "met";
  dueAt: Date | null;
  /** Business minutes until due (negative: overdue by), null while paused. */
  minutesLeft: number | null;
  /** Share of the target used, 0..1+ (for the 50/75/100 % warning colours). */
  used: number;
  /** Minutes of a business day of the clock's calendar, to tell the time left in days and hours. */
  dayMinutes: number;
};

const dayOf = (calendar: CompiledCalendar | undefined) => (calendar ? typicalDayMinutes(calendar.calendar) : 8 * 60);

const urgency = (b: SlaBadge) => (b.state === "breached" ? 0 : b.state === "running" ? 1 : b.state === "paused" ? 2 : 3);

type ClockRow = { metric: SlaMetric; paused: boolean; dueAt: Date | null; breachedAt: Date | null; elapsedMinutes: number; targetMinutes: number };

function badgeOf(c: ClockRow, calendar: CompiledCalendar | undefined, now: Date): SlaBadge {
  let minutesLeft: number | null = null;
  let used = c.elapsedMinutes / Math.max(c.targetMinutes, 1);
  if (!c.paused && c.dueAt && calendar) {
    minutesLeft = c.dueAt > now ? businessMinutesBetween(calendar, now, c.dueAt) : -businessMinutesBetween(calendar, c.dueAt, now);
    used = (c.targetMinutes - minutesLeft) / Math.max(c.targetMinutes, 1);
  }
  const breached = c.breachedAt !== null || (minutesLeft !== null && minutesLeft < 0);
  return {
    metric: c.metric,
    state: breached ? "breached" : c.paused ? "paused" : "running",
    dueAt: c.dueAt,
    minutesLeft,
    used,
    dayMinutes: dayOf(calendar),
  };
}

/**
 * The SLA clock that matters most for each request right now: an open breached clock, else the one
 * due soonest, else a paused one; with the time left counted in the department's business hours.
 */
export async function slaBadges(departmentId: string, requestIds: string[], now = new Date()): Promise<Map<string, SlaBadge>> {
  const result = new Map<string, SlaBadge>();
  if (requestIds.length === 0) return result;
  const [clocks, { calendars }] = await Promise.all([
    // The requester-facing clocks: a transferred request's department segments are for reports.
    sql().$queryRaw<SlaClock[]>`SELECT * FROM "SlaClock" WHERE "requestId" = ANY(${requestIds}::text[]) AND "stoppedAt" IS NULL AND segment = 0`,
    loadPolicies(sql(), departmentId),
  ]);
  for (const c of clocks) {
    const badge = badgeOf(c, calendars.get(c.policyId), now);
    const current = result.get(c.requestId);
    if (!current || urgency(badge) < urgency(current) || (urgency(badge) === urgency(current) && (badge.dueAt?.getTime() ?? Infinity) < (current.dueAt?.getTime() ?? Infinity))) {
      result.set(c.requestId, badge);
    }
  }
  return result;
}

/**
 * Every requester-facing clock of one request, in order, with a live badge for each open one
 * (request page); a transferred request's department segments are listed apart, with their department.
 */
export async function requestClocks(requestId: string, departmentId: string, now = new Date()) {
  const [clocks, { calendars }] = await Promise.all([
    sql().$queryRaw<SlaClock[]>`SELECT * FROM "SlaClock" WHERE "requestId" = ${requestId} AND segment = 0 ORDER BY "startedAt", metric`,
    loadPolicies(sql(), departmentId),
  ]);
  return clocks.map((c) => ({
    metric: c.metric,
    cycle: c.cycle,
    state: c.state,
    targetMinutes: c.targetMinutes,
    paused: c.paused,
    dueAt: c.dueAt,
    stoppedAt: c.stoppedAt,
    breachedAt: c.breachedAt,
    elapsedMinutes: c.elapsedMinutes,
    badge: c.stoppedAt === null ? badgeOf(c, calendars.get(c.policyId), now) : undefined,
    /** The business day of the clock's calendar, to tell its durations in days and hours. */
    dayMinutes: dayOf(calendars.get(c.policyId)),
  }));
}

/** A transferred request's stays in departments, each measured on that department's own policy. */
export async function requestSegments(requestId: string) {
  const clocks = await sql().$queryRaw<SlaClock[]>`SELECT * FROM "SlaClock" WHERE "requestId" = ${requestId} AND segment > 0 ORDER BY segment, metric, cycle`;
  if (clocks.length === 0) return [];
  const departments = await sql().$queryRaw<{ id: string; name: string }[]>`SELECT "id", "name" FROM "Department" WHERE "id" = ANY(${[...new Set(clocks.map((c) => c.departmentId))]}::text[])`;
  const names = new Map(departments.map((d) => [d.id, d.name]));
  // Each stay is told in the business days of the department it was in.
  const policies = new Map(await Promise.all(departments.map(async (d) => [d.id, (await loadPolicies(sql(), d.id)).calendars] as const)));
  return clocks.map((c) => ({
    segment: c.segment,
    department: names.get(c.departmentId) ?? "Unknown department",
    metric: c.metric,
    cycle: c.cycle,
    state: c.state,
    startedAt: c.startedAt,
    stoppedAt: c.stoppedAt,
    elapsedMinutes: c.elapsedMinutes,
    targetMinutes: c.targetMinutes,
    dayMinutes: dayOf(policies.get(c.departmentId)?.get(c.policyId)),
  }));
}
