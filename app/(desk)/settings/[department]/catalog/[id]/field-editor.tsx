"use client";
import { useId } from "react";
import { useFieldArray, useForm, useWatch, type Control, type FieldErrors, type Resolver, type UseFormRegister, type UseFormSetValue } from "react-hook-form";
import { keyFromLabel } from "@/lib/validation/catalog-keys";
import { fieldKinds, type FieldKind } from "@/lib/validation/field-kinds";
import type { FieldDefinition } from "@/lib/validation/fields";
import { useActionForm } from "../../../../../_components/action-form";
import { Button, FieldError, FormMessage, cx, inputClass } from "../../../../../_components/ui";
import { setRequestTypeFieldsAction } from "../actions";

const kindLabel: Record<FieldKind, string> = {
  text: "Short text",
  textarea: "Long text",
  number: "Number",
  date: "Date",
  select: "Choice (one)",
  multiselect: "Choices (several)",
  checkbox: "Checkbox",
  person: "Co-worker",
  file: "File upload",
};

/** A field as the editor holds it: every setting as typed, turned into a definition on save. */
type Draft = {
  kind: FieldKind;
  label: string;
  key: string;
  /** A new field's key follows its label until edited; a saved field keeps its key (stored values use it). */
  keyEdited: boolean;
  help: string;
  required: boolean;
  maxLength: string;
  min: string;
  max: string;
  integer: boolean;
  options: { value: string }[];
};
type Values = { fields: Draft[] };
type Saved = { fields: FieldDefinition[] };
type EditorControl = Control<Values, unknown, Saved>;
type Errors = Record<string, string[]>;

function toDraft(f: FieldDefinition): Draft {
  return {
    kind: f.kind,
    label: f.label,
    key: f.key,
    keyEdited: true,
    help: f.help ?? "",
    required: f.required,
    maxLength: "maxLength" in f ? String(f.maxLength) : "",
    min: f.kind === "number" && f.min !== undefined ? String(f.min) : "",
    max: f.kind === "number" && f.max !== undefined ? String(f.max) : "",
    integer: f.kind === "number" ? f.integer : false,
    options: "options" in f ? f.options.map((value) => ({ value })) : [],
  };
}

const blankDraft = (): Draft => ({ kind: "text", label: "", key: "", keyEdited: false, help: "", required: false, maxLength: "", min: "", max: "", integer: false, options: [] });

const num = (text: string) => (text.trim() === "" ? undefined : Number(text.trim()));

function toDefinition(d: Draft): unknown {
  const base = { key: d.key.trim(), label: d.label.trim(), required: d.required, ...(d.help.trim() ? { help: d.help.trim() } : {}) };
  switch (d.kind) {
    case "text":
    case "textarea":
      return { ...base, kind: d.kind, ...(num(d.maxLength) !== undefined ? { maxLength: num(d.maxLength) } : {}) };
    case "number":
      return { ...base, kind: d.kind, integer: d.integer, ...(num(d.min) !== undefined ? { min: num(d.min) } : {}), ...(num(d.max) !== undefined ? { max: num(d.max) } : {}) };
    case "select":
    case "multiselect":
      return { ...base, kind: d.kind, options: d.options.map((o) => o.value) };
    default:
      return { ...base, kind: d.kind };
  }
}

/**
 * The editor's drafts are checked by the server's own schema (./field-editor-schema.ts): zod, the
 * resolver and the schema are fetched when the editor is first checked, not with the page.
 */
let loaded: Promise<Resolver<Values, unknown, Saved>> | undefined;
const loadResolver = () =>
  (loaded ??= Promise.all([import("@hookform/resolvers/zod"), import("./field-editor-schema")]).then(([{ zodResolver }, { editorSchema }]) => zodResolver(editorSchema(toDefinition))));
const resolver: Resolver<Values, unknown, Saved> = async (values, context, options) => (await loadResolver())(values, context, options);

type Node = { message?: string; root?: { message?: string } } | undefined;
const messageOf = (node: unknown): string[] | undefined => {
  const n = node as Node;
  const m = n?.message ?? n?.root?.message;
  return m ? [m] : undefined;
};

/**
 * The fields of a request type's form on react-hook-form: add, edit, remove and reorder fields and
 * their options (useFieldArray), then save all at once. The drafts are checked with the server's
 * schema before they are sent; the server checks again and refuses a stale version (someone else
 * saved in between).
 */
