import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/errors";

export type DepartmentKnownIssue = { id: string; title: string; createdAt: Date; endedAt: Date | null; followers: number };

/**
 * The head's view of the department's known issues: those in force and the latest ended, with how
 * many people followed each instead of filing (a count of people, no opinion of anyone). The
 * organisation-wide load per department is HR's (lib/reports/known-issue-load.ts).
 */
export async function departmentKnownIssues(options: { actor: Actor; departmentId: string; limit?: number }): Promise<DepartmentKnownIssue[]> {
  const { actor, departmentId } = options;
  if (!can(actor, "knowledge.insights", { departmentId })) throw forbidden("Only the head of the department sees its known issues' figures.");
  const issues = await db().knownIssue.findMany({
    where: { departmentId },
    orderBy: [{ endedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }, { id: "asc" }],
    take: options.limit ?? 20,
    select: { id: true, title: true, createdAt: true, endedAt: true, _count: { select: { followers: true } } },
  });
  return issues.map(({ _count, ...issue }) => ({ ...issue, followers: _count.followers }));
}
