import { currentActor } from "@/lib/auth/session";
import { csvDownload } from "@/lib/csv/csv";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { complianceCsv } from "@/lib/reports/compliance-csv";
import { localDayOf, reportFormFromSearch } from "@/lib/reports/period";
import { slaCompliance } from "@/lib/reports/sla-compliance";

export const dynamic = "force-dynamic";

const text = (body: string, status: number) => new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The compliance report of the page as CSV; the same query string, the same use case. */
export async function GET(request: Request, { params }: { params: Promise<{ department: string }> }) {
  const actor = await currentActor();
  if (!actor) return text("Sign in to download reports.", 401);
  const { department } = await params;
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const form = reportFormFromSearch(search);
  try {
    const report = await slaCompliance({ actor, departmentKey: department, ...form.input, groupBy: form.groupBy });
    // The department's dates, as the report counts them; the end is exclusive, so the last day is the one before it.
    const day = (d: Date) => localDayOf(d, report.department.timeZone).toISOString().slice(0, 10);
    const name = `sla-${report.department.key}-${day(report.period.from)}-${day(new Date(report.period.to.getTime() - 1))}-${report.groupBy}.csv`;
    return csvDownload(complianceCsv(report), name);
  } catch (error) {
    if (error instanceof AppError) {
      // Someone who may not see the reports cannot tell them from a department that does not exist.
      if (error.code === "FORBIDDEN" || error.code === "NOT_FOUND") return text("Not found.", 404);
      if (error.code === "INVALID_INPUT") return text(error.userMessage, 422);
    }
    logger.error({ err: error }, "SLA export failed");
    return text("Something went wrong on our side. Try again in a moment.", 500);
  }
}
