"use client";
import { Field, SelectField, useActionForm } from "../../../../_components/action-form";
import { Button, FieldError, FormMessage, inputClass } from "../../../../_components/ui";
import { delegateAction, goalAction, reasonsAction } from "./actions";

type Base = { departmentId: string; department: string };
const Hidden = ({ departmentId, department }: Base) => (
  <>
    <input type="hidden" name="departmentId" value={departmentId} />
    <input type="hidden" name="department" value={department} />
  </>
);

export function GoalForm({ goal, slaGoal, ...base }: Base & { goal: number; slaGoal: number }) {
  const { pending, errors, banner, formProps } = useActionForm(goalAction);
  return (
    <form {...formProps} className="flex flex-wrap items-end gap-3">
      <Hidden {...base} />
      <Field id="goal" name="goal" type="number" min={1} max={100} defaultValue={goal} label="Goal: % of ratings of 4 or 5" error={errors?.goal} className="w-56" />
      <Field id="sla-goal" name="slaGoal" type="number" min={1} max={100} defaultValue={slaGoal} label="SLAs count as met from (% compliance)" error={errors?.slaGoal} className="w-64" />
      <Button type="submit" disabled={pending}>Save goals</Button>
      <FormMessage state={banner} />
    </form>
  );
}

export function ReasonsForm({ positive, negative, ...base }: Base & { positive: string; negative: string }) {
  const { pending, errors, banner, formProps } = useActionForm(reasonsAction);
  return (
    <form {...formProps} className="space-y-3">
      <Hidden {...base} />
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="reasons-positive" className="block text-sm font-semibold">Went well (ratings 4–5), one per line</label>
          <textarea id="reasons-positive" name="positive" rows={6} defaultValue={positive} className={inputClass} aria-invalid={Boolean(errors?.positive)} aria-describedby={errors?.positive ? "reasons-positive-error" : undefined} />
          <FieldError id="reasons-positive-error" messages={errors?.positive} />
        </div>
        <div>
          <label htmlFor="reasons-negative" className="block text-sm font-semibold">Fell short (ratings 1–3), one per line</label>
          <textarea id="reasons-negative" name="negative" rows={6} defaultValue={negative} className={inputClass} aria-invalid={Boolean(errors?.negative)} aria-describedby={errors?.negative ? "reasons-negative-error" : undefined} />
          <FieldError id="reasons-negative-error" messages={errors?.negative} />
        </div>
      </div>
      <Button type="submit" disabled={pending}>Save reasons</Button>
      <FormMessage state={banner} />
    </form>
  );
}

export function DelegateForm({ delegateId, people, ...base }: Base & { delegateId: string | null; people: { id: string; name: string }[] }) {
  const { pending, errors, banner, formProps } = useActionForm(delegateAction);
  return (
    <form {...formProps} className="flex flex-wrap items-end gap-3">
      <Hidden {...base} />
      <SelectField id="delegate" name="delegateId" label="Follows up complaints with you" defaultValue={delegateId ?? ""} error={errors?.delegateId} className="min-w-64">
        <option value="">Nobody (only the head)</option>
        {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
      </SelectField>
      <Button type="submit" disabled={pending}>Save</Button>
      <FormMessage state={banner} />
    </form>
  );
}