export function FieldEditor({ department, typeId, version, fields, requestCount }: { department: string; typeId: string; version: number; fields: FieldDefinition[]; requestCount: number }) {
  const { formProps, errors: serverErrors, banner, pending, submit } = useActionForm(setRequestTypeFieldsAction);
  const { control, register, setValue, handleSubmit, formState } = useForm<Values, unknown, Saved>({
    resolver,
    defaultValues: { fields: fields.map(toDraft) },
  });
  const list = useFieldArray({ control, name: "fields" });
  const uid = useId();
  const savedKeys = new Set(fields.map((f) => f.key));
  const clientErrors = formState.errors;
  const hasClientErrors = Object.keys(clientErrors).length > 0;
  // The server's messages, by path (fields.0.label); the browser's own come first.
  const server: Errors = hasClientErrors ? {} : (serverErrors ?? {});

  const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());
  const move = (i: number, to: number, button: "up" | "down") => {
    const moved = list.fields[i]!.id;
    list.swap(i, to);
    // Keep the keyboard where it was: on the same button of the field that moved, or the other one at an end.
    const edge = button === "up" ? to === 0 : to === list.fields.length - 1;
    focusLater(`${uid}-${moved}-${edge ? (button === "up" ? "down" : "up") : button}`);
  };
  const remove = (i: number) => {
    const neighbour = list.fields[i + 1] ?? list.fields[i - 1];
    list.remove(i);
    focusLater(neighbour ? `${uid}-${neighbour.id}-label` : `${uid}-add`);
  };

  const topErrors = messageOf(clientErrors.fields) ?? server.fields ?? server._form;
  return (
    <form
      {...formProps}
      onSubmit={(event) => {
        const form = event.currentTarget;
        void handleSubmit((valid) => {
          const data = new FormData(form);
          data.set("fields", JSON.stringify(valid.fields));
          submit(data);
        })(event);
      }}
      className="space-y-4"
      noValidate
      onFocus={() => void loadResolver()}
    >
      <input type="hidden" name="department" value={department} />
      <input type="hidden" name="typeId" value={typeId} />
      <input type="hidden" name="expectedVersion" value={version} />
      {requestCount ? (
        <p className="text-xs text-slate-600">
          {requestCount} request{requestCount === 1 ? " was" : "s were"} filed with this form. They keep their values: a removed field&apos;s value stays on its request under the field&apos;s key.
        </p>
      ) : null}
      {list.fields.length === 0 ? <p className="text-sm text-slate-600">No fields yet: requesters give a title and a description only.</p> : null}
      <ol className="space-y-3">
        {list.fields.map((item, i) => (
          <li key={item.id}>
            <FieldCard
              id={`${uid}-${item.id}`}
              index={i}
              count={list.fields.length}
              savedKeys={savedKeys}
              control={control}
              register={register}
              setValue={setValue}
              clientErrors={clientErrors}
              server={server}
              onMove={(dir) => move(i, dir === "up" ? i - 1 : i + 1, dir)}
              onRemove={() => remove(i)}
            />
          </li>
        ))}
      </ol>
      <FieldError id={`${uid}-fields-error`} messages={topErrors} />
      {hasClientErrors ? <p role="alert" className="text-sm text-red-700">Some fields need a fix (marked in red): nothing was saved yet.</p> : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button id={`${uid}-add`} type="button" variant="secondary" onClick={() => list.append(blankDraft(), { focusName: `fields.${list.fields.length}.label` })} disabled={list.fields.length >= 30}>
          Add a field
        </Button>
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save form"}</Button>
        <FormMessage state={hasClientErrors ? null : banner} />
      </div>
    </form>
  );
}

