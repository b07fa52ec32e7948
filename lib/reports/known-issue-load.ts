import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { organisationTimeZone } from "@/lib/satisfaction/organisation-settings";
import { zonedPeriodRange } from "@/lib/satisfaction/zoned-periods";
import { organisationPeriod } from "./organisation-access";

export type KnownIssueLoadRow = {
  key: string;
  name: string;
  /** Known issues in force at any time in the period. */
  issues: number;
  /** Of those, announced in the period. */
  announced: number;
  /** Hours the department's known issues were in force within the period, added up (two at once count twice). */
  issueHours: number;
  /** Distinct people who followed one of them instead of filing. */
  followers: number;
  /** Requests filed to the department in the period that were linked to a problem. */
  linkedToProblems: number;
};

/**
 * HR's view of known-issue load per providing department (a period of the organisation's zone, like
 * the rest of the organisation page): how often and how long something was broken, and how many people it reached.
 * Counts of issues and people, no opinion of anyone: no anonymity threshold applies. One pass over
 * the known issues and one index range of the period's requests per department.
 */
export async function knownIssueLoad(options: { actor: Actor; period: unknown; now?: Date }): Promise<{ period: string; rows: KnownIssueLoadRow[] }> {
  const period = await organisationPeriod(options);
  const { from, to } = zonedPeriodRange(period, await organisationTimeZone());
  const now = options.now ?? new Date();
  const until = to.getTime() < now.getTime() ? to : now;
  const rows = await sql().$queryRaw<KnownIssueLoadRow[]>(Prisma.sql`
    WITH issues AS (
      SELECT k.id, k."departmentId", k."createdAt",
             GREATEST(0, EXTRACT(EPOCH FROM (LEAST(COALESCE(k."endedAt", ${until}), ${until}) - GREATEST(k."createdAt", ${from}))) / 3600) AS hours
        FROM "KnownIssue" k
       WHERE k."createdAt" < ${to} AND (k."endedAt" IS NULL OR k."endedAt" >= ${from})
    )
    SELECT d.key, d.name,
      (SELECT count(*) FROM issues i WHERE i."departmentId" = d.id)::int AS issues,
      (SELECT count(*) FROM issues i WHERE i."departmentId" = d.id AND i."createdAt" >= ${from})::int AS announced,
      COALESCE((SELECT round(sum(i.hours)) FROM issues i WHERE i."departmentId" = d.id), 0)::int AS "issueHours",
      (SELECT count(DISTINCT f."personId") FROM issues i JOIN "KnownIssueFollower" f ON f."knownIssueId" = i.id WHERE i."departmentId" = d.id)::int AS followers,
      (SELECT count(*) FROM "Request" r WHERE r."departmentId" = d.id AND r."createdAt" >= ${from} AND r."createdAt" < ${to} AND r."problemId" IS NOT NULL)::int AS "linkedToProblems"
    FROM "Department" d
    ORDER BY d.name`);
  return { period, rows };
}
