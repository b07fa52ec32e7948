import { currentActor } from "@/lib/auth/session";
import { csvExport } from "@/lib/csv/csv-export";
import { dashboardTable } from "@/lib/reports/dashboard-table";
import { tableCsv } from "@/lib/reports/dashboard-tables";

export const dynamic = "force-dynamic";

/** One table of the head dashboard as CSV: `?table=…&period=…`, the same use case as the page. */
export async function GET(request: Request, { params }: { params: Promise<{ department: string }> }) {
  const { department } = await params;
  const search = new URL(request.url).searchParams;
  return csvExport({
    actor: await currentActor(),
    signIn: "Sign in to download reports.",
    failure: "Dashboard export failed",
    run: async (actor) => {
      const result = await dashboardTable({ actor, departmentKey: department, table: search.get("table") ?? "", period: search.get("period") || undefined });
      return { body: tableCsv(result.data), fileName: `${result.departmentKey.toLowerCase()}-${search.get("table")}-${result.period}.csv` };
    },
  });
}
