import { currentActor } from "@/lib/auth/session";
import { csvExport } from "@/lib/csv/csv-export";
import { AppError } from "@/lib/errors";
import { internalCustomerMatrix } from "@/lib/reports/internal-customer-matrix";
import { moraleIndicators } from "@/lib/reports/morale-indicators";
import { moraleTrend } from "@/lib/reports/morale-trend";
import { currentQuarter } from "@/lib/reports/organisation-access";
import { matrixCsv, moraleCsv, trendCsv } from "@/lib/reports/organisation-csv";

export const dynamic = "force-dynamic";

/** The organisation page's tables as CSV: ?table=matrix|morale|trend, the page's period (and department for the trend). */
export async function GET(request: Request) {
  const search = new URL(request.url).searchParams;
  return csvExport({
    actor: await currentActor(),
    signIn: "Sign in to download reports.",
    failure: "organisation export failed",
    run: async (actor) => {
      const period = search.get("period") || (await currentQuarter());
      const table = search.get("table") ?? "matrix";
      if (table === "matrix") return { body: matrixCsv(await internalCustomerMatrix({ actor, period })), fileName: `internal-customers-${period}.csv` };
      if (table === "morale") {
        const report = await moraleIndicators({ actor, period });
        return { body: moraleCsv(report.period, report.rows), fileName: `morale-${period}.csv` };
      }
      if (table === "trend") {
        const report = await moraleTrend({ actor, period, departmentKey: search.get("department") ?? "" });
        return { body: trendCsv(report.department.name, report.months), fileName: `morale-${report.department.key}-${period}.csv` };
      }
      throw new AppError("INVALID_INPUT", "Choose table=matrix, morale or trend.");
    },
  });
}
