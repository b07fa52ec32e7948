import { currentActor } from "@/lib/auth/session";
import { reportResponse } from "@/lib/csv/csv-export";
import { internalCustomerMatrix, packMatrix } from "@/lib/reports/internal-customer-matrix";
import { currentQuarter } from "@/lib/reports/organisation-access";

export const dynamic = "force-dynamic";

/**
 * The heat map's figures for ?period= (HeatMapData, every measure of every pair), which the map asks
 * for when someone reaches for it (a cell's details, another measure); the page itself sends only what
 * the chosen measure shows. The same use case as the page and its CSV, so the same people may read it.
 */
export async function GET(request: Request) {
  const period = new URL(request.url).searchParams.get("period");
  return reportResponse({
    actor: await currentActor(),
    signIn: "Sign in to see the organisation's figures.",
    failure: "heat map figures failed",
    run: async (actor) => {
      const matrix = await internalCustomerMatrix({ actor, period: period || (await currentQuarter()) });
      return Response.json(packMatrix(matrix), { headers: { "cache-control": "private, no-store" } });
    },
  });
}
