"use client";
import { useActionForm } from "../../_components/action-form";
import { Button, FieldError, FormMessage } from "../../_components/ui";
import { feelHeardAction } from "./actions";

export function FeelHeardForm({ complaintId }: { complaintId: string }) {
  const { pending, errors, banner, formProps } = useActionForm(feelHeardAction);
  return (
    <form {...formProps} className="mt-3 space-y-2">
      <input type="hidden" name="complaintId" value={complaintId} />
      <fieldset aria-describedby={errors?.feelsHeard ? `heard-${complaintId}-error` : undefined}>
        <legend className="text-sm font-semibold">Do you now feel heard?</legend>
        <div className="mt-1 flex gap-4 text-sm">
          <label className="flex items-center gap-2"><input type="radio" name="feelsHeard" value="yes" /> Yes</label>
          <label className="flex items-center gap-2"><input type="radio" name="feelsHeard" value="no" /> No</label>
        </div>
        <FieldError id={`heard-${complaintId}-error`} messages={errors?.feelsHeard} />
      </fieldset>
      <Button type="submit" variant="secondary" disabled={pending}>Send</Button>
      <FormMessage state={banner} />
    </form>
  );
}
