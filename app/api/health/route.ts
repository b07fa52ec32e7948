import { checkHealth } from "@/lib/db/health";

// Read per call, never cached at build time.
export const dynamic = "force-dynamic";

/**
 * Readiness for a load balancer or orchestrator: 200 `ok` when this instance can reach the
 * database (one `SELECT 1`), 200 `degraded` when it serves requests but its job workers are down
 * (retrying), 503 when the database does not answer, and 503 from the first moment of a graceful
 * shutdown (answered by the server itself, lib/server/graceful-server.ts). No sign-in, and nothing
 * in the answer but the verdict. Also the baseline of `npm run bench:api`.
 */
export async function GET(): Promise<Response> {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === "unavailable" ? 503 : 200,
    headers: { "Cache-Control": "no-store", ...(health.status === "unavailable" ? { "Retry-After": "5" } : {}) },
  });
}
