import { checkHealth } from "@/lib/db/health";

// Read per call, never cached at build time.
export const dynamic = "force-dynamic";

/**
 * Readiness for a load balancer or orchestrator: 200 when this instance can reach the database
 * (one `SELECT 1`), 503 otherwise. No sign-in, and nothing in the answer but the verdict. Also
 * the baseline of `npm run bench:api`: a route of the same app doing one database round trip.
 */
export async function GET(): Promise<Response> {
  const ok = await checkHealth();
  return Response.json({ status: ok ? "ok" : "unavailable" }, { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
