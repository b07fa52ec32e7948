import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { cannedResponseSettings } from "@/lib/canned-responses/canned-response-settings";
import { AppError } from "@/lib/errors";
import { formatWhen } from "@/lib/time/format-time";
import { Card, PageHeader } from "../../../../_components/ui";
import { CannedResponseForm, DeleteCannedResponse } from "./canned-forms";

export const metadata = { title: "Canned responses" };

export default async function CannedResponsesPage({ params }: { params: Promise<{ department: string }> }) {
  const actor = await requireActor();
  const { department: key } = await params;
  const { department, responses, teams, agents } = await cannedResponseSettings({ actor, departmentKey: key }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });

  return (
    <>
      <PageHeader
        title={`${department.name} canned responses`}
        subtitle="Ready-made text your agents insert into a reply or note on a request, then edit before sending; a response can also set status, priority, assignee or team in the same step. Only agents of your department see them."
      />
      <div className="space-y-6">
        <Card aria-labelledby="responses-heading">
          <h2 id="responses-heading" className="mb-3 text-lg font-semibold">Responses</h2>
          {responses.length === 0 ? <p className="text-sm text-slate-600">None yet.</p> : null}
          <ul className="divide-y divide-slate-100" data-testid="canned-responses">
            {responses.map((r) => (
              <li key={r.id} className="py-3">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <h3 className="font-medium">{r.title}</h3>
                    <p className="text-xs text-slate-500">
                      by {r.createdBy.name}, changed {formatWhen(r.updatedAt, actor.timeZone)}
                    </p>
                    <p className="mt-1 line-clamp-2 text-sm whitespace-pre-wrap text-slate-700">{r.body}</p>
                  </div>
                  <DeleteCannedResponse department={department.key} id={r.id} title={r.title} />
                </div>
                <details className="mt-2 rounded-md bg-slate-50 p-3">
                  <summary className="cursor-pointer text-sm font-semibold text-slate-800">Edit {r.title}</summary>
                  <div className="mt-3">
                    <CannedResponseForm department={department.key} departmentId={department.id} id={r.id} values={r} teams={teams} agents={agents} />
                  </div>
                </details>
              </li>
            ))}
          </ul>
        </Card>
        <Card aria-labelledby="new-response-heading">
          <h2 id="new-response-heading" className="mb-3 text-lg font-semibold">New canned response</h2>
          <CannedResponseForm department={department.key} departmentId={department.id} values={{ title: "", body: "" }} teams={teams} agents={agents} />
        </Card>
      </div>
    </>
  );
}
