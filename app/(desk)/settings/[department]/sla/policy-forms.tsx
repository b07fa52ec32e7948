"use client";
import type { ReactNode } from "react";
import { priorities, priorityLabel, statusLabel } from "@/lib/validation/request-values";
import { pausableStatuses, splitMinutes, targetLabel, targetMetrics, type TargetMetric } from "@/lib/validation/sla-settings";
import { Button, FieldError, FormMessage, inputClass } from "../../../../_components/ui";
import { Banner, Field, SelectField, useActionForm } from "../../../../_components/action-form";
import { createPolicyAction, reorderPolicyAction, setPolicyActiveAction, updatePolicyAction } from "./actions";
import { errorsUnder } from "./form-errors";

export type PolicyFormValues = {
  name: string;
  requestTypeIds: string[];
  priorities: string[];
  calendarId: string;
  pauseStatuses: string[];
  active: boolean;
} & Record<TargetMetric, number | null>;

type Option = { id: string; name: string; note?: string };

function Checkboxes({ id, legend, hint, name, options, checked, error }: { id: string; legend: string; hint?: ReactNode; name: string; options: Option[]; checked: string[]; error?: string[] }) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset aria-describedby={describedBy}>
      <legend className="text-sm font-semibold text-slate-800">{legend}</legend>
      {hint ? <p id={`${id}-hint`} className="mt-0.5 text-xs text-slate-500">{hint}</p> : null}
      <div className="mt-1.5 flex flex-wrap gap-x-5 gap-y-1.5">
        {options.map((o) => (
          <label key={o.id} className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" name={name} value={o.id} defaultChecked={checked.includes(o.id)} className="h-4 w-4 rounded border-slate-300" />
            {o.name}
            {o.note ? <span className="text-xs text-slate-500">({o.note})</span> : null}
          </label>
        ))}
      </div>
      <FieldError id={`${id}-error`} messages={error} />
    </fieldset>
  );
}

function TargetInput({ p, metric, value, error }: { p: string; metric: TargetMetric; value: number | null; error?: string[] }) {
  const { hours, minutes } = splitMinutes(value);
  const id = `${p}-${metric}`;
  const describedBy = error ? `${id}-error` : undefined;
  return (
    <fieldset aria-describedby={describedBy}>
      <legend className="text-xs font-medium text-slate-600">{targetLabel[metric]}</legend>
      <div className="mt-1 flex items-center gap-2">
        <input id={`${id}-hours`} name={`${metric}.hours`} type="number" min={0} step={1} inputMode="numeric" defaultValue={hours} className={`${inputClass} w-20`} aria-invalid={Boolean(error)} aria-label={`${targetLabel[metric]} hours`} />
        <label htmlFor={`${id}-hours`} className="text-sm text-slate-600">h</label>
        <input id={`${id}-minutes`} name={`${metric}.minutes`} type="number" min={0} step={1} inputMode="numeric" defaultValue={minutes} className={`${inputClass} w-20`} aria-invalid={Boolean(error)} aria-label={`${targetLabel[metric]} minutes`} />
        <label htmlFor={`${id}-minutes`} className="text-sm text-slate-600">min</label>
      </div>
      <FieldError id={`${id}-error`} messages={error} />
    </fieldset>
  );
}

