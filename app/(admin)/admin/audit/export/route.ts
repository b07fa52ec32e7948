import { can } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { csvDocument, line } from "@/lib/csv/csv";
import { csvExport } from "@/lib/csv/csv-export";
import { forbidden } from "@/lib/errors";
import { auditExportLimit, exportAuditLog } from "@/lib/org/audit-log";
import { formatTime } from "@/lib/time/format-time";

export const dynamic = "force-dynamic";

/** The audit log as CSV with the page's filters (`?person=&action=&department=&from=&to=`), newest first. */
export async function GET(request: Request) {
  const search = new URL(request.url).searchParams;
  const filters = Object.fromEntries(["person", "action", "department", "from", "to"].map((k) => [k, search.get(k) ?? undefined]));
  return csvExport({
    actor: await currentActor(),
    signIn: "Sign in to download the audit log.",
    failure: "Audit export failed",
    run: async (actor) => {
      // Like the page: for anyone but an administrator there is nothing here.
      if (!can(actor, "audit.view")) throw forbidden("Only administrators can read the audit log.");
      const { lines, more } = await exportAuditLog({ actor, filters, timeZone: actor.timeZone });
      const rows = [
        line(["When (ISO, UTC)", `When (${actor.timeZone})`, "Who", "What happened", "Action", "Subject"]),
        ...lines.map((l) => line([l.at.toISOString(), formatTime(l.at, { timeZone: actor.timeZone }), l.actor?.name ?? "System", l.sentence, l.action, l.subject])),
        ...(more ? [line([`Only the newest ${auditExportLimit} entries; narrow the filters for older ones.`])] : []),
      ];
      return { body: csvDocument(rows), fileName: "audit-log.csv" };
    },
  });
}
