"use client";
import { SelectField, useActionForm } from "../../../../_components/action-form";
import { Button, FieldError, FormMessage, inputClass } from "../../../../_components/ui";
import { complaintOutcomes, outcomeLabel } from "@/lib/validation/complaint-values";
import { addComplaintNoteAction, assignComplaintAction, closeComplaintAction } from "./actions";

type Base = { complaintId: string; department: string; version: number };

function Hidden({ complaintId, department, version }: Base) {
  return (
    <>
      <input type="hidden" name="complaintId" value={complaintId} />
      <input type="hidden" name="department" value={department} />
      <input type="hidden" name="version" value={version} />
    </>
  );
}

export function AssignForm({ candidates, assigneeId, ...base }: Base & { candidates: { id: string; name: string }[]; assigneeId: string | null }) {
  const { pending, errors, banner, formProps } = useActionForm(assignComplaintAction);
  return (
    <form {...formProps} className="flex flex-wrap items-end gap-2">
      <Hidden {...base} />
      <SelectField id="c-assignee" name="assigneeId" label="Assignee" defaultValue={assigneeId ?? ""} error={errors?.assigneeId}>
        <option value="">Nobody</option>
        {candidates.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
      </SelectField>
      <Button type="submit" variant="secondary" disabled={pending}>Assign</Button>
      <FormMessage state={banner} />
    </form>
  );
}

export function NoteForm(base: Base) {
  const { pending, errors, banner, formProps } = useActionForm(addComplaintNoteAction, { resetOnSuccess: true });
  return (
    <form {...formProps} className="space-y-2">
      <Hidden {...base} />
      <label htmlFor="c-note" className="block text-sm font-semibold">Note</label>
      <textarea id="c-note" name="body" rows={3} className={inputClass} aria-invalid={Boolean(errors?.body)} aria-describedby={errors?.body ? "c-note-error" : undefined} />
      <FieldError id="c-note-error" messages={errors?.body} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="contacted" /> I contacted the person
      </label>
      <Button type="submit" variant="secondary" disabled={pending}>Add note</Button>
      <FormMessage state={banner} />
    </form>
  );
}

export function CloseForm(base: Base) {
  const { pending, errors, banner, formProps } = useActionForm(closeComplaintAction);
  return (
    <form {...formProps} className="space-y-2">
      <Hidden {...base} />
      <fieldset aria-describedby={errors?.outcome ? "c-outcome-error" : undefined}>
        <legend className="text-sm font-semibold">Outcome</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {complaintOutcomes.map((o) => (
            <label key={o} className="flex items-center gap-2 text-sm">
              <input type="radio" name="outcome" value={o} /> {outcomeLabel[o]}
            </label>
          ))}
        </div>
        <FieldError id="c-outcome-error" messages={errors?.outcome} />
      </fieldset>
      <label htmlFor="c-message" className="block text-sm font-semibold">What the person is told</label>
      <textarea id="c-message" name="message" rows={3} className={inputClass} aria-invalid={Boolean(errors?.message)} aria-describedby={errors?.message ? "c-message-error" : undefined} />
      <FieldError id="c-message-error" messages={errors?.message} />
      <Button type="submit" disabled={pending}>Close and tell them</Button>
      <FormMessage state={banner} />
    </form>
  );
}

