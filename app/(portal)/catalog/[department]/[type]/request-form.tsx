"use client";
import { startTransition, useActionState, useState } from "react";
import { z } from "zod";
import { fieldValuesSchema, type FieldDefinition } from "@/lib/validation/fields";
import { fileRequestSchema } from "@/lib/validation/requests";
import { AttachmentInput, type AttachmentLimitsProps } from "../../../../_components/attachment-input";
import { PersonPicker } from "../../../../_components/person-picker";
import { Button, Card, FieldError, FormMessage, inputClass } from "../../../../_components/ui";
import { fileRequestAction } from "./actions";
import { ArticleSuggestions } from "./article-suggestions";

type Errors = Record<string, string[]>;

function collect(form: HTMLFormElement, fields: FieldDefinition[]) {
  const data = new FormData(form);
  const values: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.kind === "file") {
      // The names of the chosen files: enough for "required"; the server checks the files themselves.
      values[f.key] = data.getAll(`file.${f.key}`).flatMap((v) => (typeof v !== "string" && v.size > 0 ? [v.name] : []));
      continue;
    }
    const all = data.getAll(`field.${f.key}`).map(String);
    values[f.key] = f.kind === "multiselect" ? all : f.kind === "checkbox" ? all.length > 0 : all[0];
  }
  return { title: String(data.get("title") ?? ""), description: String(data.get("description") ?? ""), values };
}

/** Validates with the same zod schemas as the server, so mistakes show before anything is sent. */
function validate(form: HTMLFormElement, fields: FieldDefinition[]): Errors {
  const { title, description, values } = collect(form, fields);
  const errors: Errors = {};
  const add = (issues: z.core.$ZodIssue[], prefix: string) => {
    for (const i of issues) (errors[`${prefix}${i.path.map(String).join(".")}`] ??= []).push(i.message);
  };
  const base = fileRequestSchema.pick({ title: true, description: true }).safeParse({ title, description });
  if (!base.success) add(base.error.issues, "");
  const v = fieldValuesSchema(fields).safeParse(values);
  if (!v.success) add(v.error.issues, "fieldValues.");
  return errors;
}

export function RequestForm({ typeId, fields, submissionKey, limits }: { typeId: string; fields: FieldDefinition[]; submissionKey: string; limits: AttachmentLimitsProps }) {
  const [state, action, pending] = useActionState(fileRequestAction, null);
  const [clientErrors, setClientErrors] = useState<Errors>({});
  const [title, setTitle] = useState("");
  const errors: Errors = { ...(state && !state.ok ? state.fieldErrors : {}), ...clientErrors };
  const describe = (key: string) => (errors[key]?.length ? `${key}-error` : undefined);

  return (
    <Card>
      <form
        action={action}
        noValidate
        className="space-y-5"
        onSubmit={(event) => {
          // Dispatched by hand so a refused submission keeps what was typed and chosen (React would reset the form).
          event.preventDefault();
          const found = validate(event.currentTarget, fields);
          setClientErrors(found);
          if (Object.keys(found).length) return;
          const data = new FormData(event.currentTarget);
          startTransition(() => action(data));
        }}
      >
        <input type="hidden" name="typeId" value={typeId} />
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <FormMessage state={state && !state.ok && !state.fieldErrors?.attachments ? state : null} />
        <div>
          <label htmlFor="title" className="block text-sm font-medium">
            Title <span className="text-red-700" aria-hidden>*</span>
          </label>
          <input id="title" name="title" className={inputClass} maxLength={160} aria-invalid={Boolean(errors.title)} aria-describedby={describe("title")} onChange={(e) => setTitle(e.target.value)} />
          <FieldError id="title-error" messages={errors.title} />
          <div className="mt-2">
            <ArticleSuggestions typeId={typeId} title={title} />
          </div>
        </div>
        <div>
          <label htmlFor="description" className="block text-sm font-medium">
            What do you need? <span className="text-red-700" aria-hidden>*</span>
          </label>
          <textarea id="description" name="description" rows={5} className={inputClass} aria-invalid={Boolean(errors.description)} aria-describedby={describe("description")} />
          <FieldError id="description-error" messages={errors.description} />
        </div>
        {fields.map((f) => (
          <FieldInput key={f.key} field={f} errors={errors[`fieldValues.${f.key}`]} limits={limits} />
        ))}
        <AttachmentInput id="attachments" limits={limits} errors={errors.attachments} />
        <div className="flex justify-end">
          <Button type="submit" disabled={pending}>
            {pending ? "Sending…" : "Send request"}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function FieldInput({ field, errors, limits }: { field: FieldDefinition; errors?: string[]; limits: AttachmentLimitsProps }) {
  const id = `field-${field.key}`;
  const name = `field.${field.key}`;
  const errorId = `fieldValues.${field.key}-error`;
  const aria = { "aria-invalid": Boolean(errors?.length), "aria-describedby": [field.help ? `${id}-help` : "", errors?.length ? errorId : ""].filter(Boolean).join(" ") || undefined };
  const label = (
    <>
      {field.label} {field.required ? <span className="text-red-700" aria-hidden>*</span> : <span className="text-xs font-normal text-slate-500">(optional)</span>}
    </>
  );
  const help = field.help ? <p id={`${id}-help`} className="mt-1 text-xs text-slate-600">{field.help}</p> : null;
  const error = <FieldError id={errorId} messages={errors} />;

  if (field.kind === "person") {
    return <PersonPicker id={id} name={name} label={label} labelClassName="block text-sm font-medium" help={field.help} error={errors} errorId={errorId} />;
  }
  if (field.kind === "file") {
    return <AttachmentInput id={id} name={`file.${field.key}`} label={label} help={field.help} limits={limits} errors={errors} errorId={errorId} />;
  }
  if (field.kind === "checkbox") {
    return (
      <div>
        <div className="flex items-center gap-2">
          <input id={id} name={name} type="checkbox" className="h-4 w-4 rounded border-slate-300" {...aria} />
          <label htmlFor={id} className="text-sm font-medium">{label}</label>
        </div>
        {help}
        {error}
      </div>
    );
  }
  if (field.kind === "multiselect") {
    return (
      <fieldset {...aria}>
        <legend className="text-sm font-medium">{label}</legend>
        <input type="hidden" name={`multi.${field.key}`} value="1" />
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {field.options.map((o, i) => (
            <label key={o} htmlFor={`${id}-${i}`} className="flex items-center gap-2 text-sm">
              <input id={`${id}-${i}`} type="checkbox" name={name} value={o} className="h-4 w-4 rounded border-slate-300" />
              {o}
            </label>
          ))}
        </div>
        {help}
        {error}
      </fieldset>
    );
  }
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      {field.kind === "textarea" ? (
        <textarea id={id} name={name} rows={4} className={inputClass} maxLength={field.maxLength} {...aria} />
      ) : field.kind === "select" ? (
        <select id={id} name={name} className={inputClass} defaultValue="" {...aria}>
          <option value="">Choose…</option>
          {field.options.map((o) => (
            <option key={o} value={o}>{o}</option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          name={name}
          className={inputClass}
          type={field.kind === "number" ? "number" : field.kind === "date" ? "date" : "text"}
          step={field.kind === "number" ? (field.integer ? 1 : "any") : undefined}
          maxLength={field.kind === "text" ? field.maxLength : undefined}
          {...aria}
        />
      )}
      {help}
      {error}
    </div>
  );
}
