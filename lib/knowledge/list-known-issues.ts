import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/errors";

/**
 * Current known issues: of every department for the catalogue, of one department for its page, or those affecting one
 * request type (or the whole catalogue) for that type's form; with how many follow and whether
 * the actor does.
 */
export async function listKnownIssues(options: { actor: Actor; departmentId?: string; typeId?: string }) {
  const { actor } = options;
  if (!can(actor, "catalog.browse")) throw forbidden();
  const issues = await db().knownIssue.findMany({
    where: {
      ...(options.departmentId ? { departmentId: options.departmentId } : {}),
      endedAt: null,
      ...(options.typeId ? { OR: [{ requestTypeIds: { has: options.typeId } }, { requestTypeIds: { isEmpty: true } }] } : {}),
    },
    orderBy: { createdAt: "desc" },
    take: options.departmentId ? 20 : 100,
    select: { id: true, departmentId: true, title: true, body: true, createdAt: true, requestTypeIds: true, _count: { select: { followers: true } }, followers: { where: { personId: actor.id }, select: { personId: true } } },
  });
  return issues.map(({ followers, _count, ...issue }) => ({ ...issue, followerCount: _count.followers, following: followers.length > 0 }));
}
