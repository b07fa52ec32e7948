import { currentActor } from "@/lib/auth/session";
import { csvExport } from "@/lib/csv/csv-export";
import { exportQueueCsv } from "@/lib/requests/export-queue-csv";

export const dynamic = "force-dynamic";

/** The queue as filtered (the same address parameters as the page) as CSV, through the queue's own query. */
export async function GET(request: Request, { params }: { params: Promise<{ department: string }> }) {
  const { department } = await params;
  // A repeated parameter counts once, the first, as on the page.
  const filter: Record<string, string> = {};
  for (const [key, value] of new URL(request.url).searchParams) if (!(key in filter) && key !== "cursor") filter[key] = value;
  return csvExport({
    actor: await currentActor(),
    signIn: "Sign in to export the queue.",
    failure: "Queue export failed",
    run: async (actor) => {
      const result = await exportQueueCsv({ actor, timeZone: actor.timeZone, departmentKey: department, filter });
      return { body: result.body, fileName: `${result.department.key.toLowerCase()}-queue-${new Date().toISOString().slice(0, 10)}.csv` };
    },
  });
}
