"use client";
import { startTransition, useActionState, useEffect, useMemo, type FocusEvent } from "react";
import { Controller, useForm, useWatch, type Control, type FieldErrors, type Resolver, type UseFormRegister } from "react-hook-form";
import type { FieldDefinition } from "@/lib/validation/fields";
import { AttachmentInput, type AttachmentLimitsProps } from "../../../../_components/attachment-input";
import { PersonPicker } from "../../../../_components/person-picker";
import { Button, Card, FieldError, FormMessage, inputClass } from "../../../../_components/ui";
import { fileRequestAction } from "./actions";
import { ArticleSuggestions } from "./article-suggestions";

type Values = { title: string; description: string; fieldValues: Record<string, unknown> };
type Errors = Record<string, string[]>;

/**
 * The form's resolver: zod, the resolver and the schemas are fetched when the form is first
 * focused or checked, not with the page (they are most of its script).
 */
const loadResolver = async (fields: FieldDefinition[]) => {
  const [{ zodResolver }, { requestFormSchema }] = await Promise.all([import("@hookform/resolvers/zod"), import("./request-form-schema")]);
  return zodResolver(requestFormSchema(fields)) as unknown as Resolver<Values>;
};

const fieldId = (name: string) => (name.startsWith("fieldValues.") ? `field-${name.slice("fieldValues.".length)}` : name);

/**
 * Leaving a field for the submit button (or a picker's list) does not check it: the message would
 * move the layout under the pointer and the click would miss. Submitting checks everything anyway.
 */
const leavesForSubmit = (event: FocusEvent) =>
  event.relatedTarget instanceof Element && Boolean(event.relatedTarget.closest('button[type="submit"], [cmdk-item], [role="option"]'));

/** react-hook-form's nested errors, flattened to the names the server's fieldErrors use. */
function flatten(errors: FieldErrors<Values>): Errors {
  const out: Errors = {};
  if (errors.title?.message) out.title = [errors.title.message];
  if (errors.description?.message) out.description = [errors.description.message];
  for (const [key, e] of Object.entries((errors.fieldValues ?? {}) as Record<string, { message?: string } | undefined>)) {
    if (e?.message) out[`fieldValues.${key}`] = [e.message];
  }
  return out;
}

/**
 * The filing form on react-hook-form. Each field is checked when the requester leaves it and all of
 * them on submit; the first wrong one gets the focus. It posts to its Server Action, so it files
 * without JavaScript too; with it, the data is dispatched by hand so a refused filing keeps
 * everything typed and chosen (React would reset the form).
 */
