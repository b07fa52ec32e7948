import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getComplaint } from "@/lib/complaints/get-complaint";
import { AppError } from "@/lib/errors";
import { timeLostLabel } from "@/lib/experience/time-lost";
import { outcomeLabel, type ComplaintOutcome } from "@/lib/validation/complaints";
import { formatWhen } from "@/lib/time/format-time";
import { Card, PageHeader } from "../../../../../_components/ui";
import { AssignForm, CloseForm, NoteForm } from "../complaint-forms";
import { stateLabel } from "../state-label";

export const metadata = { title: "Complaint" };

export default async function ComplaintPage({ params }: { params: Promise<{ department: string; id: string }> }) {
  const actor = await requireActor();
  const { department: key, id } = await params;
  const complaint = await getComplaint({ actor, complaintId: id }).catch((e) => {
    if (e instanceof AppError) notFound();
    throw e;
  });
  const base = { complaintId: complaint.id, department: key, version: complaint.version };
  return (
    <>
      <PageHeader
        title={`Complaint about ${complaint.reference}`}
        subtitle={<Link className="text-brand-700 underline" href={`/insights/${key}/complaints`}>All complaints of {complaint.departmentName}</Link>}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card data-testid="complaint">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="font-semibold">From</dt><dd>{complaint.complainant.name} ({complaint.complainant.email})</dd>
            <dt className="font-semibold">Request</dt><dd><Link className="text-brand-700 underline" href={`/requests/${complaint.reference}`}>{complaint.reference}</Link>: {complaint.requestTitle}</dd>
            <dt className="font-semibold">Made</dt><dd>{formatWhen(complaint.createdAt, actor.timeZone)} ({complaint.source === "rating" ? `rated ${complaint.rating?.score ?? "?"} of 5` : "“this is not OK” on the open request"})</dd>
            <dt className="font-semibold">Said</dt><dd className="whitespace-pre-wrap">{complaint.summary || "(no comment)"}</dd>
            {complaint.rating?.reasons.length ? <><dt className="font-semibold">What fell short</dt><dd>{complaint.rating.reasons.join(", ").replaceAll("_", " ")}</dd></> : null}
            {complaint.rating?.timeLost ? <><dt className="font-semibold">Time lost</dt><dd>{timeLostLabel(complaint.rating.timeLost)}</dd></> : null}
            <dt className="font-semibold">Contact by</dt><dd>{formatWhen(complaint.dueAt, actor.timeZone)}</dd>
            <dt className="font-semibold">State</dt><dd data-testid="complaint-state">{stateLabel[complaint.state]}{complaint.contactedAt ? `, contacted ${formatWhen(complaint.contactedAt, actor.timeZone)}` : ""}</dd>
            {complaint.outcome ? <><dt className="font-semibold">Outcome</dt><dd>{outcomeLabel[complaint.outcome as ComplaintOutcome]}: {complaint.outcomeMessage}</dd></> : null}
            {complaint.closedAt ? <><dt className="font-semibold">Feels heard</dt><dd>{complaint.feelsHeard === null ? "Not answered yet" : complaint.feelsHeard ? "Yes" : "No"}</dd></> : null}
          </dl>
        </Card>
        {complaint.closedAt ? null : (
          <Card className="space-y-6">
            <AssignForm {...base} candidates={complaint.candidates} assigneeId={complaint.assigneeId} />
            <NoteForm {...base} />
            <CloseForm {...base} />
          </Card>
        )}
      </div>
      <Card className="mt-6">
        <h2 className="mb-2 font-semibold">Notes</h2>
        {complaint.notes.length === 0 ? <p className="text-sm text-slate-600">None yet.</p> : (
          <ul className="space-y-3 text-sm">
            {complaint.notes.map((n) => (
              <li key={n.id}><span className="font-semibold">{n.author}</span>, {formatWhen(n.createdAt, actor.timeZone)}<p className="whitespace-pre-wrap">{n.body}</p></li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
