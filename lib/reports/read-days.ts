import "server-only";
import { sqlTransaction } from "@/lib/db/sql";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Runs a read of day rows (dashboardRows inside) without parallel workers: its live part is a day or
 * two, where starting workers costs more than the whole scan (over 100 ms on a busy server, against
 * under 10 ms for the scan itself), and the stored part is a few thousand rows of one department.
 * Through lib/db/sql.ts, the SET LOCAL sent with the BEGIN: three round trips, where Prisma's batch
 * transaction took four and compiled each statement.
 */
export async function readDays<T>(statement: Prisma.Sql): Promise<T[]> {
  return sqlTransaction((tx) => tx.$queryRaw<T[]>(statement), { opening: noParallelWorkers });
}
const noParallelWorkers = Prisma.sql`SET LOCAL max_parallel_workers_per_gather = 0`;
