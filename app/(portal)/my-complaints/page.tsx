import Link from "@/app/_components/link";
import { requireActor } from "@/lib/auth/session";
import { myComplaints } from "@/lib/complaints/my-complaints";
import { outcomeLabel, type ComplaintOutcome } from "@/lib/validation/complaints";
import { formatWhen } from "@/lib/time/format-time";
import { Card, PageHeader } from "../../_components/ui";
import { FeelHeardForm } from "./feel-heard-form";

export const metadata = { title: "My complaints" };

export default async function MyComplaintsPage() {
  const actor = await requireActor();
  const complaints = await myComplaints({ actor });
  return (
    <>
      <PageHeader title="My complaints" subtitle="Complaints you asked to be contacted about, and what was done." />
      {complaints.length === 0 ? (
        <Card><p className="text-sm text-slate-600">You have not asked for a follow-up of a complaint.</p></Card>
      ) : (
        <div className="space-y-4">
          {complaints.map((c) => (
            <Card key={c.id} data-testid="my-complaint">
              <h2 className="font-semibold">
                <Link className="text-brand-700 underline" href={`/requests/${c.reference}`}>{c.reference}</Link> {c.title}
              </h2>
              <p className="mt-1 text-sm text-slate-600">To {c.departmentName}, {formatWhen(c.createdAt, actor.timeZone)}: {c.summary || "(no comment)"}</p>
              {c.closedAt && c.outcome ? (
                <div className="mt-3 rounded-md bg-slate-50 p-3 text-sm">
                  <p className="font-semibold">{outcomeLabel[c.outcome as ComplaintOutcome]}</p>
                  <p className="whitespace-pre-wrap">{c.outcomeMessage}</p>
                  {c.feelsHeard === null ? <FeelHeardForm complaintId={c.id} /> : <p className="mt-2 text-slate-600">You said you {c.feelsHeard ? "feel" : "do not feel"} heard.</p>}
                </div>
              ) : (
                <p className="mt-3 text-sm">{c.contactedAt ? "Being followed up: you were contacted." : "Waiting to be contacted."}</p>
              )}
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
