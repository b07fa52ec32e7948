import { currentActor } from "@/lib/auth/session";
import { csvDownload } from "@/lib/csv/csv";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { departmentExperience } from "@/lib/experience/department-experience";
import { experienceTable } from "@/lib/experience/experience-table";
import { reasonsOf } from "@/lib/experience/reasons";
import { logger } from "@/lib/log/logger";
import { tableCsv } from "@/lib/reports/dashboard-tables";

export const dynamic = "force-dynamic";

const text = (body: string, status: number) => new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The experience table as CSV (`?period=…`): the same use case and cells as the page. */
export async function GET(request: Request, { params }: { params: Promise<{ department: string }> }) {
  const actor = await currentActor();
  if (!actor) return text("Sign in to download reports.", 401);
  const { department } = await params;
  try {
    const result = await departmentExperience({ actor, departmentKey: department, period: new URL(request.url).searchParams.get("period") || undefined });
    const reasons = reasonsOf((await db().department.findUnique({ where: { id: result.department.id }, select: { ratingReasons: true } }))?.ratingReasons);
    return csvDownload(tableCsv(experienceTable(result.rows, reasons)), `${result.department.key.toLowerCase()}-experience-${result.period.key}.csv`);
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === "FORBIDDEN" || error.code === "NOT_FOUND") return text("Not found.", 404);
      if (error.code === "INVALID_INPUT") return text(error.userMessage, 422);
    }
    logger.error({ err: error }, "Experience export failed");
    return text("Something went wrong on our side. Try again in a moment.", 500);
  }
}
