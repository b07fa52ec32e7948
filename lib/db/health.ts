import "server-only";
import { db } from "./client";
import { logger } from "@/lib/log/logger";

/** Whether the database answers a `SELECT 1`; a failure is logged, never thrown. */
export async function checkHealth(): Promise<boolean> {
  try {
    await db().$queryRaw`SELECT 1`;
    return true;
  } catch (error) {
    logger.error({ err: error }, "health check: the database did not answer");
    return false;
  }
}
