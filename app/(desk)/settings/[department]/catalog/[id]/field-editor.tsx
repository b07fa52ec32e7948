"use client";
import { useId, useState } from "react";
import { keyFromLabel } from "@/lib/validation/catalog-settings";
import { fieldDefinitionsSchema, fieldKinds, type FieldDefinition, type FieldKind } from "@/lib/validation/fields";
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
  uid: string;
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
  options: string;
};

type Errors = Record<string, string[]>;

// Saved fields get ids from their position (the same on the server and in the browser); fields
// added in the browser count on from there.
let counter = 0;
const nextUid = () => `new${++counter}`;

function toDraft(f: FieldDefinition, index: number): Draft {
  return {
    uid: `saved${index}`,
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
    options: "options" in f ? f.options.join("\n") : "",
  };
}

const blankDraft = (): Draft => ({ uid: nextUid(), kind: "text", label: "", key: "", keyEdited: false, help: "", required: false, maxLength: "", min: "", max: "", integer: false, options: "" });

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
      return { ...base, kind: d.kind, options: d.options.split("\n").map((o) => o.trim()).filter(Boolean) };
    default:
      return { ...base, kind: d.kind };
  }
}

function zodErrors(drafts: Draft[]): Errors {
  const result = fieldDefinitionsSchema.safeParse(drafts.map(toDefinition));
  if (result.success) return {};
  const errors: Errors = {};
  for (const issue of result.error.issues) (errors[["fields", ...issue.path.map(String)].join(".")] ??= []).push(issue.message);
  return errors;
}

/**
 * The fields of a request type's form: add, edit, remove and reorder, then save all at once. The
 * draft is checked with the same schema as the server before it is sent; the server checks again
 * and refuses a stale version (someone else saved in between).
 */
