import { currentActor } from "@/lib/auth/session";
import { csvDownload } from "@/lib/csv/csv";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { internalCustomerMatrix } from "@/lib/reports/internal-customer-matrix";
import { moraleIndicators } from "@/lib/reports/morale-indicators";
import { moraleTrend } from "@/lib/reports/morale-trend";
import { currentQuarter } from "@/lib/reports/organisation-access";
import { matrixCsv, moraleCsv, trendCsv } from "@/lib/reports/organisation-csv";

export const dynamic = "force-dynamic";

const text = (body: string, status: number) => new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The organisation page's tables as CSV: ?table=matrix|morale|trend, the page's period (and department for the trend). */
export async function GET(request: Request) {
  const actor = await currentActor();
  if (!actor) return text("Sign in to download reports.", 401);
  const search = new URL(request.url).searchParams;
  const period = search.get("period") || (await currentQuarter());
  const table = search.get("table") ?? "matrix";
  try {
    let body: string;
    let name: string;
    if (table === "matrix") {
      body = matrixCsv(await internalCustomerMatrix({ actor, period }));
      name = `internal-customers-${period}.csv`;
    } else if (table === "morale") {
      const report = await moraleIndicators({ actor, period });
      body = moraleCsv(report.period, report.rows);
      name = `morale-${period}.csv`;
    } else if (table === "trend") {
      const report = await moraleTrend({ actor, period, departmentKey: search.get("department") ?? "" });
      body = trendCsv(report.department.name, report.months);
      name = `morale-${report.department.key}-${period}.csv`;
    } else {
      return text("Choose table=matrix, morale or trend.", 422);
    }
    return csvDownload(body, name);
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === "FORBIDDEN" || error.code === "NOT_FOUND") return text("Not found.", 404);
      if (error.code === "INVALID_INPUT") return text(error.userMessage, 422);
    }
    logger.error({ err: error }, "organisation export failed");
    return text("Something went wrong on our side. Try again in a moment.", 500);
  }
}
