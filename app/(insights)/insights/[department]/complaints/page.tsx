import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { listComplaints } from "@/lib/complaints/list-complaints";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { formatWhen } from "@/lib/time/format-time";
import { Card, PageHeader } from "../../../../_components/ui";
import { stateLabel } from "./state-label";

export const metadata = { title: "Complaints to follow up" };

export default async function ComplaintsPage({ params }: { params: Promise<{ department: string }> }) {
  const actor = await requireActor();
  const { department: key } = await params;
  const department = await db().department.findUnique({ where: { key }, select: { id: true, key: true, name: true } });
  if (!department) notFound();
  const complaints = await listComplaints({ actor, departmentId: department.id }).catch((e) => {
    if (e instanceof AppError) notFound();
    throw e;
  });
  return (
    <>
      <PageHeader
        title={`${department.name}: complaints to follow up`}
        subtitle="Complaints whose author asked to be contacted. Without that consent a complaint only counts in the published figures and nobody sees who made it. Target: contact within 1 business day."
      />
      <Card>
        {complaints.length === 0 ? (
          <p className="text-sm text-slate-600">No complaint asks for a follow-up.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase text-slate-500">
                <tr><th className="py-2 pr-3">Request</th><th className="py-2 pr-3">From</th><th className="py-2 pr-3">Complaint</th><th className="py-2 pr-3">Contact by</th><th className="py-2 pr-3">State</th><th className="py-2">Assignee</th></tr>
              </thead>
              <tbody>
                {complaints.map((c) => (
                  <tr key={c.id} className="border-t border-slate-100 align-top">
                    <td className="py-2 pr-3"><Link className="font-semibold text-brand-700 underline" href={`/insights/${department.key}/complaints/${c.id}`}>{c.request?.reference ?? "request"}</Link></td>
                    <td className="py-2 pr-3">{c.complainant}</td>
                    <td className="max-w-md py-2 pr-3">{c.summary || <span className="text-slate-500">(no comment)</span>}</td>
                    <td className="whitespace-nowrap py-2 pr-3">{formatWhen(c.dueAt, actor.timeZone)}</td>
                    <td className="py-2 pr-3">{stateLabel[c.state]}</td>
                    <td className="py-2">{c.assignee ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