export function FieldEditor({ department, typeId, version, fields, requestCount }: { department: string; typeId: string; version: number; fields: FieldDefinition[]; requestCount: number }) {
  const { formProps, errors: serverErrors, banner, pending, state } = useActionForm(setRequestTypeFieldsAction);
  const [drafts, setDrafts] = useState<Draft[]>(() => fields.map(toDraft));
  const [clientErrors, setClientErrors] = useState<Errors | null>(null);
  const [seen, setSeen] = useState(state);
  if (state !== seen) {
    setSeen(state);
    setClientErrors(null);
  }
  const errors: Errors = clientErrors ?? serverErrors ?? {};
  const uid = useId();
  const savedKeys = new Set(fields.map((f) => f.key));

  const update = (i: number, change: Partial<Draft>) =>
    setDrafts((all) =>
      all.map((d, j) => {
        if (j !== i) return d;
        const next = { ...d, ...change };
        if ("label" in change && !d.keyEdited) next.key = keyFromLabel(next.label);
        return next;
      }),
    );
  const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());
  const move = (i: number, to: number, button: "up" | "down") => {
    setDrafts((all) => {
      const next = [...all];
      [next[i], next[to]] = [next[to]!, next[i]!];
      return next;
    });
    setClientErrors(null);
    // Keep the keyboard where it was: on the same button of the field that moved, or the other one at an end.
    const edge = button === "up" ? to === 0 : to === drafts.length - 1;
    focusLater(`${uid}-${drafts[i]!.uid}-${edge ? (button === "up" ? "down" : "up") : button}`);
  };
  const remove = (i: number) => {
    const neighbour = drafts[i + 1] ?? drafts[i - 1];
    setDrafts((all) => all.filter((_, j) => j !== i));
    setClientErrors(null);
    focusLater(neighbour ? `${uid}-${neighbour.uid}-label` : `${uid}-add`);
  };
  const add = () => {
    const draft = blankDraft();
    setDrafts((all) => [...all, draft]);
    focusLater(`${uid}-${draft.uid}-label`);
  };

  const topErrors = errors.fields ?? errors._form;
  return (
    <form
      {...formProps}
      onSubmit={(event) => {
        const found = zodErrors(drafts);
        if (Object.keys(found).length) {
          event.preventDefault();
          setClientErrors(found);
          return;
        }
        setClientErrors(null);
        formProps.onSubmit(event);
      }}
      className="space-y-4"
      noValidate
    >
      <input type="hidden" name="department" value={department} />
      <input type="hidden" name="typeId" value={typeId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <input type="hidden" name="fields" value={JSON.stringify(drafts.map(toDefinition))} />
      {requestCount ? (
        <p className="text-xs text-slate-600">
          {requestCount} request{requestCount === 1 ? " was" : "s were"} filed with this form. They keep their values: a removed field&apos;s value stays on its request under the field&apos;s key.
        </p>
      ) : null}
      {drafts.length === 0 ? <p className="text-sm text-slate-600">No fields yet: requesters give a title and a description only.</p> : null}
      <ol className="space-y-3">
        {drafts.map((d, i) => (
          <li key={d.uid}>
            <FieldCard
              id={`${uid}-${d.uid}`}
              index={i}
              draft={d}
              count={drafts.length}
              saved={savedKeys.has(d.key) && d.keyEdited}
              errors={errors}
              onChange={(change) => update(i, change)}
              onMove={(dir) => move(i, dir === "up" ? i - 1 : i + 1, dir)}
              onRemove={() => remove(i)}
            />
          </li>
        ))}
      </ol>
      <FieldError id={`${uid}-fields-error`} messages={topErrors} />
      {clientErrors && Object.keys(clientErrors).length ? (
        <p role="alert" className="text-sm text-red-700">Some fields need a fix (marked in red): nothing was saved yet.</p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button id={`${uid}-add`} type="button" variant="secondary" onClick={add} disabled={drafts.length >= 30}>Add a field</Button>
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save form"}</Button>
        <FormMessage state={banner} />
      </div>
    </form>
  );
}

function FieldCard({
  id,
  index,
  draft: d,
  count,
  saved,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  id: string;
  index: number;
  draft: Draft;
  count: number;
  saved: boolean;
  errors: Errors;
  onChange: (change: Partial<Draft>) => void;
  onMove: (direction: "up" | "down") => void;
  onRemove: () => void;
}) {
  const at = (prop: string) => errors[`fields.${index}.${prop}`];
  const rest = Object.entries(errors).flatMap(([k, v]) =>
    k.startsWith(`fields.${index}.`) && !["label", "key", "help", "maxLength", "min", "max", "options"].includes(k.slice(`fields.${index}.`.length)) ? v : [],
  );
  const name = d.label.trim() || `field ${index + 1}`;
  const input = (prop: string, label: string, props: { value: string; onChange: (v: string) => void; hint?: string; type?: string; inputMode?: "numeric" | "decimal"; className?: string }) => {
    const errorId = `${id}-${prop}-error`;
    const hintId = `${id}-${prop}-hint`;
    const describedBy = [props.hint ? hintId : null, at(prop) ? errorId : null].filter(Boolean).join(" ") || undefined;
    return (
      <div className={props.className}>
        <label htmlFor={`${id}-${prop}`} className="block text-xs font-medium text-slate-600">{label}</label>
        <input
          id={`${id}-${prop}`}
          type={props.type ?? "text"}
          inputMode={props.inputMode}
          autoComplete="off"
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          className={inputClass}
          aria-invalid={Boolean(at(prop))}
          aria-describedby={describedBy}
        />
        {props.hint ? <p id={hintId} className="mt-1 text-xs text-slate-500">{props.hint}</p> : null}
        <FieldError id={errorId} messages={at(prop)} />
      </div>
    );
  };
  const invalid = Object.keys(errors).some((k) => k.startsWith(`fields.${index}.`));
  return (
    <fieldset className={cx("rounded-md border p-3", invalid ? "border-red-300 bg-red-50/40" : "border-slate-200")}>
      <legend className="px-1 text-sm font-semibold text-slate-800">
        {index + 1}. {d.label.trim() || "New field"} <span className="font-normal text-slate-500">({kindLabel[d.kind]})</span>
      </legend>
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr_12rem]">
        {input("label", "Label", { value: d.label, onChange: (label) => onChange({ label }) })}
        {input("key", "Key", {
          value: d.key,
          onChange: (key) => onChange({ key, keyEdited: true }),
          hint: saved ? "Filed requests keep their values under this key." : "Follows the label until you change it.",
        })}
        <div>
          <label htmlFor={`${id}-kind`} className="block text-xs font-medium text-slate-600">Kind</label>
          <select id={`${id}-kind`} value={d.kind} onChange={(e) => onChange({ kind: e.target.value as FieldKind })} className={inputClass}>
            {fieldKinds.map((k) => (
              <option key={k} value={k}>{kindLabel[k]}</option>
            ))}
          </select>
        </div>
      </div>
      <div className="mt-3 grid gap-3 sm:grid-cols-[1fr_auto]">
        {input("help", "Help text (optional)", { value: d.help, onChange: (help) => onChange({ help }) })}
        <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-800">
          <input type="checkbox" checked={d.required} onChange={(e) => onChange({ required: e.target.checked })} className="h-4 w-4 rounded border-slate-300" />
          Required
        </label>
      </div>
      {d.kind === "text" || d.kind === "textarea" ? (
        <div className="mt-3 grid gap-3 sm:grid-cols-3">
          {input("maxLength", "Longest answer (characters)", { value: d.maxLength, onChange: (maxLength) => onChange({ maxLength }), type: "number", inputMode: "numeric", hint: d.kind === "text" ? "Up to 500; 200 if empty." : "Up to 10,000; 4,000 if empty." })}
        </div>
      ) : null}
      {d.kind === "number" ? (
        <div className="mt-3 grid gap-3 sm:grid-cols-3">
          {input("min", "Smallest (optional)", { value: d.min, onChange: (min) => onChange({ min }), type: "number", inputMode: "decimal" })}
          {input("max", "Largest (optional)", { value: d.max, onChange: (max) => onChange({ max }), type: "number", inputMode: "decimal" })}
          <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-800">
            <input type="checkbox" checked={d.integer} onChange={(e) => onChange({ integer: e.target.checked })} className="h-4 w-4 rounded border-slate-300" />
            Whole numbers only
          </label>
        </div>
      ) : null}
      {d.kind === "select" || d.kind === "multiselect" ? (
        <div className="mt-3">
          <label htmlFor={`${id}-options`} className="block text-xs font-medium text-slate-600">Options, one per line</label>
          <textarea
            id={`${id}-options`}
            rows={Math.min(8, Math.max(3, d.options.split("\n").length))}
            value={d.options}
            onChange={(e) => onChange({ options: e.target.value })}
            className={inputClass}
            aria-invalid={Boolean(at("options"))}
            aria-describedby={at("options") ? `${id}-options-error` : undefined}
          />
          <FieldError id={`${id}-options-error`} messages={at("options")} />
        </div>
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