function FieldCard({
  id,
  index,
  count,
  savedKeys,
  control,
  register,
  setValue,
  clientErrors,
  server,
  onMove,
  onRemove,
}: {
  id: string;
  index: number;
  count: number;
  savedKeys: Set<string>;
  control: EditorControl;
  register: UseFormRegister<Values>;
  setValue: UseFormSetValue<Values>;
  clientErrors: FieldErrors<Values>;
  server: Errors;
  onMove: (direction: "up" | "down") => void;
  onRemove: () => void;
}) {
  const d = useWatch({ control, name: `fields.${index}` });
  const mine = clientErrors.fields?.[index] as Record<string, unknown> | undefined;
  const at = (prop: string) => messageOf(mine?.[prop]) ?? server[`fields.${index}.${prop}`];
  const own = ["label", "key", "help", "maxLength", "min", "max", "options"];
  const rest = [
    ...(messageOf(mine) ?? []),
    ...Object.entries(mine ?? {}).flatMap(([k, v]) => (own.includes(k) ? [] : (messageOf(v) ?? []))),
    ...Object.entries(server).flatMap(([k, v]) => (k.startsWith(`fields.${index}.`) && !own.some((p) => k.slice(`fields.${index}.`.length).startsWith(p)) ? v : [])),
  ];
  const name = d.label.trim() || `field ${index + 1}`;
  const saved = savedKeys.has(d.key) && d.keyEdited;
  const input = (prop: "label" | "key" | "help" | "maxLength" | "min" | "max", label: string, props: { hint?: string; type?: string; inputMode?: "numeric" | "decimal"; onChange?: (value: string) => void } = {}) => {
    const errorId = `${id}-${prop}-error`;
    const hintId = `${id}-${prop}-hint`;
    const describedBy = [props.hint ? hintId : null, at(prop) ? errorId : null].filter(Boolean).join(" ") || undefined;
    const r = register(`fields.${index}.${prop}`);
    return (
      <div>
        <label htmlFor={`${id}-${prop}`} className="block text-xs font-medium text-slate-600">{label}</label>
        <input
          id={`${id}-${prop}`}
          type={props.type ?? "text"}
          inputMode={props.inputMode}
          autoComplete="off"
          className={inputClass}
          aria-invalid={Boolean(at(prop))}
          aria-describedby={describedBy}
          {...r}
          onChange={(e) => {
            props.onChange?.(e.target.value);
            void r.onChange(e);
          }}
        />
        {props.hint ? <p id={hintId} className="mt-1 text-xs text-slate-500">{props.hint}</p> : null}
        <FieldError id={errorId} messages={at(prop)} />
      </div>
    );
  };
  const invalid = Boolean(mine) || Object.keys(server).some((k) => k.startsWith(`fields.${index}.`));
  return (
    <fieldset className={cx("rounded-md border p-3", invalid ? "border-red-300 bg-red-50/40" : "border-slate-200")}>
      <legend className="px-1 text-sm font-semibold text-slate-800">
        {index + 1}. {d.label.trim() || "New field"} <span className="font-normal text-slate-500">({kindLabel[d.kind]})</span>
      </legend>
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr_12rem]">
        {input("label", "Label", {
          onChange: (label) => {
            if (!d.keyEdited) setValue(`fields.${index}.key`, keyFromLabel(label));
          },
        })}
        {input("key", "Key", {
          onChange: () => setValue(`fields.${index}.keyEdited`, true),
          hint: saved ? "Filed requests keep their values under this key." : "Follows the label until you change it.",
        })}
        <div>
          <label htmlFor={`${id}-kind`} className="block text-xs font-medium text-slate-600">Kind</label>
          <select id={`${id}-kind`} className={inputClass} {...register(`fields.${index}.kind`)}>
            {fieldKinds.map((k) => (
              <option key={k} value={k}>{kindLabel[k]}</option>
            ))}
          </select>
        </div>
      </div>
      <div className="mt-3 grid gap-3 sm:grid-cols-[1fr_auto]">
        {input("help", "Help text (optional)")}
        <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-800">
          <input type="checkbox" className="h-4 w-4 rounded border-slate-300" {...register(`fields.${index}.required`)} />
          Required
        </label>
      </div>
      {d.kind === "text" || d.kind === "textarea" ? (
        <div className="mt-3 grid gap-3 sm:grid-cols-3">
          {input("maxLength", "Longest answer (characters)", { type: "number", inputMode: "numeric", hint: d.kind === "text" ? "Up to 500; 200 if empty." : "Up to 10,000; 4,000 if empty." })}
        </div>
      ) : null}
      {d.kind === "number" ? (
        <div className="mt-3 grid gap-3 sm:grid-cols-3">
          {input("min", "Smallest (optional)", { type: "number", inputMode: "decimal" })}
          {input("max", "Largest (optional)", { type: "number", inputMode: "decimal" })}
          <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-800">
            <input type="checkbox" className="h-4 w-4 rounded border-slate-300" {...register(`fields.${index}.integer`)} />
            Whole numbers only
          </label>
        </div>
      ) : null}
      {d.kind === "select" || d.kind === "multiselect" ? (
        <OptionList id={id} index={index} fieldName={name} control={control} register={register} errors={mine?.options} listErrors={at("options")} server={server} />
      ) : null}
      <FieldError id={`${id}-error`} messages={rest.length ? rest : undefined} />
      <div className="mt-3 flex flex-wrap justify-end gap-2">
        <Button id={`${id}-up`} type="button" variant="secondary" className="px-2 py-1" disabled={index === 0} onClick={() => onMove("up")} aria-label={`Move ${name} up`} title="Move up">↑</Button>
        <Button id={`${id}-down`} type="button" variant="secondary" className="px-2 py-1" disabled={index === count - 1} onClick={() => onMove("down")} aria-label={`Move ${name} down`} title="Move down">↓</Button>
        <Button type="button" variant="ghost" className="px-2 py-1 text-red-700 hover:bg-red-50" onClick={onRemove} aria-label={`Remove ${name}`}>Remove</Button>
      </div>
    </fieldset>
  );
}

