"use client";
import { useActionForm } from "../../../_components/action-form";
import { Button, FieldError, FormMessage, inputClass } from "../../../_components/ui";
import { raiseComplaintAction } from "./complaint-actions";

/** "This is not OK": a complaint on an open request, sent to the department's head with the requester's name. */
export function ComplaintForm({ requestId }: { requestId: string }) {
  const { state, pending, errors, banner, formProps } = useActionForm(raiseComplaintAction);
  if (state?.ok) return <FormMessage state={state} />;
  return (
    <details className="group" open={Boolean(errors)}>
      <summary className="cursor-pointer text-sm font-semibold text-slate-800">This is not OK</summary>
      <form {...formProps} className="mt-3 space-y-3">
        <input type="hidden" name="requestId" value={requestId} />
        <p id="complaint-hint" className="text-xs text-slate-600">
          The department&apos;s head (or the person they delegate to) will see your name and this text and contact you, within 1 business day.
        </p>
        <label htmlFor="complaint-summary" className="block text-xs font-medium text-slate-600">What is not OK?</label>
        <textarea id="complaint-summary" name="summary" rows={3} className={inputClass} aria-invalid={Boolean(errors?.summary)} aria-describedby={errors?.summary ? "complaint-hint complaint-summary-error" : "complaint-hint"} />
        <FieldError id="complaint-summary-error" messages={errors?.summary} />
        <FormMessage state={banner} />
        <Button type="submit" variant="secondary" className="w-full" disabled={pending}>Ask to be contacted</Button>
      </form>
    </details>
  );
}
