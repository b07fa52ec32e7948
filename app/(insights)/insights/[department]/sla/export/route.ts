import { currentActor } from "@/lib/auth/session";
import { csvExport } from "@/lib/csv/csv-export";
import { complianceCsv } from "@/lib/reports/compliance-csv";
import { localDayOf, reportFormFromSearch } from "@/lib/reports/period";
import { slaCompliance } from "@/lib/reports/sla-compliance";

export const dynamic = "force-dynamic";

/** The compliance report of the page as CSV; the same query string, the same use case. */
export async function GET(request: Request, { params }: { params: Promise<{ department: string }> }) {
  const { department } = await params;
  const search = Object.fromEntries(new URL(request.url).searchParams);
  return csvExport({
    actor: await currentActor(),
    signIn: "Sign in to download reports.",
    failure: "SLA export failed",
    run: async (actor) => {
      const form = reportFormFromSearch(search);
      const report = await slaCompliance({ actor, departmentKey: department, ...form.input, groupBy: form.groupBy });
      // The department's dates, as the report counts them; the end is exclusive, so the last day is the one before it.
      const day = (d: Date) => localDayOf(d, report.department.timeZone).toISOString().slice(0, 10);
      return { body: complianceCsv(report), fileName: `sla-${report.department.key}-${day(report.period.from)}-${day(new Date(report.period.to.getTime() - 1))}-${report.groupBy}.csv` };
    },
  });
}