/** Creates (with departmentId) or edits (with policyId) a policy; targets are business time of the chosen calendar. */
export function PolicyForm({
  department,
  target,
  version,
  values,
  calendars,
  requestTypes,
}: {
  department: string;
  target: { departmentId: string } | { policyId: string };
  version?: string;
  values: PolicyFormValues;
  calendars: Option[];
  requestTypes: (Option & { active: boolean })[];
}) {
  const creating = "departmentId" in target;
  const { formProps, errors, banner, pending } = useActionForm(creating ? createPolicyAction : updatePolicyAction, { resetOnSuccess: creating });
  const p = creating ? "new-policy" : `policy-${target.policyId}`;
  const shownTypes = requestTypes.filter((t) => t.active || values.requestTypeIds.includes(t.id)).map((t) => ({ ...t, note: t.active ? undefined : "no longer offered" }));
  return (
    <form key={version ?? "new"} {...formProps} className="space-y-5" noValidate>
      <input type="hidden" name="department" value={department} />
      {creating ? <input type="hidden" name="departmentId" value={target.departmentId} /> : <input type="hidden" name="policyId" value={target.policyId} />}
      {!creating && version ? <input type="hidden" name="expectedVersion" value={version} /> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${p}-name`} name="name" label="Name" defaultValue={values.name} error={errors?.name} autoComplete="off" />
        <SelectField id={`${p}-calendar`} name="calendarId" label="Business hours" defaultValue={values.calendarId} error={errors?.calendarId}>
          {calendars.map((c) => (
            <option key={c.id} value={c.id}>{c.name}</option>
          ))}
        </SelectField>
      </div>

      <Checkboxes
        id={`${p}-types`}
        legend="Request types"
        hint="None ticked: every request type of the department."
        name="requestTypeIds"
        options={shownTypes}
        checked={values.requestTypeIds}
        error={errorsUnder(errors, "requestTypeIds")}
      />
      <Checkboxes
        id={`${p}-priorities`}
        legend="Priorities"
        hint="None ticked: every priority."
        name="priorities"
        options={priorities.map((x) => ({ id: x, name: priorityLabel[x] }))}
        checked={values.priorities}
        error={errorsUnder(errors, "priorities")}
      />

      <fieldset aria-describedby={`${p}-targets-hint${errors?.targets ? ` ${p}-targets-error` : ""}`}>
        <legend className="text-sm font-semibold text-slate-800">Targets</legend>
        <p id={`${p}-targets-hint`} className="mt-0.5 text-xs text-slate-500">Business time within the calendar&apos;s opening hours. Leave a target empty to not measure it; set at least one.</p>
        <FieldError id={`${p}-targets-error`} messages={errors?.targets} />
        <div className="mt-2 grid gap-4 sm:grid-cols-3">
          {targetMetrics.map((m) => (
            <TargetInput key={m} p={p} metric={m} value={values[m]} error={errorsUnder(errors, m)} />
          ))}
        </div>
      </fieldset>

      <Checkboxes
        id={`${p}-pause`}
        legend="Pause the clocks while the request is"
        name="pauseStatuses"
        options={pausableStatuses.map((s) => ({ id: s, name: statusLabel[s] }))}
        checked={values.pauseStatuses}
        error={errorsUnder(errors, "pauseStatuses")}
      />

      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" name="active" defaultChecked={values.active} className="h-4 w-4 rounded border-slate-300" />
        Active (an inactive policy matches no request)
      </label>

      <FieldError id={`${p}-form-error`} messages={errorsUnder(errors, "_form")} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending || calendars.length === 0}>{creating ? "Create policy" : "Save policy"}</Button>
        <Banner state={banner} />
      </div>
    </form>
  );
}

/** Move up/down and switch on/off, beside a policy in the ordered list. */
export function PolicyRowControls({ department, policyId, name, active, first, last }: { department: string; policyId: string; name: string; active: boolean; first: boolean; last: boolean }) {
  const move = useActionForm(reorderPolicyAction);
  const toggle = useActionForm(setPolicyActiveAction);
  const failed = [move.state, toggle.state].find((s) => s && !s.ok) ?? null;
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <form {...move.formProps} className="flex gap-1">
        <input type="hidden" name="department" value={department} />
        <input type="hidden" name="policyId" value={policyId} />
        <Button type="submit" name="direction" value="up" variant="secondary" className="px-2 py-1" disabled={first || move.pending} aria-label={`Move ${name} up`} title="Move up">↑</Button>
        <Button type="submit" name="direction" value="down" variant="secondary" className="px-2 py-1" disabled={last || move.pending} aria-label={`Move ${name} down`} title="Move down">↓</Button>
      </form>
      <form {...toggle.formProps}>
        <input type="hidden" name="department" value={department} />
        <input type="hidden" name="policyId" value={policyId} />
        <input type="hidden" name="active" value={String(!active)} />
        <Button type="submit" variant="ghost" className="px-2 py-1" disabled={toggle.pending}>{active ? "Switch off" : "Switch on"}</Button>
      </form>
      {failed ? (
        <div className="basis-full">
          <FormMessage state={failed} />
        </div>
      ) : null}
    </div>
  );
}