/** A choice field's options, one input each: add, remove and reorder them (a nested useFieldArray). */
function OptionList({
  id,
  index,
  fieldName,
  control,
  register,
  errors,
  listErrors,
  server,
}: {
  id: string;
  index: number;
  fieldName: string;
  control: EditorControl;
  register: UseFormRegister<Values>;
  errors: unknown;
  listErrors?: string[];
  server: Errors;
}) {
  const options = useFieldArray({ control, name: `fields.${index}.options` });
  const values = useWatch({ control, name: `fields.${index}.options` });
  const each = (j: number) => messageOf((errors as unknown[] | undefined)?.[j]) ?? server[`fields.${index}.options.${j}`];
  const focusLater = (target: string) => requestAnimationFrame(() => document.getElementById(target)?.focus());
  const listErrorId = `${id}-options-error`;
  return (
    <fieldset className="mt-3" aria-describedby={listErrors ? listErrorId : undefined}>
      <legend className="block text-xs font-medium text-slate-600">Options</legend>
      {options.fields.length === 0 ? <p className="text-xs text-slate-600">No options yet.</p> : null}
      <ol className="mt-1 space-y-2">
        {options.fields.map((o, j) => {
          const label = values?.[j]?.value.trim() || `option ${j + 1}`;
          const inputId = `${id}-option-${o.id}`;
          return (
            <li key={o.id} className="flex flex-wrap items-start gap-2">
              <div className="min-w-0 flex-1">
                <label htmlFor={inputId} className="sr-only">{`Option ${j + 1} of ${fieldName}`}</label>
                <input
                  id={inputId}
                  autoComplete="off"
                  className={inputClass}
                  aria-invalid={Boolean(each(j))}
                  aria-describedby={each(j) ? `${inputId}-error` : undefined}
                  {...register(`fields.${index}.options.${j}.value`)}
                />
                <FieldError id={`${inputId}-error`} messages={each(j)} />
              </div>
              <Button type="button" variant="secondary" className="mt-1 px-2 py-1" disabled={j === 0} aria-label={`Move option ${label} up`} title="Move up"
                onClick={() => {
                  options.swap(j, j - 1);
                  focusLater(`${inputId}-up`);
                }}
                id={`${inputId}-up`}
              >↑</Button>
              <Button type="button" variant="secondary" className="mt-1 px-2 py-1" disabled={j === options.fields.length - 1} aria-label={`Move option ${label} down`} title="Move down"
                onClick={() => {
                  options.swap(j, j + 1);
                  focusLater(`${inputId}-down`);
                }}
                id={`${inputId}-down`}
              >↓</Button>
              <Button type="button" variant="ghost" className="mt-1 px-2 py-1 text-red-700 hover:bg-red-50" aria-label={`Remove option ${label}`}
                onClick={() => {
                  const neighbour = options.fields[j + 1] ?? options.fields[j - 1];
                  options.remove(j);
                  focusLater(neighbour ? `${id}-option-${neighbour.id}` : `${id}-add-option`);
                }}
              >Remove</Button>
            </li>
          );
        })}
      </ol>
      <FieldError id={listErrorId} messages={listErrors} />
      <Button id={`${id}-add-option`} type="button" variant="secondary" className="mt-2 px-2 py-1" disabled={options.fields.length >= 50}
        onClick={() => options.append({ value: "" }, { focusName: `fields.${index}.options.${options.fields.length}.value` })}
      >Add an option</Button>
    </fieldset>
  );
}
