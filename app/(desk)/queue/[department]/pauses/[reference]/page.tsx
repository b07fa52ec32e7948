import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { pauseLog } from "@/lib/reports/pause-log";
import { FLAG_WINDOW_MINUTES } from "@/lib/reports/pause-rule";
import { statusLabel, type Status } from "@/lib/validation/requests";
import { formatWhen } from "@/lib/time/format-time";
import { Card, PageHeader } from "../../../../../_components/ui";

export async function generateMetadata({ params }: { params: Promise<{ reference: string }> }) {
  return { title: `Pauses of ${(await params).reference.toUpperCase()}` };
}

const label = (status: string | null) => (status === null ? "—" : (statusLabel[status as Status] ?? status));

function duration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

export default async function PauseLogPage({ params }: { params: Promise<{ department: string; reference: string }> }) {
  const actor = await requireActor();
  const { department, reference } = await params;
  const log = await pauseLog({ actor, reference }).catch((e) => {
    if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    throw e;
  });
  // One address per request: the one under its own department's queue.
  if (log.request.department.key !== department.toUpperCase()) notFound();

  return (
    <>
      <PageHeader
        title={`Pauses of ${log.request.reference}`}
        subtitle={
          <>
            <Link className="text-brand-700 hover:underline" href={`/requests/${log.request.reference}`}>{log.request.title}</Link>
            {" · "}clocks pause in: {log.pauseStatuses.map((s) => label(s)).join(", ")}
          </>
        }
      />
      <p className="mb-3 text-sm text-slate-600">
        Flagged: the request went back to waiting within {FLAG_WINDOW_MINUTES} minutes after the requester&apos;s public reply.
        Lengths are wall-clock time, not business time. {log.flagged} of {log.pauses.length} flagged.
      </p>
      <Card className="overflow-x-auto p-0">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Pauses and resumes of {log.request.reference}</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2">Paused</th>
              <th scope="col" className="px-4 py-2">By</th>
              <th scope="col" className="px-4 py-2">Status</th>
              <th scope="col" className="px-4 py-2">Resumed</th>
              <th scope="col" className="px-4 py-2">By</th>
              <th scope="col" className="px-4 py-2 text-right">Length</th>
              <th scope="col" className="px-4 py-2">Flag</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {log.pauses.map((p) => (
              <tr key={p.eventId} className={p.flag ? "bg-amber-50" : undefined}>
                <td className="px-4 py-2 text-xs whitespace-nowrap">{formatWhen(p.pausedAt, actor.timeZone)}</td>
                <td className="px-4 py-2">{p.pausedBy?.name ?? "Automatic"}</td>
                <td className="px-4 py-2">{label(p.fromStatus)} → {label(p.status)}</td>
                <td className="px-4 py-2 text-xs whitespace-nowrap">{p.resumedAt ? formatWhen(p.resumedAt, actor.timeZone) : "Still waiting"}</td>
                <td className="px-4 py-2">{p.resumedAt ? `${p.resumedBy?.name ?? "Automatic"} (to ${label(p.resumedTo)})` : "—"}</td>
                <td className="px-4 py-2 text-right tabular-nums">{duration(p.minutes)}</td>
                <td className="px-4 py-2">
                  {p.flag ? (
                    <span className="font-medium text-amber-900">{p.flag.minutesBefore} min after the requester replied ({formatWhen(p.flag.repliedAt, actor.timeZone)})</span>
                  ) : (
                    <span className="text-slate-500">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {log.pauses.length === 0 ? <p className="p-6 text-sm text-slate-600">This request was never paused.</p> : null}
      </Card>
      <p className="mt-6 text-sm">
        <Link className="text-brand-700 hover:underline" href={`/queue/${log.request.department.key}`}>Back to the {log.request.department.name} queue</Link>
      </p>
    </>
  );
}
