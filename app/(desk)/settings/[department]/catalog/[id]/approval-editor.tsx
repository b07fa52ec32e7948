"use client";
import { useId, useState } from "react";
import {
  approvalRuleLabels,
  approvalRules,
  approverKindLabels,
  approverKinds,
  conditionOperatorLabels,
  conditionOperators,
  type ApproverKind,
  type ConditionOperator,
} from "@/lib/validation/approval-values";
import type { ApprovalStepDefinition } from "@/lib/validation/approvals";
import type { FieldDefinition } from "@/lib/validation/fields";
import { useActionForm } from "../../../../../_components/action-form";
import { PersonPicker } from "../../../../../_components/person-picker";
import { Button, FieldError, FormMessage, cx, inputClass } from "../../../../../_components/ui";
import { setApprovalStepsAction } from "../actions";

type Choice = { id: string; name: string };
type Draft = {
  uid: string;
  name: string;
  kind: ApproverKind;
  departmentId: string;
  teamId: string;
  people: Choice[];
  rule: (typeof approvalRules)[number];
  count: string;
  conditional: boolean;
  fieldKey: string;
  operator: ConditionOperator;
  value: string;
  targetHours: string;
};
type Errors = Record<string, string[]>;

let counter = 0;
const blank = (): Draft => ({ uid: `new${++counter}`, name: "", kind: "manager", departmentId: "", teamId: "", people: [], rule: "any", count: "2", conditional: false, fieldKey: "", operator: "gt", value: "", targetHours: "8" });

function toDraft(s: ApprovalStepDefinition, i: number, names: Map<string, string>): Draft {
  return {
    ...blank(),
    uid: `saved${i}`,
    name: s.name,
    kind: s.approver.kind,
    departmentId: s.approver.kind === "department_head" ? s.approver.departmentId : "",
    teamId: s.approver.kind === "team" ? s.approver.teamId : "",
    people: s.approver.kind === "people" ? s.approver.personIds.map((id) => ({ id, name: names.get(id) ?? id })) : [],
    rule: s.rule.kind,
    count: s.rule.kind === "count" ? String(s.rule.count) : "2",
    conditional: s.condition !== null,
    fieldKey: s.condition?.fieldKey ?? "",
    operator: s.condition?.operator ?? "gt",
    value: s.condition?.value ?? "",
    targetHours: String(s.targetHours),
  };
}

function toDefinition(d: Draft): unknown {
  const approver =
    d.kind === "department_head" ? { kind: d.kind, departmentId: d.departmentId } : d.kind === "team" ? { kind: d.kind, teamId: d.teamId } : d.kind === "people" ? { kind: d.kind, personIds: d.people.map((p) => p.id) } : { kind: d.kind };
  return {
    name: d.name.trim(),
    approver,
    rule: d.rule === "count" ? { kind: "count", count: d.count.trim() === "" ? Number.NaN : Number(d.count) } : { kind: d.rule },
    condition: d.conditional ? { fieldKey: d.fieldKey, operator: d.operator, value: d.value.trim() } : null,
    targetHours: d.targetHours.trim() === "" ? Number.NaN : Number(d.targetHours),
  };
}

/** The server's schema, fetched (with zod) when the steps are first checked, not with the page. */
const loadSchema = () => import("@/lib/validation/approvals");

async function zodErrors(drafts: Draft[]): Promise<Errors> {
  const { approvalStepsSchema } = await loadSchema();
  const result = approvalStepsSchema.safeParse(drafts.map(toDefinition));
  if (result.success) return {};
  const errors: Errors = {};
  for (const issue of result.error.issues) (errors[["steps", ...issue.path.map(String)].join(".")] ??= []).push(issue.message);
  return errors;
}

/**
 * The approval steps of a request type: add, edit, remove and reorder, then save all at once. The
 * draft is checked with the server's schema first; the server also checks that what a step names
 * exists, and refuses a stale version.
 */
