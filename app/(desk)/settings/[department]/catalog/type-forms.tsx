"use client";
import { useState } from "react";
import { slugFromName } from "@/lib/validation/catalog-keys";
import { priorities, priorityLabel } from "@/lib/validation/request-values";
import { Banner, Field, SelectField, useActionForm } from "../../../../_components/action-form";
import { Button, FieldError, FormMessage, inputClass } from "../../../../_components/ui";
import { createRequestTypeAction, reorderRequestTypeAction, setRequestTypeActiveAction, updateRequestTypeAction } from "./actions";

export type TypeFormValues = { name: string; slug: string; description: string; defaultPriority: string; defaultTeamId: string };

type Team = { id: string; name: string };

/**
 * Creates (with departmentId) or edits (with typeId and the version it was opened at) a request
 * type. The address follows the name until the head edits it; an existing type keeps its address.
 */
export function TypeForm({ department, target, values, teams }: { department: string; target: { departmentId: string } | { typeId: string; version: number }; values: TypeFormValues; teams: Team[] }) {
  const creating = "departmentId" in target;
  const { formProps, errors, banner, pending, state } = useActionForm(creating ? createRequestTypeAction : updateRequestTypeAction, { resetOnSuccess: creating });
  const p = creating ? "new-type" : `type-${target.typeId}`;
  const [name, setName] = useState(values.name);
  const [slug, setSlug] = useState(values.slug);
  const [slugEdited, setSlugEdited] = useState(!creating);
  const [seen, setSeen] = useState(state);
  if (creating && state !== seen) {
    setSeen(state);
    if (state?.ok) {
      setName("");
      setSlug("");
      setSlugEdited(false);
    }
  }
  return (
    <form {...formProps} className="space-y-4" noValidate>
      <input type="hidden" name="department" value={department} />
      {creating ? <input type="hidden" name="departmentId" value={target.departmentId} /> : (
        <>
          <input type="hidden" name="typeId" value={target.typeId} />
          <input type="hidden" name="expectedVersion" value={target.version} />
        </>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          id={`${p}-name`}
          name="name"
          label="Name"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            if (!slugEdited) setSlug(slugFromName(e.target.value));
          }}
          error={errors?.name}
          autoComplete="off"
          maxLength={80}
        />
        <Field
          id={`${p}-slug`}
          name="slug"
          label="Address in the catalogue"
          value={slug}
          onChange={(e) => {
            setSlug(e.target.value);
            setSlugEdited(true);
          }}
          hint={`/catalog/${department}/${slug || "…"}`}
          error={errors?.slug}
          autoComplete="off"
          maxLength={60}
        />
      </div>
      <div>
        <label htmlFor={`${p}-description`} className="block text-xs font-medium text-slate-600">Description <span className="font-normal text-slate-500">(optional)</span></label>
        <textarea
          id={`${p}-description`}
          name="description"
          rows={2}
          maxLength={1000}
          defaultValue={values.description}
          className={inputClass}
          aria-invalid={Boolean(errors?.description)}
          aria-describedby={errors?.description ? `${p}-description-error` : undefined}
        />
        <FieldError id={`${p}-description-error`} messages={errors?.description} />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField id={`${p}-priority`} name="defaultPriority" label="Priority of new requests" defaultValue={values.defaultPriority} error={errors?.defaultPriority}>
          {priorities.map((x) => (
            <option key={x} value={x}>{priorityLabel[x]}</option>
          ))}
        </SelectField>
        <SelectField id={`${p}-team`} name="defaultTeamId" label="Team of new requests" defaultValue={values.defaultTeamId} error={errors?.defaultTeamId}>
          <option value="">No team (the department&apos;s queue)</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>{t.name}</option>
          ))}
        </SelectField>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>{creating ? "Add request type" : "Save settings"}</Button>
        <Banner state={banner} />
      </div>
    </form>
  );
}

/** Move up/down and take out of / back into the catalogue, beside a type in the list. */
export function TypeRowControls({ department, typeId, name, active, first, last }: { department: string; typeId: string; name: string; active: boolean; first: boolean; last: boolean }) {
  const move = useActionForm(reorderRequestTypeAction);
  const toggle = useActionForm(setRequestTypeActiveAction);
  const failed = [move.state, toggle.state].find((s) => s && !s.ok) ?? null;
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <form {...move.formProps} className="flex gap-1">
        <input type="hidden" name="department" value={department} />
        <input type="hidden" name="typeId" value={typeId} />
        <Button type="submit" name="direction" value="up" variant="secondary" className="px-2 py-1" disabled={first || move.pending} aria-label={`Move ${name} up`} title="Move up">↑</Button>
        <Button type="submit" name="direction" value="down" variant="secondary" className="px-2 py-1" disabled={last || move.pending} aria-label={`Move ${name} down`} title="Move down">↓</Button>
      </form>
      <form {...toggle.formProps}>
        <input type="hidden" name="department" value={department} />
        <input type="hidden" name="typeId" value={typeId} />
        <input type="hidden" name="active" value={String(!active)} />
        <Button type="submit" variant="ghost" className="px-2 py-1" disabled={toggle.pending} aria-label={`${active ? "Take out of the catalogue" : "Offer again"}: ${name}`}>
          {active ? "Take out" : "Offer again"}
        </Button>
      </form>
      {failed ? (
        <div className="basis-full">
          <FormMessage state={failed} />
        </div>
      ) : null}
    </div>
  );
}
