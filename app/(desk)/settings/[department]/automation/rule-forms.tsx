"use client";
import { Banner, Field, SelectField, useActionForm } from "../../../../_components/action-form";
import { Button, FieldError, FormMessage, inputClass } from "../../../../_components/ui";
import { priorities, priorityLabel, statusLabel, statuses } from "@/lib/validation/request-values";
import type { RuleActions, RuleConditions } from "@/lib/validation/automation";
import { triggerLabel, triggers, timeTriggers, triggerUnit, type Trigger } from "@/lib/validation/automation-triggers";
import { createRuleAction, moveRuleAction, setRuleEnabledAction, updateRuleAction } from "./actions";

type Choice = { id: string; name: string };
export type RuleOptions = { types: Choice[]; teams: Choice[]; agents: Choice[]; departments: Choice[]; cannedResponses: { id: string; title: string }[] };
export type RuleValues = { name: string; trigger: Trigger | ""; triggerCount: number | null; conditions: RuleConditions; actions: RuleActions };

export const emptyRule: RuleValues = {
  name: "",
  trigger: "",
  triggerCount: null,
  conditions: { typeIds: [], priorities: [], statuses: [], requesterDepartmentIds: [], teamIds: [], tags: [], fields: [] },
  actions: { addTags: [], addFollowerIds: [], notifyPersonIds: [] },
};

const setStatuses = ["OPEN", "WAITING_ON_REQUESTER", "RESOLVED", "CLOSED"] as const;

/** Every message for a field and the fields under it ("actions.addTags" also shows "actions.addTags.0"). */
function under(errors: Record<string, string[]> | undefined, key: string): string[] | undefined {
  if (!errors) return undefined;
  const found = Object.entries(errors).flatMap(([k, v]) => (k === key || k.startsWith(`${key}.`) ? v : []));
  return found.length ? found : undefined;
}

function Checkboxes({ legend, name, choices, checked, prefix, error }: { legend: string; name: string; choices: { value: string; label: string }[]; checked: readonly string[]; prefix: string; error?: string[] }) {
  if (choices.length === 0) return null;
  return (
    <fieldset className="min-w-0" aria-describedby={error ? `${prefix}-${name}-error` : undefined}>
      <legend className="text-xs font-medium text-slate-600">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {choices.map((c) => (
          <label key={c.value} className="inline-flex items-center gap-1.5 text-sm text-slate-800">
            <input type="checkbox" name={name} value={c.value} defaultChecked={checked.includes(c.value)} className="h-4 w-4 rounded border-slate-400" />
            {c.label}
          </label>
        ))}
      </div>
      <FieldError id={`${prefix}-${name}-error`} messages={error} />
    </fieldset>
  );
}

function MultiSelect({ id, label, name, choices, selected, error, hint }: { id: string; label: string; name: string; choices: Choice[]; selected: readonly string[]; error?: string[]; hint?: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">{label}</label>
      <select id={id} name={name} multiple size={Math.min(4, Math.max(2, choices.length))} defaultValue={[...selected]} className={inputClass} aria-invalid={Boolean(error)} aria-describedby={[hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined}>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>{c.name}</option>
        ))}
      </select>
      {hint ? <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      <FieldError id={`${id}-error`} messages={error} />
    </div>
  );
}

