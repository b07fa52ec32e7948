import { can } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { csvExport } from "@/lib/csv/csv-export";
import { AppError, forbidden } from "@/lib/errors";
import { hoursLostTable, organisationPairTable, organisationProviderTable } from "@/lib/experience/experience-table";
import { organisationExperience } from "@/lib/experience/organisation-experience";
import { tableCsv } from "@/lib/reports/dashboard-tables";
import { currentQuarter } from "@/lib/reports/organisation-access";

export const dynamic = "force-dynamic";

const tables = { departments: organisationProviderTable, pairs: organisationPairTable, hours: hoursLostTable } as const;

/** HR's experience tables as CSV: ?table=departments|pairs|hours and the page's period; the same use case and cells as the page. */
export async function GET(request: Request) {
  const search = new URL(request.url).searchParams;
  return csvExport({
    actor: await currentActor(),
    signIn: "Sign in to download reports.",
    failure: "organisation experience export failed",
    run: async (actor) => {
      if (!can(actor, "insights.organisation")) throw forbidden("Only HR and admins can see the organisation's indicators.");
      const table = search.get("table") ?? "departments";
      if (!Object.hasOwn(tables, table)) throw new AppError("INVALID_INPUT", "Choose table=departments, pairs or hours.");
      const result = await organisationExperience({ actor, period: search.get("period") || (await currentQuarter()) });
      return { body: tableCsv(tables[table as keyof typeof tables](result)), fileName: `experience-${table}-${result.period}.csv` };
    },
  });
}
