import { currentActor } from "@/lib/auth/session";
import { csvDownload } from "@/lib/csv/csv";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { dashboardTable } from "@/lib/reports/dashboard-table";
import { tableCsv } from "@/lib/reports/dashboard-tables";

export const dynamic = "force-dynamic";

const text = (body: string, status: number) => new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/** One table of the head dashboard as CSV: `?table=…&period=…`, the same use case as the page. */
export async function GET(request: Request, { params }: { params: Promise<{ department: string }> }) {
  const actor = await currentActor();
  if (!actor) return text("Sign in to download reports.", 401);
  const { department } = await params;
  const search = new URL(request.url).searchParams;
  try {
    const result = await dashboardTable({ actor, departmentKey: department, table: search.get("table") ?? "", period: search.get("period") || undefined });
    const name = `${result.departmentKey.toLowerCase()}-${search.get("table")}-${result.period}.csv`;
    return csvDownload(tableCsv(result.data), name);
  } catch (error) {
    if (error instanceof AppError) {
      // Someone who may not see the reports cannot tell them from a department that does not exist.
      if (error.code === "FORBIDDEN" || error.code === "NOT_FOUND") return text("Not found.", 404);
      if (error.code === "INVALID_INPUT") return text(error.userMessage, 422);
    }
    logger.error({ err: error }, "Dashboard export failed");
    return text("Something went wrong on our side. Try again in a moment.", 500);
  }
}
