import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { formatReference } from "@/lib/requests/reference";
import type { Status } from "@/lib/validation/requests";

export type ProblemRow = { id: string; reference: string; title: string; status: Status; linked: number; openLinked: number; peopleAffected: number; createdAt: Date };

/**
 * The head's list of the department's problems (requests with linked requests): how many are
 * linked, how many still open, and how many distinct people they affect (requesters and followers
 * of the problem and its linked requests).
 */
export async function listProblems(options: { actor: Actor; departmentId: string }): Promise<ProblemRow[]> {
  const { actor, departmentId } = options;
  if (!can(actor, "problem.insights", { departmentId })) throw forbidden("Only the head of the department sees its problems.");
  const rows = await db().$queryRaw<{ id: string; number: number; key: string; title: string; status: Status; linked: number; openLinked: number; peopleAffected: number; createdAt: Date }[]>(Prisma.sql`
    WITH problems AS (
      SELECT DISTINCT s."problemId" AS id FROM "Request" s WHERE s."departmentId" = ${departmentId} AND s."problemId" IS NOT NULL
    ), members AS (
      SELECT p.id AS "problemId", r.id AS "requestId", r."requesterId", r.status FROM problems p JOIN "Request" r ON r."problemId" = p.id
      UNION ALL SELECT p.id, r.id, r."requesterId", NULL FROM problems p JOIN "Request" r ON r.id = p.id
    ), people AS (
      SELECT m."problemId", m."requesterId" AS "personId" FROM members m
      UNION SELECT m."problemId", w."personId" FROM members m JOIN "Watcher" w ON w."requestId" = m."requestId"
    )
    SELECT r.id, r.number, d.key, r.title, r.status::text AS status, r."createdAt",
      (SELECT count(*) FROM members m WHERE m."problemId" = r.id AND m.status IS NOT NULL)::int AS linked,
      (SELECT count(*) FROM members m WHERE m."problemId" = r.id AND m.status IN ('NEW', 'OPEN', 'WAITING_ON_REQUESTER'))::int AS "openLinked",
      (SELECT count(DISTINCT "personId") FROM people pp WHERE pp."problemId" = r.id)::int AS "peopleAffected"
    FROM problems p JOIN "Request" r ON r.id = p.id JOIN "Department" d ON d.id = r."departmentId"
    ORDER BY (r.status IN ('NEW', 'OPEN', 'WAITING_ON_REQUESTER')) DESC, linked DESC, r."createdAt" DESC
    LIMIT 200`);
  return rows.map((r) => ({ id: r.id, reference: formatReference(r.key, r.number), title: r.title, status: r.status, linked: r.linked, openLinked: r.openLinked, peopleAffected: r.peopleAffected, createdAt: r.createdAt }));
}
