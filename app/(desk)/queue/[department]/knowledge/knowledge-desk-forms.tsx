"use client";
import { articleVisibilities, articleVisibilityLabel } from "@/lib/validation/knowledge-values";
import { Banner, Field, SelectField, useActionForm } from "../../../../_components/action-form";
import { Button, FieldError, inputClass } from "../../../../_components/ui";
import { announceAction, createArticleAction, editorAction, endIssueAction } from "./actions";

type Dept = { id: string; key: string };
type TypeChoice = { id: string; name: string };

function TypeChoices({ types, error }: { types: TypeChoice[]; error?: string[] }) {
  return (
    <fieldset>
      <legend className="text-xs font-medium text-slate-600">Request types</legend>
      {types.map((t) => (
        <label key={t.id} className="mr-3 inline-flex items-center gap-1 text-sm">
          <input type="checkbox" name="requestTypeIds" value={t.id} /> {t.name}
        </label>
      ))}
      <FieldError id="types-error" messages={error} />
    </fieldset>
  );
}

export function NewArticleForm({ department, types }: { department: Dept; types: TypeChoice[] }) {
  const { pending, errors, banner, formProps } = useActionForm(createArticleAction);
  return (
    <form {...formProps} className="space-y-3">
      <input type="hidden" name="departmentId" value={department.id} />
      <input type="hidden" name="departmentKey" value={department.key} />
      <Field id="new-title" name="title" label="Title" error={errors?.title} />
      <div>
        <label htmlFor="new-body" className="block text-xs font-medium text-slate-600">Article (Markdown)</label>
        <textarea id="new-body" name="body" rows={8} className={inputClass} aria-invalid={Boolean(errors?.body)} aria-describedby={errors?.body ? "new-body-error" : undefined} />
        <FieldError id="new-body-error" messages={errors?.body} />
      </div>
      <SelectField id="new-visibility" name="visibility" label="Who may read it" defaultValue="EVERYONE" error={errors?.visibility}>
        {articleVisibilities.map((v) => <option key={v} value={v}>{articleVisibilityLabel[v]}</option>)}
      </SelectField>
      <Field id="new-tags" name="tags" label="Tags (words separated by spaces)" error={Object.entries(errors ?? {}).filter(([k]) => k.startsWith("tags")).flatMap(([, v]) => v)} />
      <Field id="new-review" name="reviewBy" type="date" label="Review by" error={errors?.reviewBy} />
      <TypeChoices types={types} error={errors?.requestTypeIds} />
      <Button type="submit" disabled={pending}>Save draft</Button>
      <Banner state={banner} />
    </form>
  );
}

export function AnnounceForm({ department, types }: { department: Dept; types: TypeChoice[] }) {
  const { state, pending, errors, banner, formProps } = useActionForm(announceAction, { resetOnSuccess: true });
  return (
    <form {...formProps} className="space-y-3">
      <input type="hidden" name="departmentId" value={department.id} />
      <input type="hidden" name="departmentKey" value={department.key} />
      <Field id="issue-title" name="title" label="What is broken" placeholder="Printers on floor 3 are down" error={errors?.title} />
      <Field id="issue-body" name="body" label="More detail (optional)" error={errors?.body} />
      <TypeChoices types={types} error={errors?.requestTypeIds} />
      <Button type="submit" disabled={pending}>Announce</Button>
      {state?.ok ? <p role="status" className="text-sm text-emerald-800">Announced on the catalogue.</p> : <Banner state={banner} />}
    </form>
  );
}

export function EndIssueForm({ department, issueId }: { department: Dept; issueId: string }) {
  const { pending, errors, banner, formProps } = useActionForm(endIssueAction);
  return (
    <form {...formProps} className="flex items-end gap-2">
      <input type="hidden" name="knownIssueId" value={issueId} />
      <input type="hidden" name="departmentKey" value={department.key} />
      <Field id={`end-${issueId}`} name="note" label="Note to followers (optional)" className="flex-1" error={errors?.note} />
      <Button type="submit" variant="secondary" disabled={pending}>It is fixed</Button>
      <Banner state={banner} />
    </form>
  );
}

export function EditorToggle({ department, person, editor }: { department: Dept; person: { id: string; name: string }; editor: boolean }) {
  const { pending, banner, formProps } = useActionForm(editorAction);
  return (
    <form {...formProps} className="flex items-center gap-2 text-sm">
      <input type="hidden" name="departmentId" value={department.id} />
      <input type="hidden" name="departmentKey" value={department.key} />
      <input type="hidden" name="personId" value={person.id} />
      <input type="hidden" name="editor" value={editor ? "false" : "true"} />
      <span className="flex-1">{person.name}{editor ? " · editor" : ""}</span>
      <Button type="submit" variant="ghost" disabled={pending}>{editor ? "Remove as editor" : "Name as editor"}</Button>
      <Banner state={banner} />
    </form>
  );
}
