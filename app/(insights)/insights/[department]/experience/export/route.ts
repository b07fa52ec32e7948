import { currentActor } from "@/lib/auth/session";
import { csvExport } from "@/lib/csv/csv-export";
import { db } from "@/lib/db/client";
import { departmentExperience } from "@/lib/experience/department-experience";
import { experienceTable } from "@/lib/experience/experience-table";
import { reasonsOf } from "@/lib/experience/reasons";
import { tableCsv } from "@/lib/reports/dashboard-tables";

export const dynamic = "force-dynamic";

/** The experience table as CSV (`?period=…`): the same use case and cells as the page. */
export async function GET(request: Request, { params }: { params: Promise<{ department: string }> }) {
  const { department } = await params;
  return csvExport({
    actor: await currentActor(),
    signIn: "Sign in to download reports.",
    failure: "Experience export failed",
    run: async (actor) => {
      const result = await departmentExperience({ actor, departmentKey: department, period: new URL(request.url).searchParams.get("period") || undefined });
      const reasons = reasonsOf((await db().department.findUnique({ where: { id: result.department.id }, select: { ratingReasons: true } }))?.ratingReasons);
      return { body: tableCsv(experienceTable(result.rows, reasons)), fileName: `${result.department.key.toLowerCase()}-experience-${result.period.key}.csv` };
    },
  });
}
