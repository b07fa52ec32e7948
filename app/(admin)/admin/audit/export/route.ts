import { can } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { auditExportLimit, exportAuditLog } from "@/lib/org/audit-log";
import { csvDocument, csvDownload, line } from "@/lib/csv/csv";
import { formatTime } from "@/lib/time/format-time";

export const dynamic = "force-dynamic";

const text = (body: string, status: number) => new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The audit log as CSV with the page's filters (`?person=&action=&department=&from=&to=`), newest first. */
export async function GET(request: Request) {
  const actor = await currentActor();
  if (!actor) return text("Sign in to download the audit log.", 401);
  // Like the page: for anyone but an administrator there is nothing here.
  if (!can(actor, "audit.view")) return text("Not found.", 404);
  const search = new URL(request.url).searchParams;
  const filters = Object.fromEntries(["person", "action", "department", "from", "to"].map((k) => [k, search.get(k) ?? undefined]));
  try {
    const { lines, more } = await exportAuditLog({ actor, filters, timeZone: actor.timeZone });
    const rows = [
      line(["When (ISO, UTC)", `When (${actor.timeZone})`, "Who", "What happened", "Action", "Subject"]),
      ...lines.map((l) => line([l.at.toISOString(), formatTime(l.at, { timeZone: actor.timeZone }), l.actor?.name ?? "System", l.sentence, l.action, l.subject])),
      ...(more ? [line([`Only the newest ${auditExportLimit} entries; narrow the filters for older ones.`])] : []),
    ];
    return csvDownload(csvDocument(rows), "audit-log.csv");
  } catch (error) {
    if (error instanceof AppError && error.code === "INVALID_INPUT") return text(error.userMessage, 422);
    logger.error({ err: error }, "Audit export failed");
    return text("Something went wrong on our side. Try again in a moment.", 500);
  }
}
