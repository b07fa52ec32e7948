import { can } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { csvExport } from "@/lib/csv/csv-export";
import { AppError, forbidden } from "@/lib/errors";
import { hoursLostTable, organisationPairTable, organisationProviderTable, organisationTypeTable } from "@/lib/experience/experience-table";
import { organisationExperience } from "@/lib/experience/organisation-experience";
import { timeLostByType } from "@/lib/experience/time-lost-by-type";
import { tableCsv } from "@/lib/reports/dashboard-tables";
import { currentQuarter } from "@/lib/reports/organisation-access";

export const dynamic = "force-dynamic";

const tables = { departments: organisationProviderTable, pairs: organisationPairTable, hours: hoursLostTable } as const;

/** HR's experience tables as CSV: ?table=departments|pairs|hours|types and the page's period; the same use cases and cells as the page. */
export async function GET(request: Request) {
  const search = new URL(request.url).searchParams;
  return csvExport({
    actor: await currentActor(),
    signIn: "Sign in to download reports.",
    failure: "organisation experience export failed",
    run: async (actor) => {
      if (!can(actor, "insights.organisation")) throw forbidden("Only HR and admins can see the organisation's indicators.");
      const table = search.get("table") ?? "departments";
      if (!Object.hasOwn(tables, table) && table !== "types") throw new AppError("INVALID_INPUT", "Choose table=departments, pairs, hours or types.");
      const period = search.get("period") || (await currentQuarter());
      if (table === "types") {
        const types = await timeLostByType({ actor, period });
        return { body: tableCsv(organisationTypeTable(types)), fileName: `experience-types-${period}.csv` };
      }
      const result = await organisationExperience({ actor, period });
      return { body: tableCsv(tables[table as keyof typeof tables](result)), fileName: `experience-${table}-${result.period}.csv` };
    },
  });
}
