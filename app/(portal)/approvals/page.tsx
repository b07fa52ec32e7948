import Link from "@/app/_components/link";
import { myApprovals } from "@/lib/approvals/read-approvals";
import { requireActor } from "@/lib/auth/session";
import { formatTime } from "@/lib/time/format-time";
import { Card, PageHeader } from "../../_components/ui";
import { ClearDelegationForm, DecisionForm, DelegationForm } from "./approval-forms";

export const metadata = { title: "Approvals" };

/** What waits on me, what I decided lately, and who decides while I am away. */
export default async function ApprovalsPage() {
  const actor = await requireActor();
  const now = new Date();
  const { waiting, decided, delegation } = await myApprovals({ actor, now });
  const when = (at: Date) => formatTime(at, { timeZone: actor.timeZone, style: "datetime" });
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: actor.timeZone }).format(now);
  return (
    <div className="space-y-6">
      <PageHeader title="Approvals" subtitle="Requests that wait for your decision before their department starts on them." />
      <section aria-labelledby="waiting-heading" className="space-y-3">
        <h2 id="waiting-heading" className="text-lg font-semibold">Waiting on you ({waiting.length})</h2>
        {waiting.length === 0 ? <p className="text-sm text-slate-600">Nothing waits on you.</p> : null}
        <ul className="space-y-3" data-testid="approvals-waiting">
          {waiting.map((w) => (
            <li key={w.stepId}>
              <Card>
                <p className="text-sm">
                  <Link className="font-mono text-brand-700 underline" href={`/requests/${w.request.reference}`}>{w.request.reference}</Link>{" "}
                  <span className="font-medium">{w.request.title}</span>
                </p>
                <p className="mt-1 text-sm text-slate-600">
                  {w.request.requesterName} asks {w.request.departmentName}. Step: {w.stepName}
                  {w.onBehalfOf ? ` (for ${w.onBehalfOf}, who is away)` : ""}.
                  {w.dueAt ? <> {w.overdue ? <strong className="text-red-700">Overdue since {when(w.dueAt)}.</strong> : <>Decide by {when(w.dueAt)}.</>}</> : null}
                </p>
                <div className="mt-3">
                  <DecisionForm stepId={w.stepId} idPrefix={`step-${w.stepId}`} />
                </div>
              </Card>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="decided-heading">
        <h2 id="decided-heading" className="mb-3 text-lg font-semibold">Decided in the last 30 days</h2>
        {decided.length === 0 ? (
          <p className="text-sm text-slate-600">You have decided nothing lately.</p>
        ) : (
          <Card className="overflow-x-auto p-0">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-xs text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-2">Request</th>
                  <th scope="col" className="px-4 py-2">Step</th>
                  <th scope="col" className="px-4 py-2">Decision</th>
                  <th scope="col" className="px-4 py-2">When</th>
                </tr>
              </thead>
              <tbody>
                {decided.map((d) => (
                  <tr key={`${d.request.id}-${d.stepName}-${d.decidedAt.getTime()}`} className="border-t border-slate-100">
                    <td className="px-4 py-2"><span className="font-mono">{d.request.reference}</span> {d.request.title}</td>
                    <td className="px-4 py-2">{d.stepName}</td>
                    <td className="px-4 py-2">{d.decision === "APPROVED" ? "Approved" : `Rejected: ${d.reason ?? ""}`}{d.via === "email" ? " (from the email)" : ""}</td>
                    <td className="px-4 py-2">{when(d.decidedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        )}
      </section>

      <section aria-labelledby="delegate-heading">
        <h2 id="delegate-heading" className="mb-3 text-lg font-semibold">My delegate</h2>
        <Card className="space-y-4">
          {delegation ? (
            <div className="space-y-2 text-sm" data-testid="my-delegation">
              <p>
                {delegation.delegate.name} decides your approvals from {when(delegation.startsAt)} until {when(delegation.endsAt)}
                {delegation.active ? " (now)" : ""}.
              </p>
              <ClearDelegationForm />
            </div>
          ) : (
            <p className="text-sm text-slate-600">While you are away, a delegate decides the approvals that would wait on you, and those already waiting move to them.</p>
          )}
          <DelegationForm today={today} />
        </Card>
      </section>
    </div>
  );
}
