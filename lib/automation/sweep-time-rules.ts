import "server-only";
import { db } from "@/lib/db/client";
import { departmentCalendar, typicalDayMinutes } from "@/lib/experience/working-day";
import { Prisma } from "@/lib/generated/prisma/client";
import { openStatusesSql } from "@/lib/requests/statuses";
import { addBusinessMinutes, type Calendar } from "@/lib/sla";
import { now as clockNow } from "@/lib/time/clock";
import { timeTriggers, type TimeTrigger } from "@/lib/validation/automation";
import { fireRule, ruleSelect } from "./fire-rule";

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** One request a time rule may be due on: since when its stretch runs, and the key of that stretch. */
type Candidate = { requestId: string; since: Date; occurrence: string };

/**
 * The periodic sweep of the time-based rules (DESK_AUTOMATION_SWEEP_SECONDS): for each enabled
 * rule, in its department's position order, the requests whose stretch (waiting on the requester,
 * resolved, without activity) has lasted its N units, counted in the department's business time
 * (resolved: calendar days) from when the stretch began or the rule came on, whichever is later.
 * Each stretch fires a rule once: its key (`waiting:<event>`, `resolved:<instant>`, `idle:<event>`)
 * is part of the run's unique row.
 */
export async function sweepTimeRules(options: { now?: Date; limit?: number } = {}): Promise<{ fired: number }> {
  const now = options.now ?? clockNow();
  const limit = options.limit ?? 200;
  const rules = await db().automationRule.findMany({
    where: { enabled: true, trigger: { in: [...timeTriggers] }, triggerCount: { not: null } },
    orderBy: [{ departmentId: "asc" }, { position: "asc" }, { id: "asc" }],
    select: { ...ruleSelect, department: { select: { timeZone: true, slaCalendars: { orderBy: { createdAt: "asc" }, select: { definition: true } } } } },
  });
  const calendars = new Map<string, Calendar>();
  let fired = 0;
  for (const rule of rules) {
    const calendar =
      calendars.get(rule.departmentId) ??
      departmentCalendar({ timeZone: rule.department.timeZone, definitions: rule.department.slaCalendars.map((c) => c.definition) });
    calendars.set(rule.departmentId, calendar);
    const trigger = rule.trigger as TimeTrigger;
    const count = rule.triggerCount!;
    // Business time never runs faster than the wall clock: a stretch shorter than N units of wall
    // time cannot be due, so the query leaves it out; the exact business-time check follows.
    const spanMs = {
      waiting_on_requester: count * typicalDayMinutes(calendar) * MS_PER_MINUTE,
      no_activity_hours: count * 60 * MS_PER_MINUTE,
      resolved_for_days: count * MS_PER_DAY,
    }[trigger];
    const latestStart = new Date(now.getTime() - spanMs);
    if (latestStart < rule.activeFrom) continue;
    const candidates = await candidatesOf(trigger, { ruleId: rule.id, departmentId: rule.departmentId, latestStart, activeFrom: rule.activeFrom, limit });
    for (const c of candidates) {
      const since = c.since < rule.activeFrom ? rule.activeFrom : c.since;
      const due = trigger === "resolved_for_days" ? new Date(since.getTime() + spanMs) : addBusinessMinutes(calendar, since, spanMs / MS_PER_MINUTE);
      if (due > now) continue;
      const outcome = await fireRule({ rule, requestId: c.requestId, occurrence: c.occurrence, why: whyOf(trigger, count), spendWhenNotMatched: true, at: now });
      if (outcome === "done" || outcome === "failed") fired++;
    }
  }
  return { fired };
}

function whyOf(trigger: TimeTrigger, count: number): string {
  switch (trigger) {
    case "waiting_on_requester":
      return `Waiting on the requester for ${count} business day${count === 1 ? "" : "s"}.`;
    case "no_activity_hours":
      return `No activity for ${count} business hour${count === 1 ? "" : "s"}.`;
    case "resolved_for_days":
      return `Resolved for ${count} day${count === 1 ? "" : "s"} without a reopen.`;
  }
}

