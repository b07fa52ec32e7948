"use client";
import { Banner, Field, useActionForm } from "../../../../_components/action-form";
import { Button, FieldError, FormMessage, inputClass } from "../../../../_components/ui";
import { createCannedResponseAction, deleteCannedResponseAction, updateCannedResponseAction } from "./actions";

type Values = { title: string; body: string };

/** New (no id) or existing canned response: a title and the text, with its placeholders. */
export function CannedResponseForm({ department, departmentId, id, values }: { department: string; departmentId: string; id?: string; values: Values }) {
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