export function ApprovalEditor({
  department,
  typeId,
  version,
  steps,
  fields,
  choices,
}: {
  department: string;
  typeId: string;
  version: number;
  steps: ApprovalStepDefinition[];
  fields: FieldDefinition[];
  choices: { departments: Choice[]; teams: Choice[]; people: Choice[] };
}) {
  const { formProps, errors: serverErrors, banner, pending, state, submit } = useActionForm(setApprovalStepsAction);
  const [drafts, setDrafts] = useState<Draft[]>(() => steps.map((s, i) => toDraft(s, i, new Map(choices.people.map((p) => [p.id, p.name])))));
  const [clientErrors, setClientErrors] = useState<Errors | null>(null);
  const [seen, setSeen] = useState(state);
  if (state !== seen) {
    setSeen(state);
    setClientErrors(null);
  }
  const errors: Errors = clientErrors ?? serverErrors ?? {};
  const uid = useId();
  const update = (i: number, change: Partial<Draft>) => setDrafts((all) => all.map((d, j) => (j === i ? { ...d, ...change } : d)));
  const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());
  const move = (i: number, to: number) => {
    setDrafts((all) => {
      const next = [...all];
      [next[i], next[to]] = [next[to]!, next[i]!];
      return next;
    });
    setClientErrors(null);
  };
  const remove = (i: number) => {
    setDrafts((all) => all.filter((_, j) => j !== i));
    setClientErrors(null);
    focusLater(`${uid}-add`);
  };
  const add = () => {
    const draft = blank();
    setDrafts((all) => [...all, draft]);
    focusLater(`${uid}-${draft.uid}-name`);
  };
  return (
    <form
      {...formProps}
      onFocus={() => void loadSchema()}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget, event.nativeEvent.submitter);
        void zodErrors(drafts).then((found) => {
          if (Object.keys(found).length) {
            setClientErrors(found);
            return;
          }
          setClientErrors(null);
          submit(data);
        });
      }}
      className="space-y-4"
      noValidate
      aria-label="Approval steps"
    >
      <input type="hidden" name="department" value={department} />
      <input type="hidden" name="typeId" value={typeId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <input type="hidden" name="steps" value={JSON.stringify(drafts.map(toDefinition))} />
      {drafts.length === 0 ? <p className="text-sm text-slate-600">No approval: the department starts on a request as soon as it is filed.</p> : null}
      <ol className="space-y-3">
        {drafts.map((d, i) => (
          <li key={d.uid}>
            <StepCard id={`${uid}-${d.uid}`} index={i} count={drafts.length} draft={d} fields={fields} choices={choices} errors={errors} onChange={(c) => update(i, c)} onMove={(dir) => move(i, dir === "up" ? i - 1 : i + 1)} onRemove={() => remove(i)} />
          </li>
        ))}
      </ol>
      <FieldError id={`${uid}-steps-error`} messages={errors.steps ?? errors._form} />
      {clientErrors && Object.keys(clientErrors).length ? <p role="alert" className="text-sm text-red-700">Some steps need a fix (marked in red): nothing was saved yet.</p> : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button id={`${uid}-add`} type="button" variant="secondary" onClick={add} disabled={drafts.length >= 10}>Add an approval step</Button>
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save approval steps"}</Button>
        <FormMessage state={banner} />
      </div>
    </form>
  );
}

