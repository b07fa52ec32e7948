"use client";
import { useActionForm, Field, SelectField, Banner } from "../../../../_components/action-form";
import { PersonPicker } from "../../../../_components/person-picker";
import { Button, FormMessage } from "../../../../_components/ui";
import { assignmentRuleLabel, assignmentRules, type AssignmentRuleCode } from "@/lib/validation/org-values";
import { addMemberAction, createTeamAction, removeMemberAction, renameTeamAction, searchAgentsAction, setAvailabilityAction, setTeamRuleAction } from "./actions";

export function CreateTeamForm({ department, departmentId }: { department: string; departmentId: string }) {
  const { formProps, errors, banner, pending } = useActionForm(createTeamAction, { resetOnSuccess: true });
  return (
    <form {...formProps} className="flex flex-wrap items-end gap-3" noValidate>
      <input type="hidden" name="department" value={department} />
      <input type="hidden" name="departmentId" value={departmentId} />
      <Field id="new-team-name" name="name" label="Team name" placeholder="e.g. Plumbing" error={errors?.name} className="min-w-48 flex-1" />
      <Button type="submit" disabled={pending}>Create team</Button>
      <div className="basis-full empty:hidden">
        <Banner state={banner} />
      </div>
    </form>
  );
}

export function RenameTeamForm({ department, teamId, name }: { department: string; teamId: string; name: string }) {
  const { formProps, errors, banner, pending } = useActionForm(renameTeamAction);
  return (
    <form {...formProps} className="flex flex-wrap items-end gap-3" noValidate>
      <input type="hidden" name="department" value={department} />
      <input type="hidden" name="teamId" value={teamId} />
      <Field id={`team-${teamId}-name`} name="name" label="Team name" defaultValue={name} error={errors?.name} className="min-w-40 flex-1" />
      <Button type="submit" variant="secondary" disabled={pending}>Rename</Button>
      <div className="basis-full empty:hidden">
        <Banner state={banner} />
      </div>
    </form>
  );
}

export function TeamRuleForm({ department, teamId, teamName, rule }: { department: string; teamId: string; teamName: string; rule: AssignmentRuleCode }) {
  const { formProps, errors, banner, pending } = useActionForm(setTeamRuleAction);
  return (
    <form {...formProps} key={rule} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="department" value={department} />
      <input type="hidden" name="teamId" value={teamId} />
      <SelectField id={`team-${teamId}-rule`} name="rule" label={`Assignment rule of ${teamName}`} defaultValue={rule} error={errors?.rule} className="min-w-40 flex-1">
        {assignmentRules.map((r) => (
          <option key={r} value={r}>{assignmentRuleLabel[r]}</option>
        ))}
      </SelectField>
      <Button type="submit" disabled={pending}>Save rule</Button>
      <div className="basis-full empty:hidden">
        <Banner state={banner} />
      </div>
    </form>
  );
}

export function RemoveMemberButton({ department, teamId, personId, name }: { department: string; teamId: string; personId: string; name: string }) {
  const { state, pending, formProps } = useActionForm(removeMemberAction);
  return (
    <form {...formProps} className="flex flex-col items-end">
      <input type="hidden" name="department" value={department} />
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="personId" value={personId} />
      <Button type="submit" variant="ghost" className="px-2 py-1 text-xs" disabled={pending} >
        Remove<span className="sr-only"> {name} from the team</span>
      </Button>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}

export function AvailabilityToggle({ department, personId, name, available }: { department: string; personId: string; name: string; available: boolean }) {
  const { state, pending, formProps } = useActionForm(setAvailabilityAction);
  return (
    <form {...formProps} className="flex flex-col items-end">
      <input type="hidden" name="department" value={department} />
      <input type="hidden" name="personId" value={personId} />
      <input type="hidden" name="available" value={available ? "false" : "true"} />
      <Button type="submit" variant="ghost" className="px-2 py-1 text-xs" disabled={pending}>
        {available ? "Set away" : "Set available"}
        <span className="sr-only">: {name}</span>
      </Button>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}

export function AddMemberForm({ department, departmentId, teamId, teamName, exclude }: { department: string; departmentId: string; teamId: string; teamName: string; exclude: string[] }) {
  const { state, pending, errors, banner, formProps } = useActionForm(addMemberAction);
  const errorId = `team-${teamId}-add-error`;
  return (
    <form {...formProps} className="space-y-2 border-t border-slate-100 pt-3">
      <input type="hidden" name="department" value={department} />
      <input type="hidden" name="teamId" value={teamId} />
      <PersonPicker
        id={`team-${teamId}-person`}
        label={`Add an agent to ${teamName}`}
        labelClassName="block text-sm font-medium text-slate-700"
        hint="Type at least 2 letters of an agent's name or email, then choose from the list."
        noun="agent"
        name="personId"
        search={async (query) => (await searchAgentsAction(departmentId, query)).map((p) => ({ id: p.id, name: p.name, detail: p.email }))}
        exclude={exclude}
        error={errors?.personId}
        errorId={errorId}
        resetKey={state?.ok ? state : null}
      />
      <FormMessage state={banner} />
      <div className="flex justify-end">
        <Button type="submit" variant="secondary" disabled={pending}>Add member</Button>
      </div>
    </form>
  );
}