type Window = { ruleId: string; departmentId: string; latestStart: Date; activeFrom: Date; limit: number };

async function candidatesOf(trigger: TimeTrigger, w: Window): Promise<Candidate[]> {
  const notFired = (occurrence: Prisma.Sql) =>
    Prisma.sql`NOT EXISTS (SELECT 1 FROM "AutomationRun" a WHERE a."ruleId" = ${w.ruleId} AND a."requestId" = r.id AND a.occurrence = ${occurrence})`;
  switch (trigger) {
    case "waiting_on_requester": {
      const rows = await db().$queryRaw<{ requestId: string; eventId: bigint; since: Date }[]>`
        SELECT r.id AS "requestId", s.id AS "eventId", s."createdAt" AS since
        FROM "Request" r
        CROSS JOIN LATERAL (
          SELECT e.id, e."createdAt" FROM "RequestEvent" e
          WHERE e."requestId" = r.id AND e.type = 'status_changed' AND e."to"->>'status' = 'WAITING_ON_REQUESTER'
          ORDER BY e.id DESC LIMIT 1
        ) s
        WHERE r."departmentId" = ${w.departmentId} AND r.status = 'WAITING_ON_REQUESTER'
          AND GREATEST(s."createdAt", ${w.activeFrom}) <= ${w.latestStart}
          AND ${notFired(Prisma.sql`'waiting:' || s.id::text`)}
        ORDER BY s."createdAt", r.id LIMIT ${w.limit}`;
      return rows.map((r) => ({ requestId: r.requestId, since: r.since, occurrence: `waiting:${r.eventId}` }));
    }
    case "resolved_for_days": {
      // Counted from the resolution, or from a rule's last action on it if later (a request a rule
      // resolved counts from that firing, which is on the sweep's clock).
      const rows = await db().$queryRaw<{ requestId: string; resolvedAt: Date; since: Date }[]>`
        SELECT r.id AS "requestId", r."resolvedAt", GREATEST(r."resolvedAt", lr.at) AS since FROM "Request" r
        LEFT JOIN LATERAL (SELECT max(a."createdAt") AS at FROM "AutomationRun" a WHERE a."requestId" = r.id AND a.outcome = 'done') lr ON TRUE
        WHERE r."departmentId" = ${w.departmentId} AND r.status = 'RESOLVED' AND r."resolvedAt" IS NOT NULL
          AND GREATEST(r."resolvedAt", lr.at, ${w.activeFrom}) <= ${w.latestStart}
          AND ${notFired(Prisma.sql`'resolved:' || (extract(epoch FROM r."resolvedAt") * 1000)::bigint::text`)}
        ORDER BY since, r.id LIMIT ${w.limit}`;
      return rows.map((r) => ({ requestId: r.requestId, since: r.since, occurrence: `resolved:${r.resolvedAt.getTime()}` }));
    }
    case "no_activity_hours": {
      // Activity: anything a person did (a rule's own changes and the desk's SLA events are not).
      const rows = await db().$queryRaw<{ requestId: string; eventId: bigint; since: Date }[]>`
        SELECT r.id AS "requestId", l.id AS "eventId", l."createdAt" AS since
        FROM "Request" r
        CROSS JOIN LATERAL (
          SELECT e.id, e."createdAt" FROM "RequestEvent" e
          WHERE e."requestId" = r.id AND e."actorId" IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM "AutomationRule" ar WHERE ar."actorId" = e."actorId")
          ORDER BY e.id DESC LIMIT 1
        ) l
        WHERE r."departmentId" = ${w.departmentId} AND r.status IN (${Prisma.raw(openStatusesSql)})
          AND GREATEST(l."createdAt", ${w.activeFrom}) <= ${w.latestStart}
          AND ${notFired(Prisma.sql`'idle:' || l.id::text`)}
        ORDER BY l."createdAt", r.id LIMIT ${w.limit}`;
      return rows.map((r) => ({ requestId: r.requestId, since: r.since, occurrence: `idle:${r.eventId}` }));
    }
  }
}
