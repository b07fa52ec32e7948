"use client";
import { Banner, Field, SelectField, useActionForm } from "../../../../_components/action-form";
import { priorities, priorityLabel, statusLabel } from "@/lib/validation/request-values";
import { Button, FieldError, FormMessage, inputClass } from "../../../../_components/ui";
import { createCannedResponseAction, deleteCannedResponseAction, updateCannedResponseAction } from "./actions";

type Values = { title: string; body: string; setStatus?: string | null; setPriority?: string | null; setAssigneeId?: string | null; setTeamId?: string | null };
type Choice = { id: string; name: string };
const macroStatuses = ["OPEN", "WAITING_ON_REQUESTER", "RESOLVED", "CLOSED"] as const;

/** New (no id) or existing canned response: a title and the text, with its placeholders, and what it also changes (a macro). */
export function CannedResponseForm({ department, departmentId, id, values, teams = [], agents = [] }: { department: string; departmentId: string; id?: string; values: Values; teams?: Choice[]; agents?: Choice[] }) {
  const { formProps, errors, banner, pending } = useActionForm(id ? updateCannedResponseAction : createCannedResponseAction, { resetOnSuccess: !id });
  const prefix = id ? `canned-${id}` : "canned-new";
  const bodyError = errors?.body;
  return (
    <form {...formProps} className="space-y-3" noValidate>
      <input type="hidden" name="department" value={department} />
      {id ? <input type="hidden" name="cannedResponseId" value={id} /> : <input type="hidden" name="departmentId" value={departmentId} />}
      <Field id={`${prefix}-title`} name="title" label="Title" defaultValue={values.title} maxLength={120} error={errors?.title} />
      <div>
        <label htmlFor={`${prefix}-body`} className="block text-xs font-medium text-slate-600">Text</label>
        <textarea
          id={`${prefix}-body`}
          name="body"
          rows={5}
          defaultValue={values.body}
          className={inputClass}
          aria-invalid={Boolean(bodyError)}
          aria-describedby={[`${prefix}-body-hint`, bodyError ? `${prefix}-body-error` : null].filter(Boolean).join(" ")}
        />
        <p id={`${prefix}-body-hint`} className="mt-1 text-xs text-slate-500">
          Up to 10,000 characters. Filled in when an agent inserts it: {"{{requester.name}}"}, {"{{requester.firstName}}"}, {"{{request.reference}}"}, {"{{agent.name}}"}.
        </p>
        <FieldError id={`${prefix}-body-error`} messages={bodyError} />
      </div>
      <fieldset className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-2">
        <legend className="px-1 text-xs font-semibold text-slate-700">Sending it also sets (optional)</legend>
        <SelectField id={`${prefix}-status`} name="setStatus" label="Status" defaultValue={values.setStatus ?? ""} error={errors?.["changes.setStatus"]}>
          <option value="">Leave as it is</option>
          {macroStatuses.map((v) => <option key={v} value={v}>{statusLabel[v]}</option>)}
        </SelectField>
        <SelectField id={`${prefix}-priority`} name="setPriority" label="Priority" defaultValue={values.setPriority ?? ""} error={errors?.["changes.setPriority"]}>
          <option value="">Leave as it is</option>
          {priorities.map((v) => <option key={v} value={v}>{priorityLabel[v]}</option>)}
        </SelectField>
        <SelectField id={`${prefix}-assignee`} name="setAssigneeId" label="Assignee" defaultValue={values.setAssigneeId ?? ""} error={errors?.["changes.setAssigneeId"]}>
          <option value="">Leave as it is</option>
          {agents.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </SelectField>
        <SelectField id={`${prefix}-team`} name="setTeamId" label="Team" defaultValue={values.setTeamId ?? ""} error={errors?.["changes.setTeamId"]}>
          <option value="">Leave as it is</option>
          {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </SelectField>
      </fieldset>
      <div className="flex flex-wrap items-center justify-end gap-3">
        <Banner state={banner} />
        <Button type="submit" disabled={pending}>{id ? "Save" : "Create canned response"}</Button>
      </div>
    </form>
  );
}

export function DeleteCannedResponse({ department, id, title }: { department: string; id: string; title: string }) {
  const { state, pending, formProps } = useActionForm(deleteCannedResponseAction);
  return (
    <form {...formProps} className="flex flex-col items-end">
      <input type="hidden" name="department" value={department} />
      <input type="hidden" name="cannedResponseId" value={id} />
      <Button type="submit" variant="ghost" className="px-2 py-1 text-xs text-red-700 hover:bg-red-50" disabled={pending} >
        Delete<span className="sr-only"> {title}</span>
      </Button>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}
