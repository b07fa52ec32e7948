"use client";
import { roleLabel } from "@/lib/validation/org-values";
import { Button, FieldError, cx } from "../../../_components/ui";
import { Banner, Field, SelectField, useActionForm } from "../../../_components/action-form";
import { PersonPicker } from "../../../_components/person-picker";
import { createPersonAction, setActiveAction, setManagerAction, setRolesAction, updatePersonAction } from "./actions";

type Department = { id: string; key: string; name: string };

function DepartmentOptions({ departments }: { departments: Department[] }) {
  return departments.map((d) => (
    <option key={d.id} value={d.id}>
      {d.name} ({d.key})
    </option>
  ));
}

export function CreatePersonForm({ departments }: { departments: Department[] }) {
  const { formProps, errors, banner, pending } = useActionForm(createPersonAction, { resetOnSuccess: true });
  return (
    <form {...formProps} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" noValidate>
      <Field id="new-email" name="email" type="email" label="Email" autoComplete="off" error={errors?.email} />
      <Field id="new-name" name="name" label="Name" autoComplete="off" error={errors?.name} />
      <Field id="new-title" name="title" label="Title (optional)" autoComplete="off" error={errors?.title} />
      <SelectField id="new-department" name="departmentId" label="Department" defaultValue="" error={errors?.departmentId}>
        <option value="" disabled>Choose…</option>
        <DepartmentOptions departments={departments} />
      </SelectField>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4">
        <Button type="submit" disabled={pending}>Add person</Button>
        <Banner state={banner} />
      </div>
    </form>
  );
}

export function EditPersonForm({ person, departments }: { person: { id: string; name: string; title: string; departmentId: string }; departments: Department[] }) {
  const { formProps, errors, banner, pending } = useActionForm(updatePersonAction);
  return (
    <form {...formProps} className="grid gap-3 sm:grid-cols-2" noValidate>
      <input type="hidden" name="personId" value={person.id} />
      <Field id="person-name" name="name" label="Name" defaultValue={person.name} error={errors?.name} />
      <Field id="person-title" name="title" label="Title" defaultValue={person.title} error={errors?.title} />
      <SelectField id="person-department" name="departmentId" label="Home department" defaultValue={person.departmentId} error={errors?.departmentId} className="sm:col-span-2">
        <DepartmentOptions departments={departments} />
      </SelectField>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <Button type="submit" variant="secondary" disabled={pending}>Save details</Button>
        <Banner state={banner} />
      </div>
    </form>
  );
}

/** The person's manager in the directory: a co-worker picked by name, or none. */
export function ManagerForm({ personId, manager }: { personId: string; manager: { id: string; name: string; email: string } | null }) {
  const { formProps, errors, banner, pending, state } = useActionForm(setManagerAction);
  return (
    <form {...formProps} className="space-y-3" noValidate aria-label="Manager">
      <input type="hidden" name="personId" value={personId} />
      <p className="text-sm text-slate-700" data-testid="current-manager">{manager ? <>Now: {manager.name} ({manager.email})</> : "No manager."}</p>
      <PersonPicker id="person-manager" name="managerId" label="New manager" error={errors?.managerId} exclude={[personId]} resetKey={state?.ok ? state : undefined} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>Save manager</Button>
        {manager ? <Button type="submit" name="clear" value="1" variant="ghost" disabled={pending}>Remove manager</Button> : null}
        <Banner state={banner} />
      </div>
    </form>
  );
}

export function RolesForm({ personId, personName, grants, departments }: { personId: string; personName: string; grants: string[]; departments: Department[] }) {
  const { formProps, errors, banner, pending } = useActionForm(setRolesAction);
  const held = new Set(grants);
  const errorList = errors ? Object.values(errors).flat() : undefined;
  return (
    <form {...formProps} className="space-y-4">
      <input type="hidden" name="personId" value={personId} />
      <fieldset>
        <legend className="text-sm font-semibold">Organisation-wide</legend>
        <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
          {(["HR", "ADMIN"] as const).map((role) => (
            <label key={role} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="grant" value={role} defaultChecked={held.has(`${role}:`)} className="h-4 w-4 rounded border-slate-300" />
              {role === "HR" ? "HR (morale indicators, aggregated)" : "Administrator (departments, people, roles, audit)"}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="text-sm font-semibold">Per department</legend>
        <p className="text-xs text-slate-600">Agents work the department&apos;s queue; a head also sets its policies and sees its reports (and is always an agent).</p>
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full text-sm">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-4">Department</th>
                <th scope="col" className="px-3 py-1 text-center">{roleLabel.AGENT}</th>
                <th scope="col" className="px-3 py-1 text-center">{roleLabel.HEAD}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {departments.map((d) => (
                <tr key={d.id}>
                  <th scope="row" className="py-1.5 pr-4 text-left font-normal">
                    {d.name} <span className="font-mono text-xs text-slate-500">{d.key}</span>
                  </th>
                  {(["AGENT", "HEAD"] as const).map((role) => (
                    <td key={role} className="px-3 py-1.5 text-center">
                      <input
                        type="checkbox"
                        name="grant"
                        value={`${role}:${d.id}`}
                        defaultChecked={held.has(`${role}:${d.id}`)}
                        aria-label={`${roleLabel[role]} of ${d.name}`}
                        className="h-4 w-4 rounded border-slate-300"
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </fieldset>
      <FieldError id="roles-error" messages={errorList} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>Save roles of {personName}</Button>
        <Banner state={banner} />
      </div>
    </form>
  );
}

export function ActiveToggle({ personId, personName, active, isSelf, compact }: { personId: string; personName: string; active: boolean; isSelf: boolean; compact?: boolean }) {
  const { formProps, state, pending } = useActionForm(setActiveAction);
  if (isSelf) return compact ? <span className="text-xs text-slate-500">you</span> : <p className="text-sm text-slate-600">You cannot deactivate yourself.</p>;
  return (
    <form {...formProps} className={compact ? "inline" : "flex flex-wrap items-center gap-3"}>
      <input type="hidden" name="personId" value={personId} />
      <input type="hidden" name="intent" value={active ? "deactivate" : "reactivate"} />
      {compact ? (
        <button
          type="submit"
          disabled={pending}
          aria-label={`${active ? "Deactivate" : "Reactivate"} ${personName}`}
          className={cx("rounded px-2 py-1 text-xs font-semibold ring-1 ring-inset disabled:opacity-50", active ? "text-red-700 ring-red-200 hover:bg-red-50" : "text-brand-700 ring-brand-100 hover:bg-brand-50")}
        >
          {active ? "Deactivate" : "Reactivate"}
        </button>
      ) : (
        <Button type="submit" variant={active ? "danger" : "secondary"} disabled={pending} aria-label={`${active ? "Deactivate" : "Reactivate"} ${personName}`}>
          {active ? "Deactivate" : "Reactivate"}
        </Button>
      )}
      {state && !state.ok ? (
        <span role="alert" className="block text-xs text-red-700">{state.message}</span>
      ) : !compact && state?.ok ? (
        <span role="status" className="text-sm text-emerald-800">{state.message}</span>
      ) : null}
    </form>
  );
}
