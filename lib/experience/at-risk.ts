import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { formatReference } from "@/lib/requests/reference";
import { openStatusesSql } from "@/lib/requests/statuses";
import { insightsDepartment } from "@/lib/reports/insights-department";
import { Prisma } from "@/lib/generated/prisma/client";

/** Open this many calendar days or more: waited on for long, whatever the SLA says. */
export const longWaitDays = 7;

export type AtRiskReason = "reopened" | "several_departments" | "long_wait" | "overdue";
export const atRiskLabel: Record<AtRiskReason, string> = {
  reopened: "Reopened",
  several_departments: "Went to several departments",
  long_wait: `Open ${longWaitDays}+ days`,
  overdue: "Past its SLA",
};

/**
 * Open requests of the department whose requester is likely to be unhappy before anyone rates:
 * reopened, passed between departments, open for long, or past an SLA target. A head's proactive
 * list (insights.department), oldest first, at most `take`.
 */
export async function atRiskRequests(options: { actor: Actor; departmentKey: string; now?: Date; take?: number }) {
  const department = await insightsDepartment(options);
  const now = options.now ?? new Date();
  const longAgo = new Date(now.getTime() - longWaitDays * 86_400_000);
  const rows = await db().$queryRaw<{ id: string; number: number; title: string; status: string; createdAt: Date; reopened: boolean; transferred: boolean; overdue: boolean }[]>`
    SELECT r."id", r."number", r."title", r."status"::text AS status, r."createdAt",
      EXISTS (SELECT 1 FROM "RequestEvent" e WHERE e."requestId" = r."id" AND e."type" = 'status_changed' AND (e."to"->>'reopened')::boolean) AS reopened,
      EXISTS (SELECT 1 FROM "RequestAlias" a WHERE a."requestId" = r."id") AS transferred,
      EXISTS (SELECT 1 FROM "SlaClock" c WHERE c."requestId" = r."id" AND c."segment" = 0 AND c."stoppedAt" IS NULL AND c."dueAt" <= ${now}) AS overdue
    FROM "Request" r
    WHERE r."departmentId" = ${department.id} AND r."status"::text IN (${Prisma.raw(openStatusesSql)})
    ORDER BY r."createdAt" ASC
    LIMIT 2000`;
  const out = [];
  for (const row of rows) {
    const reasons: AtRiskReason[] = [];
    if (row.reopened) reasons.push("reopened");
    if (row.transferred) reasons.push("several_departments");
    if (row.overdue) reasons.push("overdue");
    if (row.createdAt <= longAgo) reasons.push("long_wait");
    if (reasons.length) out.push({ id: row.id, reference: formatReference(department.key, row.number), title: row.title, status: row.status, createdAt: row.createdAt, reasons });
    if (out.length >= (options.take ?? 50)) break;
  }
  return { department, requests: out };
}
