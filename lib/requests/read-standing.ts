import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
import { requestColumns, requestVisibleSql, standingSql } from "./request-policy";

/** A request the actor sees, with their standing on it (for `mayOn`) and how it is named. */
export type SeenRequest = {
  id: string;
  number: number;
  departmentId: string;
  departmentKey: string;
  requesterId: string;
  requesterName: string;
  approvalState: "PENDING" | "APPROVED" | "REJECTED" | null;
  isWatcher: boolean;
  isApprover: boolean;
};

/**
 * The request if the actor sees it (the request policy's SQL), with their standing on it, in one
 * statement; null when they do not see it. What they may do on it is still `mayOn`'s to say.
 */
export async function readStanding(actor: Actor, requestId: string): Promise<SeenRequest | null> {
  const r = requestColumns("r");
  const [row] = await sql().$queryRaw<SeenRequest[]>`
    SELECT r.id, r.number, r."departmentId", d.key AS "departmentKey", r."requesterId", rq.name AS "requesterName",
           r."approvalState"::text AS "approvalState", ${standingSql(actor, r)}
      FROM "Request" r JOIN "Department" d ON d.id = r."departmentId" JOIN "Person" rq ON rq.id = r."requesterId"
     WHERE r.id = ${requestId} AND ${requestVisibleSql(actor, r)}`;
  return row ?? null;
}
