"use client";
import { Banner, Field, useActionForm } from "../../_components/action-form";
import { PersonPicker } from "../../_components/person-picker";
import { Button, FieldError, inputClass } from "../../_components/ui";
import { clearDelegationAction, decideApprovalAction, decideByLinkAction, setDelegationAction } from "./actions";

/**
 * Approve, or reject with a reason the requester reads. In the app it names the step; from the
 * emailed link it carries the signed token instead (the server takes the step from the token).
 */
export function DecisionForm({ stepId, token, idPrefix }: { stepId?: string; token?: string; idPrefix: string }) {
  const { state, pending, errors, banner, formProps } = useActionForm(token ? decideByLinkAction : decideApprovalAction);
  if (state?.ok) return <Banner state={state} />;
  const reasonId = `${idPrefix}-reason`;
  return (
    <form {...formProps} className="space-y-3" aria-label="Decide this approval">
      {stepId ? <input type="hidden" name="stepId" value={stepId} /> : null}
      {token ? <input type="hidden" name="token" value={token} /> : null}
      <div>
        <label htmlFor={reasonId} className="block text-xs font-medium text-slate-600">Reason (required to reject; the requester reads it)</label>
        <textarea id={reasonId} name="reason" rows={2} maxLength={2000} className={inputClass} aria-invalid={Boolean(errors?.reason?.length)} aria-describedby={errors?.reason?.length ? `${reasonId}-error` : undefined} />
        <FieldError id={`${reasonId}-error`} messages={errors?.reason} />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="decision" value="APPROVED" disabled={pending}>Approve</Button>
        <Button type="submit" name="decision" value="REJECTED" variant="danger" disabled={pending}>Reject</Button>
      </div>
      <Banner state={banner} />
    </form>
  );
}

export function DelegationForm({ today }: { today: string }) {
  const { state, pending, errors, banner, formProps } = useActionForm(setDelegationAction);
  return (
    <form {...formProps} className="space-y-3" aria-label="Set a delegate">
      <PersonPicker id="delegate" name="delegateId" label="Delegate" error={errors?.delegateId} resetKey={state?.ok ? state : undefined} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="delegation-from" name="from" type="date" label="First day away" defaultValue={today} required error={errors?.from} />
        <Field id="delegation-until" name="until" type="date" label="Last day away" required error={errors?.until} />
      </div>
      <Button type="submit" disabled={pending}>Save delegate</Button>
      <Banner state={banner} />
    </form>
  );
}

export function ClearDelegationForm() {
  const { pending, banner, formProps } = useActionForm(clearDelegationAction);
  return (
    <form {...formProps}>
      <Button type="submit" variant="secondary" disabled={pending}>End delegation</Button>
      <Banner state={banner} />
    </form>
  );
}
