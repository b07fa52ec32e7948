import "server-only";
import { db } from "@/lib/db/client";
import { readEvent, type RequestEvent } from "@/lib/requests/events";
import { eventTriggers, type Trigger } from "@/lib/validation/automation";
import { fireRule, ruleSelect } from "./fire-rule";

const because: Record<(typeof eventTriggers)[number], string> = {
  request_filed: "The request was filed.",
  status_changed: "The status changed.",
  requester_replied: "The requester replied.",
  field_matches: "The request was filed, moved here or re-prioritised, and matched the conditions.",
};

/** Whether an event is an occurrence of a rule's trigger (a transfer counts as arriving here). */
export function isOccurrenceOf(trigger: Trigger, event: RequestEvent, actorId: string | null, request: { requesterId: string }): boolean {
  switch (trigger) {
    case "request_filed":
      return event.type === "created";
    case "status_changed":
      return event.type === "status_changed";
    case "requester_replied":
      return event.type === "commented" && event.to.visibility === "PUBLIC" && actorId !== null && actorId === request.requesterId;
    case "field_matches":
      return event.type === "created" || event.type === "priority_changed" || event.type === "transferred";
    default:
      return false;
  }
}

/**
 * Looks at the request events the database queued for automation (a trigger on RequestEvent writes
 * them, leaving out events of a rule's own person, so rules never trigger rules) and fires each
 * enabled event rule of the request's department in position order, once per event. Rows are
 * claimed with SKIP LOCKED, so several workers share the queue; a claimed row is gone, and the
 * (rule, request, occurrence) key keeps a rule from firing twice even if an event were seen twice.
 */
export async function runEventRules(options: { limit?: number } = {}): Promise<{ claimed: number; fired: number }> {
  const limit = options.limit ?? 200;
  const claimed = await db().$queryRaw<{ eventId: bigint }[]>`
    DELETE FROM "AutomationPending" WHERE "eventId" IN (
      SELECT "eventId" FROM "AutomationPending" ORDER BY "eventId" LIMIT ${limit} FOR UPDATE SKIP LOCKED
    ) RETURNING "eventId"`;
  if (claimed.length === 0) return { claimed: 0, fired: 0 };
  const events = await db().requestEvent.findMany({
    where: { id: { in: claimed.map((c) => c.eventId) } },
    orderBy: { id: "asc" },
    select: { id: true, requestId: true, actorId: true, type: true, from: true, to: true, createdAt: true },
  });
  const requests = await db().request.findMany({ where: { id: { in: [...new Set(events.map((e) => e.requestId))] } }, select: { id: true, departmentId: true, requesterId: true } });
  const byId = new Map(requests.map((r) => [r.id, r]));
  const rules = await db().automationRule.findMany({
    where: { enabled: true, trigger: { in: [...eventTriggers] }, departmentId: { in: [...new Set(requests.map((r) => r.departmentId))] } },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: ruleSelect,
  });
  let fired = 0;
  for (const row of events) {
    const request = byId.get(row.requestId);
    const event = readEvent(row);
    if (!request || !event) continue;
    for (const rule of rules) {
      if (rule.departmentId !== request.departmentId || row.createdAt < rule.activeFrom) continue;
      if (!isOccurrenceOf(rule.trigger as Trigger, event, row.actorId, request)) continue;
      const outcome = await fireRule({ rule, requestId: request.id, occurrence: `event:${row.id}`, why: because[rule.trigger as (typeof eventTriggers)[number]] });
      if (outcome === "done" || outcome === "failed") fired++;
    }
  }
  return { claimed: claimed.length, fired };
}
