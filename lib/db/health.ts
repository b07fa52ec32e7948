import "server-only";
import { db } from "./client";
import { jobWorkers } from "@/lib/jobs/workers-state";
import { logger } from "@/lib/log/logger";

export type Health = { status: "ok" } | { status: "degraded"; jobs: "starting" | "down" } | { status: "unavailable" };

/**
 * This instance's readiness: "unavailable" when the database does not answer a `SELECT 1`,
 * "degraded" while it serves requests but its job workers are not running (a failed start waiting
 * for its retry), "ok" otherwise. A failure is logged, never thrown.
 */
export async function checkHealth(): Promise<Health> {
  try {
    await db().$queryRaw`SELECT 1`;
  } catch (error) {
    logger.error({ err: error }, "health check: the database did not answer");
    return { status: "unavailable" };
  }
  const jobs = jobWorkers().status;
  return jobs === "starting" || jobs === "down" ? { status: "degraded", jobs } : { status: "ok" };
}
