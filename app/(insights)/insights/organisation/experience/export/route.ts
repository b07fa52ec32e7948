import { can } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { hoursLostTable, organisationPairTable, organisationProviderTable, organisationTypeTable } from "@/lib/experience/experience-table";
import { organisationExperience } from "@/lib/experience/organisation-experience";
import { timeLostByType } from "@/lib/experience/time-lost-by-type";
import { logger } from "@/lib/log/logger";
import { csvDownload } from "@/lib/csv/csv";
import { tableCsv } from "@/lib/reports/dashboard-tables";
import { currentQuarter } from "@/lib/reports/organisation-access";

export const dynamic = "force-dynamic";

const text = (body: string, status: number) => new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

const tables = { departments: organisationProviderTable, pairs: organisationPairTable, hours: hoursLostTable } as const;

/** HR's experience tables as CSV: ?table=departments|pairs|hours|types and the page's period; the same use cases and cells as the page. */
export async function GET(request: Request) {
  const actor = await currentActor();
  if (!actor) return text("Sign in to download reports.", 401);
  if (!can(actor, "insights.organisation")) return text("Not found.", 404);
  const search = new URL(request.url).searchParams;
  const table = search.get("table") ?? "departments";
  if (!Object.hasOwn(tables, table) && table !== "types") return text("Choose table=departments, pairs, hours or types.", 422);
  const period = search.get("period") || (await currentQuarter());
  try {
    if (table === "types") {
      const types = await timeLostByType({ actor, period });
      return csvDownload(tableCsv(organisationTypeTable(types)), `experience-types-${period}.csv`);
    }
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
