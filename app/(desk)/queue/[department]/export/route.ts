import { currentActor } from "@/lib/auth/session";
import { csvDownload } from "@/lib/csv/csv";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { exportQueueCsv } from "@/lib/requests/export-queue-csv";

export const dynamic = "force-dynamic";

const text = (body: string, status: number) => new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The queue as filtered (the same address parameters as the page) as CSV, through the queue's own query. */
export async function GET(request: Request, { params }: { params: Promise<{ department: string }> }) {
  const actor = await currentActor();
  if (!actor) return text("Sign in to export the queue.", 401);
  const { department } = await params;
  // A repeated parameter counts once, the first, as on the page.
  const filter: Record<string, string> = {};
  for (const [key, value] of new URL(request.url).searchParams) if (!(key in filter) && key !== "cursor") filter[key] = value;
  try {
    const result = await exportQueueCsv({ actor, timeZone: actor.timeZone, departmentKey: department, filter });
    return csvDownload(result.body, `${result.department.key.toLowerCase()}-queue-${new Date().toISOString().slice(0, 10)}.csv`);
  } catch (error) {
    if (error instanceof AppError) {
      // A queue the actor does not work cannot be told from one that does not exist.
      if (error.code === "FORBIDDEN" || error.code === "NOT_FOUND") return text("Not found.", 404);
      if (error.code === "INVALID_INPUT") return text(error.userMessage, 422);
    }
    logger.error({ err: error }, "Queue export failed");
    return text("Something went wrong on our side. Try again in a moment.", 500);
  }
}
