import "server-only";
import type { Tx } from "@/lib/db/create-client";
import { eventRow } from "@/lib/requests/events";
import { Prisma } from "@/lib/generated/prisma/client";
import { openStatuses } from "@/lib/requests/statuses";

/**
 * A person who is no longer an agent of these departments stops holding their work: each open
 * request of theirs there is unassigned (an `assigned` event to nobody, attributed to the desk, so
 * the timeline says why it went back to the queue) and they leave those departments' teams, so no
 * assignment rule picks them again. Their history (events, comments) stays as it was.
 */
export async function releaseDepartmentWork(tx: Tx, options: { personId: string; departmentIds: string[] }): Promise<{ unassigned: number; teamsLeft: number }> {
  const { personId, departmentIds } = options;
  if (departmentIds.length === 0) return { unassigned: 0, teamsLeft: 0 };
  const unassigned = await unassignOpenWork(tx, personId, departmentIds);
  const teams = await tx.teamMember.deleteMany({ where: { personId, team: { departmentId: { in: departmentIds } } } });
  return { unassigned, teamsLeft: teams.count };
}

/**
 * A deactivated person holds no open work: every open request assigned to them, in any department,
 * goes back to its queue (an `assigned` event to nobody, by the desk), so nothing waits on someone who
 * can no longer sign in. Their team places stay (assignment rules pass over inactive people), so a
 * reactivation puts them back where they were. Returns how many requests were unassigned.
 */
export async function releaseAllOpenWork(tx: Tx, personId: string): Promise<number> {
  return unassignOpenWork(tx, personId, null);
}

async function unassignOpenWork(tx: Tx, personId: string, departmentIds: string[] | null): Promise<number> {
  // One statement, whatever the number of requests: it unassigns exactly the rows that are still
  // theirs and open when it runs, and the events are written for what it returned.
  const released = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "Request" SET "assigneeId" = NULL, version = version + 1, "updatedAt" = now()
     WHERE "assigneeId" = ${personId} AND status::text = ANY(${[...openStatuses]}::text[])
       ${departmentIds ? Prisma.sql`AND "departmentId" = ANY(${departmentIds}::text[])` : Prisma.empty}
    RETURNING id`;
  if (released.length) {
    await tx.requestEvent.createMany({ data: released.map((r) => eventRow(r.id, null, "assigned", { from: { assigneeId: personId }, to: { assigneeId: null } })) });
  }
  return released.length;
}
