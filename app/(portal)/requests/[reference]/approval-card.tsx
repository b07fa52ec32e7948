import type { ApprovalStepView } from "@/lib/approvals/read-approvals";
import { formatTime } from "@/lib/time/format-time";
import { Card } from "../../../_components/ui";
import { DecisionForm } from "../../approvals/approval-forms";

const stepState: Record<ApprovalStepView["state"], string> = { WAITING: "Not started", PENDING: "Waiting for a decision", APPROVED: "Approved", REJECTED: "Rejected" };
const ruleText = (s: ApprovalStepView) => (s.required <= 1 ? "any one approves" : s.required === s.approvers.length ? "all approve" : `${s.required} of ${s.approvers.length} approve`);

/** The request's approval steps (its public side), and the decision form for an approver of the pending step. */
export function ApprovalCard({ steps, canApprove, actorId, timeZone }: { steps: ApprovalStepView[]; canApprove: boolean; actorId: string; timeZone: string }) {
  if (!steps.length) return null;
  const when = (at: Date) => formatTime(at, { timeZone });
  const mine = canApprove ? steps.find((s) => s.state === "PENDING" && s.approvers.some((a) => a.personId === actorId && !a.decision)) : undefined;
  return (
    <Card aria-labelledby="approval-heading" data-testid="approvals">
      <h2 id="approval-heading" className="mb-3 text-lg font-semibold">Approval</h2>
      <ol className="space-y-3 text-sm">
        {steps.map((s, i) => (
          <li key={s.id}>
            <p className="font-medium">
              {i + 1}. {s.name}: {stepState[s.state]}
              {s.state === "PENDING" ? <span className="font-normal text-slate-600"> ({ruleText(s)}{s.dueAt ? `, due ${when(s.dueAt)}` : ""})</span> : null}
            </p>
            {s.approvers.length ? (
              <ul className="ml-4 list-disc text-slate-700">
                {s.approvers.map((a) => (
                  <li key={a.personId}>
                    {a.name}
                    {a.onBehalfOf ? ` for ${a.onBehalfOf}` : ""}
                    {a.decision === "APPROVED" ? ` approved${a.decidedAt ? ` ${when(a.decidedAt)}` : ""}` : a.decision === "REJECTED" ? ` rejected: ${a.reason ?? ""}` : ""}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      {mine ? (
        <div className="mt-4 border-t border-slate-100 pt-4">
          <DecisionForm stepId={mine.id} idPrefix="request-approval" />
        </div>
      ) : null}
    </Card>
  );
}
