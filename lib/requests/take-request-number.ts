import "server-only";
import { sql } from "@/lib/db/sql";

/**
 * The next request number of a department, taken in a statement of its own that commits at once:
 * the department's row is locked for that one statement, not for a whole filing or transfer, so
 * requests into one department are filed side by side instead of one after the other.
 *
 * Call it before the transaction that uses the number, never inside one: inside, the row would
 * stay locked until that transaction ends (and on the embedded database, a pool of one connection,
 * a statement beside an open transaction waits for it). So a number whose transaction then fails
 * (a duplicate submission that lost its race, a change that went stale) is never used: numbering
 * may have a gap, but no number is handed out twice, because requestSeq only grows. RequestAlias
 * relies on that: an old reference never meets a live one.
 */
export async function takeRequestNumber(departmentId: string): Promise<number> {
  const [row] = await sql({ prepared: true }).$queryRaw<{ requestSeq: number }[]>`
    UPDATE "Department" SET "requestSeq" = "requestSeq" + 1 WHERE id = ${departmentId} RETURNING "requestSeq"`;
  if (!row) throw new Error(`no department ${departmentId} to take a request number from`);
  return row.requestSeq;
}
