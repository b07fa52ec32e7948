import type { Db } from "@/lib/db/create-client";
import type { SlaMetric } from "@/lib/generated/prisma/client";
import { notify } from "@/lib/notifications/notify";
import { formatReference } from "@/lib/requests/reference";
import { eventRow } from "@/lib/requests/events";

const metricName: Record<SlaMetric, string> = { FIRST_RESPONSE: "first response", RESOLUTION: "resolution", NEXT_REPLY: "next reply" };

type Fired = { requestId: string; metric: SlaMetric; cycle: number; percent: number };

/**
 * Fires every SLA warning (50 %, 75 %) and breach (100 %) whose time has come, exactly once per
 * target: the INSERT ... ON CONFLICT DO NOTHING on SlaNotice's unique key decides which worker owns
 * a notice,
 * and its notifications, with their emails as outbox rows (EmailDelivery), are written in the same
 * transaction: the email relay job hands them to delivery, so no email is lost to a crash. Paused
 * and stopped clocks never fire.
 * Warnings go to the assignee (the department's heads if nobody is assigned); a breach also
 * escalates to the heads and is written to the request's event log.
 */
export async function sweepSlaClocks(db: Db, options: { now?: Date; baseUrl: string; batch?: number }): Promise<{ fired: Fired[]; batches: number }> {
  const batch = options.batch ?? 100;
  const fired: Fired[] = [];
  let batches = 0;
  // Bounded batches, each its own transaction that commits: progress never depends on the size of
  // the backlog (one transaction for a whole backlog timed out and rolled back, again and again,
  // under load). SKIP LOCKED lets several instances sweep side by side without waiting or firing twice.
  for (;;) {
    const now = options.now ?? new Date();
    const result = await sweepBatch(db, { now, baseUrl: options.baseUrl, batch });
    batches++;
    fired.push(...result.fired);
    if (result.claimed < batch) break;
  }
  return { fired, batches };
}

async function sweepBatch(db: Db, options: { now: Date; baseUrl: string; batch: number }): Promise<{ fired: Fired[]; claimed: number }> {
  const { now } = options;
  return db.$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<{ id: string }[]>`
      SELECT c.id FROM "SlaClock" c
       WHERE c."nextNoticeAt" <= ${now} AND c."stoppedAt" IS NULL AND c."paused" = false
       ORDER BY c."nextNoticeAt"
       LIMIT ${options.batch}
       FOR UPDATE SKIP LOCKED`;
    if (claimed.length === 0) return { fired: [], claimed: 0 };
    const ids = claimed.map((c) => c.id);
    // Only clocks whose next notice instant has come are read (by the nextNoticeAt index); each
    // fires the highest threshold it has reached (a clock found already breached does not also
    // warn at 50 and 75 %), and moves nextNoticeAt to its next threshold, or to null.
    const fired = await tx.$queryRaw<Fired[]>`
      WITH due AS (
        SELECT c.id, c."requestId", c."metric", c."cycle", c."targetMinutes", c."warnAt50", c."warnAt75", c."dueAt"
          FROM "SlaClock" c
         WHERE c.id = ANY(${ids}::text[])
      ),
      reached AS (
        SELECT DISTINCT ON (d.id) d."requestId", d."metric", d."cycle", d."targetMinutes", t.percent, t.at
          FROM due d
         CROSS JOIN LATERAL (VALUES (50, d."warnAt50"), (75, d."warnAt75"), (100, d."dueAt")) AS t(percent, at)
         WHERE t.at IS NOT NULL AND t.at <= ${now}
         ORDER BY d.id, t.percent DESC
      ),
      advanced AS (
        UPDATE "SlaClock" c
           SET "nextNoticeAt" = (SELECT min(v.at) FROM (VALUES (d."warnAt50"), (d."warnAt75"), (d."dueAt")) AS v(at) WHERE v.at > ${now})
          FROM due d
         WHERE c.id = d.id
      )
      INSERT INTO "SlaNotice" ("id", "requestId", "metric", "cycle", "percent", "targetMinutes", "dueAt", "firedAt")
      SELECT gen_random_uuid()::text, r."requestId", r."metric", r."cycle", r.percent, r."targetMinutes", r.at, ${now}
        FROM reached r
      ON CONFLICT ("requestId", "metric", "cycle", "percent", "targetMinutes") DO NOTHING
      RETURNING "requestId", "metric", "cycle", "percent"`;
    if (fired.length === 0) return { fired, claimed: claimed.length };

    const requests = await tx.request.findMany({
      where: { id: { in: [...new Set(fired.map((f) => f.requestId))] } },
      select: { id: true, number: true, title: true, assigneeId: true, assignee: { select: { active: true } }, departmentId: true, department: { select: { key: true } } },
    });
    const heads = await tx.roleGrant.findMany({
      where: { role: "HEAD", departmentId: { in: [...new Set(requests.map((r) => r.departmentId))] } },
      select: { personId: true, departmentId: true },
    });
    const byId = new Map(requests.map((r) => [r.id, r]));
    for (const f of fired) {
      const r = byId.get(f.requestId)!;
      const reference = formatReference(r.department.key, r.number);
      const headIds = heads.filter((h) => h.departmentId === r.departmentId).map((h) => h.personId);
      const breach = f.percent >= 100;
      // An assignee who has left (deactivated) cannot act on a warning: the heads get it instead.
      const assigneeId = r.assigneeId && r.assignee?.active ? r.assigneeId : null;
      const recipients = [...(assigneeId ? [assigneeId] : []), ...(breach || !assigneeId ? headIds : [])];
      const title = breach
        ? `${reference} breached its ${metricName[f.metric]} target`
        : `${reference}: ${f.percent} % of the ${metricName[f.metric]} target used`;
      await notify(tx, {
        personIds: recipients,
        kind: breach ? "sla_breached" : "sla_warning",
        requestId: r.id,
        title,
        body: `“${r.title}” ${breach ? "is past its target" : "is getting close to its target"}.`,
        link: `${options.baseUrl.replace(/\/$/, "")}/requests/${reference}`,
      });
      if (breach) await tx.requestEvent.create({ data: eventRow(r.id, null, "sla_breached", { to: { metric: f.metric, cycle: f.cycle } }) });
    }
    return { fired, claimed: claimed.length };
  });
}
