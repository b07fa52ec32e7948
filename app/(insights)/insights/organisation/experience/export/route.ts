import { can } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { hoursLostTable, organisationPairTable, organisationProviderTable } from "@/lib/experience/experience-table";
import { organisationExperience } from "@/lib/experience/organisation-experience";
import { logger } from "@/lib/log/logger";
import { csvDownload } from "@/lib/csv/csv";
import { tableCsv } from "@/lib/reports/dashboard-tables";
import { currentQuarter } from "@/lib/reports/organisation-access";

export const dynamic = "force-dynamic";

const text = (body: string, status: number) => new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

const tables = { departments: organisationProviderTable, pairs: organisationPairTable, hours: hoursLostTable } as const;

/** HR's experience tables as CSV: ?table=departments|pairs|hours and the page's period; the same use case and cells as the page. */
export async function GET(request: Request) {
  const actor = await currentActor();
  if (!actor) return text("Sign in to download reports.", 401);
  if (!can(actor, "insights.organisation")) return text("Not found.", 404);
  const search = new URL(request.url).searchParams;
  const table = search.get("table") ?? "departments";
  if (!Object.hasOwn(tables, table)) return text("Choose table=departments, pairs or hours.", 422);
  const period = search.get("period") || (await currentQuarter());
  try {
    const result = await organisationExperience({ actor, period });
    const body = tableCsv(tables[table as keyof typeof tables](result));
    return csvDownload(body, `experience-${table}-${result.period}.csv`);
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === "FORBIDDEN" || error.code === "NOT_FOUND") return text("Not found.", 404);
      if (error.code === "INVALID_INPUT") return text(error.userMessage, 422);
    }
    logger.error({ err: error }, "organisation experience export failed");
    return text("Something went wrong on our side. Try again in a moment.", 500);
  }
}