function TextArea({ id, label, name, defaultValue, error, hint }: { id: string; label: string; name: string; defaultValue?: string; error?: string[]; hint?: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">{label}</label>
      <textarea id={id} name={name} rows={3} defaultValue={defaultValue} className={inputClass} aria-invalid={Boolean(error)} aria-describedby={[hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined} />
      {hint ? <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      <FieldError id={`${id}-error`} messages={error} />
    </div>
  );
}

/** New (no id) or existing rule: when, if, then, in plain fields. */
export function RuleForm({ department, departmentId, id, values, options }: { department: string; departmentId: string; id?: string; values: RuleValues; options: RuleOptions }) {
  const { formProps, errors, banner, pending } = useActionForm(id ? updateRuleAction : createRuleAction, { resetOnSuccess: !id });
  const p = id ? `rule-${id}` : "rule-new";
  const c = values.conditions;
  const a = values.actions;
  const fieldRows = [0, 1].map((i) => c.fields[i] ?? { key: "", value: "" });
  return (
    <form {...formProps} className="space-y-5" noValidate>
      <input type="hidden" name="department" value={department} />
      {id ? <input type="hidden" name="ruleId" value={id} /> : <input type="hidden" name="departmentId" value={departmentId} />}
      <Field id={`${p}-name`} name="name" label="Name" defaultValue={values.name} maxLength={120} error={errors?.name} />

      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-semibold text-slate-800">When</legend>
        <div className="grid gap-3 sm:grid-cols-[1fr_12rem]">
          <SelectField id={`${p}-trigger`} name="trigger" label="The rule runs when" defaultValue={values.trigger} error={errors?.trigger}>
            <option value="">Choose…</option>
            {triggers.map((t) => (
              <option key={t} value={t}>{triggerLabel[t]}</option>
            ))}
          </SelectField>
          <Field
            id={`${p}-count`}
            name="triggerCount"
            label="N (time triggers only)"
            type="number"
            min={1}
            max={1000}
            inputMode="numeric"
            defaultValue={values.triggerCount ?? ""}
            error={errors?.triggerCount}
            hint={timeTriggers.map((t) => triggerUnit[t]).filter((u, i, all) => all.indexOf(u) === i).join(", ")}
          />
        </div>
      </fieldset>

      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-semibold text-slate-800">If (all that are set must hold; leave empty for every request)</legend>
        <Checkboxes legend="Request type is one of" name="typeIds" prefix={p} choices={options.types.map((t) => ({ value: t.id, label: t.name }))} checked={c.typeIds} error={under(errors, "conditions.typeIds")} />
        <Checkboxes legend="Priority is one of" name="priorities" prefix={p} choices={priorities.map((v) => ({ value: v, label: priorityLabel[v] }))} checked={c.priorities} error={under(errors, "conditions.priorities")} />
        <Checkboxes legend="Status is one of" name="statuses" prefix={p} choices={statuses.map((v) => ({ value: v, label: statusLabel[v] }))} checked={c.statuses} error={under(errors, "conditions.statuses")} />
        <Checkboxes legend="Team is one of" name="teamIds" prefix={p} choices={options.teams.map((t) => ({ value: t.id, label: t.name }))} checked={c.teamIds} error={under(errors, "conditions.teamIds")} />
        <div className="grid gap-3 sm:grid-cols-2">
          <MultiSelect id={`${p}-from`} label="Requester's department is one of" name="requesterDepartmentIds" choices={options.departments} selected={c.requesterDepartmentIds} error={under(errors, "conditions.requesterDepartmentIds")} hint="Ctrl or Cmd to choose several." />
          <Field id={`${p}-ctags`} name="conditionTags" label="Has any of these tags" defaultValue={c.tags.join(", ")} error={under(errors, "conditions.tags")} hint="Separated by commas or spaces." />
        </div>
        {fieldRows.map((f, i) => (
          <div key={i} className="grid gap-3 sm:grid-cols-2">
            <Field id={`${p}-fk${i}`} name={`fieldKey${i}`} label={`Field ${i + 1}: key`} defaultValue={f.key} error={under(errors, `conditions.fields.${i}.key`)} hint={i === 0 ? "The field's key in the request type, e.g. site." : undefined} />
            <Field id={`${p}-fv${i}`} name={`fieldValue${i}`} label={`Field ${i + 1}: reads`} defaultValue={f.value} error={under(errors, `conditions.fields.${i}.value`)} />
          </div>
        ))}
      </fieldset>

      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3" aria-describedby={errors?.["actions._actions"] ? `${p}-actions-error` : undefined}>
        <legend className="px-1 text-sm font-semibold text-slate-800">Then (in this order)</legend>
        <FieldError id={`${p}-actions-error`} messages={errors?.["actions._actions"]} />
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField id={`${p}-team`} name="setTeamId" label="Set team" defaultValue={a.setTeamId ?? ""} error={errors?.["actions.setTeamId"]}>
            <option value="">Leave as it is</option>
            {options.teams.map((t) => (
              <option key={t.id} value={t.id}>{t.name}</option>
            ))}
          </SelectField>
          <SelectField id={`${p}-priority`} name="setPriority" label="Set priority" defaultValue={a.setPriority ?? ""} error={errors?.["actions.setPriority"]}>
            <option value="">Leave as it is</option>
            {priorities.map((v) => (
              <option key={v} value={v}>{priorityLabel[v]}</option>
            ))}
          </SelectField>
          <SelectField id={`${p}-assignee`} name="setAssigneeId" label="Assign to" defaultValue={a.setAssigneeId ?? ""} error={errors?.["actions.setAssigneeId"]}>
            <option value="">Leave as it is</option>
            {options.agents.map((t) => (
              <option key={t.id} value={t.id}>{t.name}</option>
            ))}
          </SelectField>
          <Field id={`${p}-tags`} name="addTags" label="Add tags" defaultValue={a.addTags.join(", ")} error={under(errors, "actions.addTags")} />
          <MultiSelect id={`${p}-followers`} label="Add followers" name="addFollowerIds" choices={options.agents} selected={a.addFollowerIds} error={under(errors, "actions.addFollowerIds")} />
          <SelectField id={`${p}-canned`} name="cannedResponseId" label="Send a canned response" defaultValue={a.cannedResponseId ?? ""} error={errors?.["actions.cannedResponseId"]}>
            <option value="">None</option>
            {options.cannedResponses.map((r) => (
              <option key={r.id} value={r.id}>{r.title}</option>
            ))}
          </SelectField>
        </div>
        <TextArea id={`${p}-reply`} label="Reply to the requester" name="reply" defaultValue={a.reply} error={errors?.["actions.reply"]} hint="Placeholders: {{requester.name}}, {{requester.firstName}}, {{request.reference}}." />
        <TextArea id={`${p}-note`} label="Add an internal note" name="note" defaultValue={a.note} error={errors?.["actions.note"]} />
        <div className="grid gap-3 sm:grid-cols-2">
          <MultiSelect id={`${p}-notify`} label="Notify" name="notifyPersonIds" choices={options.agents} selected={a.notifyPersonIds} error={under(errors, "actions.notifyPersonIds")} />
          <Field id={`${p}-notify-message`} name="notifyMessage" label="Notification text" defaultValue={a.notifyMessage ?? ""} maxLength={500} error={errors?.["actions.notifyMessage"]} />
          <SelectField id={`${p}-status`} name="setStatus" label="Then set status" defaultValue={a.setStatus ?? ""} error={errors?.["actions.setStatus"]}>
            <option value="">Leave as it is</option>
            {setStatuses.map((v) => (
              <option key={v} value={v}>{statusLabel[v]}</option>
            ))}
          </SelectField>
          <SelectField id={`${p}-transfer`} name="transferToDepartmentId" label="Finally transfer to" defaultValue={a.transferToDepartmentId ?? ""} error={errors?.["actions.transferToDepartmentId"]}>
            <option value="">Do not transfer</option>
            {options.departments.filter((d) => d.id !== departmentId).map((d) => (
              <option key={d.id} value={d.id}>{d.name}</option>
            ))}
          </SelectField>
        </div>
      </fieldset>

      <div className="flex flex-wrap items-center justify-end gap-3">
        <Banner state={banner} />
        <Button type="submit" disabled={pending}>{id ? "Save rule" : "Create rule"}</Button>
      </div>
    </form>
  );
}

/** Switch on or off, and move up or down: small forms beside each rule. */
export function RuleControls({ department, id, name, enabled, first, last }: { department: string; id: string; name: string; enabled: boolean; first: boolean; last: boolean }) {
  const toggle = useActionForm(setRuleEnabledAction);
  const move = useActionForm(moveRuleAction);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form {...move.formProps} className="flex gap-1">
        <input type="hidden" name="department" value={department} />
        <input type="hidden" name="ruleId" value={id} />
        {first ? null : (
          <Button type="submit" name="direction" value="up" variant="secondary" className="px-2 py-1 text-xs">
            Move up<span className="sr-only"> {name}</span>
          </Button>
        )}
        {last ? null : (
          <Button type="submit" name="direction" value="down" variant="secondary" className="px-2 py-1 text-xs">
            Move down<span className="sr-only"> {name}</span>
          </Button>
        )}
      </form>
      <form {...toggle.formProps}>
        <input type="hidden" name="department" value={department} />
        <input type="hidden" name="ruleId" value={id} />
        <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
        <Button type="submit" variant="secondary" className="px-2 py-1 text-xs">
          {enabled ? "Switch off" : "Switch on"}<span className="sr-only"> {name}</span>
        </Button>
      </form>
      {move.state && !move.state.ok ? <FormMessage state={move.state} /> : null}
      {toggle.state && !toggle.state.ok ? <FormMessage state={toggle.state} /> : null}
    </div>
  );
}
