"use client";
import { Button, FieldError, inputClass } from "../../../_components/ui";
import { Banner, Field, SelectField, useActionForm } from "../../../_components/action-form";
import { createDepartmentAction, createTeamAction, renameTeamAction, setHeadAction, setTeamMembersAction, updateDepartmentAction } from "./actions";

type Person = { id: string; name: string };

function DescriptionField({ id, defaultValue, error, className }: { id: string; defaultValue?: string; error?: string[]; className?: string }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">Description</label>
      <textarea id={id} name="description" rows={2} defaultValue={defaultValue} className={inputClass} aria-invalid={Boolean(error)} aria-describedby={error ? `${id}-error` : undefined} />
      <FieldError id={`${id}-error`} messages={error} />
    </div>
  );
}

export function CreateDepartmentForm() {
  const { formProps, errors, banner, pending } = useActionForm(createDepartmentAction, { resetOnSuccess: true });
  return (
    <form {...formProps} className="grid gap-3" noValidate>
      <Field id="new-key" name="key" label="Key" error={errors?.key} hint="2-10 capitals or digits, e.g. FAC. Prefixes request numbers; it cannot change later." autoComplete="off" />
      <Field id="new-name" name="name" label="Name" error={errors?.name} autoComplete="off" />
      <Field id="new-tz" name="timeZone" label="Time zone" list="time-zones" defaultValue="Europe/Berlin" error={errors?.timeZone} hint="IANA name, e.g. Europe/Berlin: business hours follow it." />
      <DescriptionField id="new-description" error={errors?.description} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>Create department</Button>
        <Banner state={banner} />
      </div>
    </form>
  );
}

export function EditDepartmentForm({ department }: { department: { id: string; key: string; name: string; description: string; timeZone: string } }) {
  const { formProps, errors, banner, pending } = useActionForm(updateDepartmentAction);
  const p = `dept-${department.id}`;
  return (
    <form {...formProps} className="grid gap-3 sm:grid-cols-2" noValidate>
      <input type="hidden" name="departmentId" value={department.id} />
      <Field id={`${p}-name`} name="name" label="Name" defaultValue={department.name} error={errors?.name} />
      <Field id={`${p}-tz`} name="timeZone" label="Time zone" list="time-zones" defaultValue={department.timeZone} error={errors?.timeZone} />
      <DescriptionField id={`${p}-description`} defaultValue={department.description} error={errors?.description} className="sm:col-span-2" />
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <Button type="submit" variant="secondary" disabled={pending}>Save details</Button>
        <Banner state={banner} />
      </div>
    </form>
  );
}

export function HeadForm({ departmentId, departmentName, headId, candidates }: { departmentId: string; departmentName: string; headId: string; candidates: Person[] }) {
  const { formProps, errors, banner, pending } = useActionForm(setHeadAction);
  const id = `head-${departmentId}`;
  return (
    <form {...formProps} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="departmentId" value={departmentId} />
      <SelectField id={id} name="personId" label={`Head of ${departmentName}`} defaultValue={headId} error={errors?.personId} className="min-w-56 flex-1">
        <option value="">No head</option>
        {candidates.map((c) => (
          <option key={c.id} value={c.id}>{c.name}</option>
        ))}
      </SelectField>
      <Button type="submit" variant="secondary" disabled={pending}>Set head</Button>
      <div className="basis-full empty:hidden">
        <Banner state={banner} />
      </div>
    </form>
  );
}

export function CreateTeamForm({ departmentId }: { departmentId: string }) {
  const { formProps, errors, banner, pending } = useActionForm(createTeamAction, { resetOnSuccess: true });
  return (
    <form {...formProps} className="flex flex-wrap items-end gap-3" noValidate>
      <input type="hidden" name="departmentId" value={departmentId} />
      <Field id={`new-team-${departmentId}`} name="name" label="New team" placeholder="e.g. Plumbing" error={errors?.name} className="min-w-48 flex-1" />
      <Button type="submit" variant="secondary" disabled={pending}>Add team</Button>
      <div className="basis-full empty:hidden">
        <Banner state={banner} />
      </div>
    </form>
  );
}

export function TeamEditor({ team, agents }: { team: { id: string; name: string; members: (Person & { active: boolean })[] }; agents: Person[] }) {
  const rename = useActionForm(renameTeamAction);
  const members = useActionForm(setTeamMembersAction);
  const memberIds = new Set(team.members.map((m) => m.id));
  // Deactivated members stay listed (and kept) until someone unticks them.
  const choices = [...agents, ...team.members.filter((m) => !m.active && !agents.some((a) => a.id === m.id))];
  const legendId = `team-${team.id}-legend`;
  return (
    <div className="space-y-3 rounded-md border border-slate-200 p-3">
      <form {...rename.formProps} className="flex flex-wrap items-end gap-3" noValidate>
        <input type="hidden" name="teamId" value={team.id} />
        <Field id={`team-${team.id}-name`} name="name" label="Team name" defaultValue={team.name} error={rename.errors?.name} className="min-w-48 flex-1" />
        <Button type="submit" variant="secondary" disabled={rename.pending}>Rename</Button>
        <div className="basis-full empty:hidden">
          <Banner state={rename.banner} />
        </div>
      </form>
      <form {...members.formProps} className="space-y-2">
        <input type="hidden" name="teamId" value={team.id} />
        <fieldset aria-describedby={members.errors?.personIds ? `team-${team.id}-members-error` : undefined}>
          <legend id={legendId} className="text-xs font-medium text-slate-600">Members of {team.name}</legend>
          {choices.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">No agents yet: give people the agent role in this department first.</p>
          ) : (
            <div className="mt-1 grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
              {choices.map((a) => (
                <label key={a.id} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="personIds" value={a.id} defaultChecked={memberIds.has(a.id)} className="h-4 w-4 rounded border-slate-300" />
                  {a.name}
                  {"active" in a && a.active === false ? <span className="text-xs text-red-700">(deactivated)</span> : null}
                </label>
              ))}
            </div>
          )}
        </fieldset>
        <FieldError id={`team-${team.id}-members-error`} messages={members.errors?.personIds} />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="secondary" disabled={members.pending || choices.length === 0}>Save members</Button>
          <Banner state={members.banner} />
        </div>
      </form>
    </div>
  );
}