export function RequestForm({ typeId, fields, submissionKey, limits }: { typeId: string; fields: FieldDefinition[]; submissionKey: string; limits: AttachmentLimitsProps }) {
  const [state, action, pending] = useActionState(fileRequestAction, null);
  const { resolver, preload } = useMemo(() => {
    let loaded: Promise<Resolver<Values>> | undefined;
    const load = () => (loaded ??= loadResolver(fields));
    return { preload: () => void load(), resolver: (async (values, context, options) => (await load())(values, context, options)) satisfies Resolver<Values> };
  }, [fields]);
  const defaultValues = useMemo<Values>(
    () => ({ title: "", description: "", fieldValues: Object.fromEntries(fields.map((f) => [f.key, f.kind === "multiselect" || f.kind === "file" ? [] : f.kind === "checkbox" ? false : ""])) }),
    [fields],
  );
  const { register, control, handleSubmit, formState } = useForm<Values>({
    resolver,
    mode: "onTouched",
    shouldFocusError: false,
    defaultValues,
  });
  const order = ["title", "description", ...fields.map((f) => `fieldValues.${f.key}`), "attachments"];

  // The server's messages stand until the next submission; the browser's own replace them field by field.
  const server: Errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const errors: Errors = { ...server, ...flatten(formState.errors) };
  const focusFirst = (names: string[]) => {
    const first = order.find((n) => names.includes(n));
    if (first) document.getElementById(fieldId(first))?.focus();
  };
  useEffect(() => {
    if (state && !state.ok && state.fieldErrors) focusFirst(Object.keys(state.fieldErrors));
    // Only a new answer from the server moves the focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  const title = useWatch({ control, name: "title" });
  const leave = (onBlur: (e: FocusEvent<HTMLElement>) => unknown) => (event: FocusEvent<HTMLElement>) => {
    if (!leavesForSubmit(event)) void onBlur(event);
  };
  const field = (name: "title" | "description") => {
    const r = register(name);
    return { ...r, onBlur: leave(r.onBlur) };
  };

  return (
    <Card>
      <form
        action={action}
        noValidate
        className="space-y-5"
        onFocus={preload}
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          void handleSubmit(
            () => startTransition(() => action(data)),
            (found) => focusFirst(Object.keys(flatten(found))),
          )(event);
        }}
      >
        <input type="hidden" name="typeId" value={typeId} />
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <FormMessage state={state && !state.ok && !state.fieldErrors?.attachments ? state : null} />
        <div>
          <label htmlFor="title" className="block text-sm font-medium">
            Title <span className="text-red-700" aria-hidden>*</span>
          </label>
          <input id="title" className={inputClass} maxLength={160} aria-invalid={Boolean(errors.title)} aria-describedby={errors.title ? "title-error" : undefined} {...field("title")} />
          <FieldError id="title-error" messages={errors.title} />
          <div className="mt-2">
            <ArticleSuggestions typeId={typeId} title={title} />
          </div>
        </div>
        <div>
          <label htmlFor="description" className="block text-sm font-medium">
            What do you need? <span className="text-red-700" aria-hidden>*</span>
          </label>
          <textarea id="description" rows={5} className={inputClass} aria-invalid={Boolean(errors.description)} aria-describedby={errors.description ? "description-error" : undefined} {...field("description")} />
          <FieldError id="description-error" messages={errors.description} />
        </div>
        {fields.map((f) => (
          <FieldInput key={f.key} field={f} errors={errors[`fieldValues.${f.key}`]} limits={limits} register={register} control={control} leave={leave} />
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

function FieldInput({
  field,
  errors,
  limits,
  register,
  control,
  leave,
}: {
  field: FieldDefinition;
  errors?: string[];
  limits: AttachmentLimitsProps;
  register: UseFormRegister<Values>;
  control: Control<Values>;
  leave: (onBlur: (e: FocusEvent<HTMLElement>) => unknown) => (e: FocusEvent<HTMLElement>) => void;
}) {
  const id = `field-${field.key}`;
  // The form part is named as react-hook-form names the value; the Server Action reads fieldValues.<key>.
  const name = `fieldValues.${field.key}` as const;
  const errorId = `fieldValues.${field.key}-error`;
  const aria = { "aria-invalid": Boolean(errors?.length), "aria-describedby": [field.help ? `${id}-help` : "", errors?.length ? errorId : ""].filter(Boolean).join(" ") || undefined };
  const label = (
    <>
      {field.label} {field.required ? <span className="text-red-700" aria-hidden>*</span> : <span className="text-xs font-normal text-slate-500">(optional)</span>}
    </>
  );
  const help = field.help ? <p id={`${id}-help`} className="mt-1 text-xs text-slate-600">{field.help}</p> : null;
  const error = <FieldError id={errorId} messages={errors} />;
  const registered = () => {
    const r = register(name);
    return { ...r, onBlur: leave(r.onBlur) };
  };

  if (field.kind === "person") {
    return (
      <Controller
        control={control}
        name={name}
        render={({ field: c }) => (
          <PersonPicker
            id={id}
            name={name}
            label={label}
            labelClassName="block text-sm font-medium"
            help={field.help}
            error={errors}
            errorId={errorId}
            inputRef={c.ref}
            onChoose={(p) => c.onChange(p.id)}
            onClear={() => c.onChange("")}
            onBlur={leave(c.onBlur)}
          />
        )}
      />
    );
  }
  if (field.kind === "file") {
    return (
      <Controller
        control={control}
        name={name}
        render={({ field: c }) => (
          <AttachmentInput id={id} name={`file.${field.key}`} label={label} help={field.help} limits={limits} errors={errors} errorId={errorId} onFiles={c.onChange} onBlur={leave(c.onBlur)} />
        )}
      />
    );
  }
  if (field.kind === "checkbox") {
    return (
      <div>
        <div className="flex items-center gap-2">
          <input id={id} type="checkbox" className="h-4 w-4 rounded border-slate-300" {...aria} {...registered()} />
          <label htmlFor={id} className="text-sm font-medium">{label}</label>
        </div>
        {help}
        {error}
      </div>
    );
  }
  if (field.kind === "multiselect") {
    // A group of checkboxes held as one list (react-hook-form would read a single box as true/false).
    return (
      <Controller
        control={control}
        name={name}
        render={({ field: c }) => {
          const chosen = Array.isArray(c.value) ? (c.value as string[]) : [];
          return (
            <fieldset {...aria}>
              <legend className="text-sm font-medium">{label}</legend>
              <input type="hidden" name={`multi.${field.key}`} value="1" />
              <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                {field.options.map((o, i) => (
                  <label key={o} htmlFor={i === 0 ? id : `${id}-${i}`} className="flex items-center gap-2 text-sm">
                    <input
                      id={i === 0 ? id : `${id}-${i}`}
                      ref={i === 0 ? c.ref : undefined}
                      type="checkbox"
                      name={name}
                      value={o}
                      checked={chosen.includes(o)}
                      onChange={(e) => c.onChange(e.target.checked ? [...chosen, o] : chosen.filter((v) => v !== o))}
                      onBlur={leave(c.onBlur)}
                      className="h-4 w-4 rounded border-slate-300"
                    />
                    {o}
                  </label>
                ))}
              </div>
              {help}
              {error}
            </fieldset>
          );
        }}
      />
    );
  }
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      {field.kind === "textarea" ? (
        <textarea id={id} rows={4} className={inputClass} maxLength={field.maxLength} {...aria} {...registered()} />
      ) : field.kind === "select" ? (
        <select id={id} className={inputClass} {...aria} {...registered()}>
          <option value="">Choose…</option>
          {field.options.map((o) => (
            <option key={o} value={o}>{o}</option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          className={inputClass}
          type={field.kind === "number" ? "number" : field.kind === "date" ? "date" : "text"}
          step={field.kind === "number" ? (field.integer ? 1 : "any") : undefined}
          maxLength={field.kind === "text" ? field.maxLength : undefined}
          {...aria}
          {...registered()}
        />
      )}
      {help}
      {error}
    </div>
  );
}