function StepCard({
  id,
  index,
  count,
  draft: d,
  fields,
  choices,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  id: string;
  index: number;
  count: number;
  draft: Draft;
  fields: FieldDefinition[];
  choices: { departments: Choice[]; teams: Choice[] };
  errors: Errors;
  onChange: (change: Partial<Draft>) => void;
  onMove: (direction: "up" | "down") => void;
  onRemove: () => void;
}) {
  const at = (path: string) => errors[`steps.${index}.${path}`];
  const invalid = Object.keys(errors).some((k) => k.startsWith(`steps.${index}.`));
  const name = d.name.trim() || `step ${index + 1}`;
  const described = (path: string) => (at(path) ? `${id}-${path.replaceAll(".", "-")}-error` : undefined);
  const error = (path: string) => <FieldError id={`${id}-${path.replaceAll(".", "-")}-error`} messages={at(path)} />;
  const select = (path: string, label: string, value: string, onValue: (v: string) => void, options: { value: string; label: string }[]) => (
    <div>
      <label htmlFor={`${id}-${path}`} className="block text-xs font-medium text-slate-600">{label}</label>
      <select id={`${id}-${path}`} value={value} onChange={(e) => onValue(e.target.value)} className={inputClass} aria-invalid={Boolean(at(path))} aria-describedby={described(path)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
      {error(path)}
    </div>
  );
  const input = (path: string, label: string, value: string, onValue: (v: string) => void, type = "text") => (
    <div>
      <label htmlFor={`${id}-${path}`} className="block text-xs font-medium text-slate-600">{label}</label>
      <input id={`${id}-${path}`} type={type} value={value} onChange={(e) => onValue(e.target.value)} className={inputClass} autoComplete="off" aria-invalid={Boolean(at(path))} aria-describedby={described(path)} />
      {error(path)}
    </div>
  );
  return (
    <fieldset className={cx("rounded-md border p-3", invalid ? "border-red-300 bg-red-50/40" : "border-slate-200")}>
      <legend className="px-1 text-sm font-semibold text-slate-800">{index + 1}. {d.name.trim() || "New step"}</legend>
      <div className="grid gap-3 sm:grid-cols-3">
        {input("name", "Step name", d.name, (v) => onChange({ name: v }))}
        {select("approver.kind", "Who approves", d.kind, (v) => onChange({ kind: v as ApproverKind }), approverKinds.map((k) => ({ value: k, label: approverKindLabels[k] })))}
        {input("targetHours", "Decide within (business hours)", d.targetHours, (v) => onChange({ targetHours: v }), "number")}
      </div>
      {d.kind === "department_head" ? (
        <div className="mt-3 max-w-sm">{select("approver.departmentId", "Department", d.departmentId, (v) => onChange({ departmentId: v }), [{ value: "", label: "Choose a department" }, ...choices.departments.map((c) => ({ value: c.id, label: c.name }))])}</div>
      ) : null}
      {d.kind === "team" ? (
        <div className="mt-3 max-w-sm">{select("approver.teamId", "Team", d.teamId, (v) => onChange({ teamId: v }), [{ value: "", label: "Choose a team" }, ...choices.teams.map((c) => ({ value: c.id, label: c.name }))])}</div>
      ) : null}
      {d.kind === "people" ? (
        <div className="mt-3 space-y-2">
          {d.people.length ? (
            <ul className="flex flex-wrap gap-2 text-sm" aria-label={`Approvers of ${name}`}>
              {d.people.map((p) => (
                <li key={p.id} className="flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5">
                  {p.name}
                  <button type="button" className="rounded px-1 text-slate-600 hover:bg-slate-200" aria-label={`Remove ${p.name} from ${name}`} onClick={() => onChange({ people: d.people.filter((x) => x.id !== p.id) })}>×</button>
                </li>
              ))}
            </ul>
          ) : null}
          <PickToAdd id={`${id}-person`} exclude={d.people.map((p) => p.id)} onPick={(p) => onChange({ people: [...d.people, p] })} error={at("approver.personIds")} />
        </div>
      ) : null}
      <div className="mt-3 grid gap-3 sm:grid-cols-3">
        {select("rule.kind", "Rule", d.rule, (v) => onChange({ rule: v as Draft["rule"] }), approvalRules.map((r) => ({ value: r, label: approvalRuleLabels[r] })))}
        {d.rule === "count" ? input("rule.count", "How many must approve", d.count, (v) => onChange({ count: v }), "number") : null}
      </div>
      <div className="mt-3">
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" checked={d.conditional} onChange={(e) => onChange({ conditional: e.target.checked, fieldKey: d.fieldKey || fields[0]?.key || "" })} className="h-4 w-4 rounded border-slate-300" />
          Only when a field of the form says so
        </label>
        {d.conditional ? (
          <div className="mt-2 grid gap-3 sm:grid-cols-3">
            {select("condition.fieldKey", "Field", d.fieldKey, (v) => onChange({ fieldKey: v }), [{ value: "", label: "Choose a field" }, ...fields.map((f) => ({ value: f.key, label: f.label }))])}
            {select("condition.operator", "Compare", d.operator, (v) => onChange({ operator: v as ConditionOperator }), conditionOperators.map((o) => ({ value: o, label: conditionOperatorLabels[o] })))}
            {input("condition.value", "Value", d.value, (v) => onChange({ value: v }))}
          </div>
        ) : null}
      </div>
      <FieldError id={`${id}-error`} messages={at("approver") ?? at("rule")} />
      <div className="mt-3 flex flex-wrap justify-end gap-2">
        <Button type="button" variant="secondary" className="px-2 py-1" disabled={index === 0} onClick={() => onMove("up")} aria-label={`Move ${name} up`} title="Move up">↑</Button>
        <Button type="button" variant="secondary" className="px-2 py-1" disabled={index === count - 1} onClick={() => onMove("down")} aria-label={`Move ${name} down`} title="Move down">↓</Button>
        <Button type="button" variant="ghost" className="px-2 py-1 text-red-700 hover:bg-red-50" onClick={onRemove} aria-label={`Remove ${name}`}>Remove</Button>
      </div>
    </fieldset>
  );
}

/** A co-worker picker that adds whoever is chosen to the step and clears itself. */
function PickToAdd({ id, exclude, onPick, error }: { id: string; exclude: string[]; onPick: (p: Choice) => void; error?: string[] }) {
  const [round, setRound] = useState(0);
  return (
    <PersonPicker
      id={id}
      name={`${id}-unused`}
      label="Add an approver"
      exclude={exclude}
      error={error}
      errorId={`${id}-error`}
      resetKey={round}
      onChoose={(p) => {
        onPick({ id: p.id, name: p.name });
        setRound((r) => r + 1);
      }}
    />
  );
}
