import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { forbidden } from "@/lib/errors";

/**
 * Current known issues: of every department for the catalogue, of one department for its page, or those affecting one
 * request type (or the whole catalogue) for that type's form; with how many follow and whether
 * the actor does.
 */
export async function listKnownIssues(options: { actor: Actor; departmentId?: string; typeId?: string }) {
  const { actor } = options;
  if (!can(actor, "catalog.browse")) throw forbidden();
  // One statement through lib/db/sql.ts (the catalogue and every request form show these): the follower count and
  // the actor's own follow read from KnownIssueFollower's key.
  return sql().$queryRaw<{ id: string; departmentId: string; title: string; body: string; createdAt: Date; requestTypeIds: string[]; followerCount: number; following: boolean }[]>`
    SELECT k."id", k."departmentId", k."title", k."body", k."createdAt", k."requestTypeIds",
      (SELECT count(*)::int FROM "KnownIssueFollower" f WHERE f."knownIssueId" = k."id") AS "followerCount",
      EXISTS (SELECT 1 FROM "KnownIssueFollower" f WHERE f."knownIssueId" = k."id" AND f."personId" = ${actor.id}) AS "following"
    FROM "KnownIssue" k
    WHERE k."endedAt" IS NULL
      ${options.departmentId ? Prisma.sql`AND k."departmentId" = ${options.departmentId}` : Prisma.empty}
      ${options.typeId ? Prisma.sql`AND (${options.typeId} = ANY(k."requestTypeIds") OR cardinality(k."requestTypeIds") = 0)` : Prisma.empty}
    ORDER BY k."createdAt" DESC, k."id" DESC
    LIMIT ${options.departmentId ? 20 : 100}`;
}
