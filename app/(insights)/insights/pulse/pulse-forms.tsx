"use client";
import { useActionState } from "react";
import { Banner, Field, SelectField, useActionForm } from "../../../_components/action-form";
import { Button, FormMessage } from "../../../_components/ui";
import { closePulseRoundAction, createPulseSurveyAction, deactivatePulseSurveyAction } from "./actions";

type Option = { value: string; label: string };

export function CreatePulseSurveyForm({ scopes, months, quarters }: { scopes: Option[]; months: Option[]; quarters: Option[] }) {
  const { formProps, errors, banner, pending } = useActionForm(createPulseSurveyAction);
  return (
    <form {...formProps} className="grid items-start gap-3 sm:grid-cols-2 lg:grid-cols-4" noValidate>
      <SelectField id="pulse-scope" name="scope" label="Departments rated" error={errors?.scope}>
        {scopes.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
      </SelectField>
      <SelectField id="pulse-cadence" name="cadence" label="How often" defaultValue="ONCE" error={errors?.cadence}>
        <option value="ONCE">Once</option>
        <option value="MONTHLY">Every month</option>
        <option value="QUARTERLY">Every quarter</option>
      </SelectField>
      <SelectField id="pulse-period" name="period" label="First round asks about" defaultValue={months[0]?.value} error={errors?.period}>
        <optgroup label="Months">{months.map((m) => <option key={m.value} value={m.value}>{m.label}</option>)}</optgroup>
        <optgroup label="Quarters">{quarters.map((q) => <option key={q.value} value={q.value}>{q.label}</option>)}</optgroup>
      </SelectField>
      <Field id="pulse-days" name="openDays" type="number" min={1} max={60} defaultValue={14} label="Days open" error={errors?.openDays} />
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4">
        <Button type="submit" disabled={pending}>Create survey and open its first round</Button>
        <Banner state={banner} />
      </div>
    </form>
  );
}

function SmallAction({ action, name, value, label }: { action: typeof closePulseRoundAction; name: string; value: string; label: string }) {
  const [state, dispatch, pending] = useActionState(action, null);
  return (
    <form action={dispatch} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name={name} value={value} />
      <Button type="submit" variant="secondary" disabled={pending} className="px-2.5 py-1 text-xs">{label}</Button>
      <FormMessage state={state} />
    </form>
  );
}

export function CloseRoundButton({ roundId, label }: { roundId: string; label: string }) {
  return <SmallAction action={closePulseRoundAction} name="roundId" value={roundId} label={label} />;
}

export function StopSurveyButton({ surveyId, label }: { surveyId: string; label: string }) {
  return <SmallAction action={deactivatePulseSurveyAction} name="surveyId" value={surveyId} label={label} />;
}
