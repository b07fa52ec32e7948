"use client";
import { useEffect } from "react";
import { acceptAttribute } from "@/lib/attachments/sniff";
import type { UploadedArticleFile } from "@/lib/knowledge/upload-article-file";
import { articleVisibilities, articleVisibilityLabel } from "@/lib/validation/knowledge-values";
import { Banner, Field, SelectField, useActionForm } from "../../../../_components/action-form";
import { Button, FieldError, inputClass } from "../../../../_components/ui";
import { editAction, flagAction, publishAction, returnAction, uploadArticleFileAction, voteAction } from "./actions";

export function VoteForm({ articleId, myVote }: { articleId: string; myVote: boolean | null }) {
  const { state, pending, formProps } = useActionForm(voteAction);
  const current = state?.ok ? (state.data as { helpful: boolean }).helpful : myVote;
  return (
    <form {...formProps} className="flex flex-wrap items-center gap-2 text-sm">
      <input type="hidden" name="articleId" value={articleId} />
      <span>Was this helpful?</span>
      <Button type="submit" name="helpful" value="true" variant={current === true ? "primary" : "secondary"} aria-pressed={current === true} disabled={pending}>Yes</Button>
      <Button type="submit" name="helpful" value="false" variant={current === false ? "primary" : "secondary"} aria-pressed={current === false} disabled={pending}>No</Button>
      {current !== null ? <span className="text-slate-600">Thanks: your vote counts once, change it any time.</span> : null}
      <Banner state={state && !state.ok ? state : null} />
    </form>
  );
}

export function FlagForm({ articleId }: { articleId: string }) {
  const { state, pending, errors, banner, formProps } = useActionForm(flagAction, { resetOnSuccess: true });
  return (
    <form {...formProps} className="space-y-2">
      <input type="hidden" name="articleId" value={articleId} />
      <Field id="flag-note" name="note" label="What is out of date?" error={errors?.note} />
      <Button type="submit" variant="secondary" disabled={pending}>Flag as out of date</Button>
      {state?.ok ? <p role="status" className="text-sm text-emerald-800">Flagged: the owner and the head will review it.</p> : <Banner state={banner} />}
    </form>
  );
}

type Draft = { title: string; body: string; visibility: "EVERYONE" | "AGENTS"; tags: string[]; reviewBy: string; requestTypeIds: string[] };

export function EditForm({ articleId, version, draft, types }: { articleId: string; version: number; draft: Draft; types: { id: string; name: string }[] }) {
  const { state, pending, errors, banner, formProps } = useActionForm(editAction);
  return (
    <form {...formProps} className="space-y-3">
      <input type="hidden" name="articleId" value={articleId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <Field id="a-title" name="title" label="Title" defaultValue={draft.title} error={errors?.title} required />
      <div>
        <label htmlFor="a-body" className="block text-xs font-medium text-slate-600">Article (Markdown)</label>
        <textarea id="a-body" name="body" rows={12} className={inputClass} defaultValue={draft.body} aria-invalid={Boolean(errors?.body)} aria-describedby={errors?.body ? "a-body-error" : undefined} />
        <FieldError id="a-body-error" messages={errors?.body} />
      </div>
      <SelectField id="a-visibility" name="visibility" label="Who may read it" defaultValue={draft.visibility} error={errors?.visibility}>
        {articleVisibilities.map((v) => <option key={v} value={v}>{articleVisibilityLabel[v]}</option>)}
      </SelectField>
      <Field id="a-tags" name="tags" label="Tags (words separated by spaces)" defaultValue={draft.tags.join(" ")} error={Object.entries(errors ?? {}).filter(([k]) => k.startsWith("tags")).flatMap(([, v]) => v)} />
      <Field id="a-review" name="reviewBy" type="date" label="Review by" defaultValue={draft.reviewBy} error={errors?.reviewBy} />
      <fieldset>
        <legend className="text-xs font-medium text-slate-600">Answers these request types</legend>
        {types.map((t) => (
          <label key={t.id} className="mr-3 inline-flex items-center gap-1 text-sm">
            <input type="checkbox" name="requestTypeIds" value={t.id} defaultChecked={draft.requestTypeIds.includes(t.id)} /> {t.name}
          </label>
        ))}
        <FieldError id="a-types-error" messages={errors?.requestTypeIds} />
      </fieldset>
      <Button type="submit" disabled={pending}>Save as new version</Button>
      {state?.ok ? <p role="status" className="text-sm text-emerald-800">Saved as version {(state.data as { version: number }).version}. Reload to publish it.</p> : <Banner state={banner} />}
    </form>
  );
}

export function PublishForm({ articleId, version }: { articleId: string; version: number }) {
  const { state, pending, formProps } = useActionForm(publishAction);
  return (
    <form {...formProps}>
      <input type="hidden" name="articleId" value={articleId} />
      <input type="hidden" name="version" value={version} />
      <Button type="submit" disabled={pending}>Publish version {version}</Button>
      {state?.ok ? <p role="status" className="text-sm text-emerald-800">Published.</p> : <Banner state={state} />}
    </form>
  );
}

/** A publisher sends the waiting version back to its writer with what to change, instead of publishing it. */
export function ReturnForm({ articleId, version }: { articleId: string; version: number }) {
  const { state, pending, errors, banner, formProps } = useActionForm(returnAction);
  if (state?.ok) return <p role="status" className="text-sm text-emerald-800">Sent back to the writer.</p>;
  return (
    <details className="mt-2">
      <summary className="cursor-pointer text-sm text-brand-700">Return to the writer</summary>
      <form {...formProps} className="mt-2 space-y-2">
        <input type="hidden" name="articleId" value={articleId} />
        <input type="hidden" name="version" value={version} />
        <Field id="return-reason" name="reason" label="What should change before it is published?" error={errors?.reason} />
        <Button type="submit" variant="secondary" disabled={pending}>Send back with this reason</Button>
        <Banner state={banner} />
      </form>
    </details>
  );
}

/** Puts Markdown at the cursor of the article's text (the edit form's box); the writer saves it as a new version. */
function insertIntoArticle(text: string) {
  const field = document.getElementById("a-body") as HTMLTextAreaElement | null;
  if (!field) return;
  const { selectionStart: start, selectionEnd: end, value } = field;
  const before = value.slice(0, start);
  const piece = `${before && !before.endsWith("\n") ? "\n\n" : ""}${text}\n`;
  field.value = `${before}${piece}${value.slice(end)}`;
  field.focus();
  field.setSelectionRange(start + piece.length, start + piece.length);
}

/** Uploads images or files to the article (checked like attachments) and puts them into its text at the cursor. */
export function ArticleFileUpload({ articleId }: { articleId: string }) {
  const { state, pending, errors, banner, formProps } = useActionForm(uploadArticleFileAction, { resetOnSuccess: true });
  const uploaded = state?.ok ? (state.data as UploadedArticleFile[]) : null;
  useEffect(() => {
    if (uploaded?.length) insertIntoArticle(uploaded.map((f) => f.markdown).join("\n"));
  }, [uploaded]);
  return (
    <form {...formProps} className="mt-3 space-y-2 border-t border-slate-100 pt-3" aria-label="Add images or files">
      <input type="hidden" name="articleId" value={articleId} />
      <div>
        <label htmlFor="a-files" className="block text-xs font-medium text-slate-600">Add images or files</label>
        <input id="a-files" name="files" type="file" multiple accept={acceptAttribute} className="mt-1 block text-sm" aria-invalid={Boolean(errors?.attachments)} aria-describedby={errors?.attachments ? "a-files-hint a-files-error" : "a-files-hint"} />
        <p id="a-files-hint" className="mt-1 text-xs text-slate-500">An image shows in the article, another file is linked; readers see them once a version showing them is published.</p>
        <FieldError id="a-files-error" messages={errors?.attachments} />
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>{pending ? "Uploading…" : "Upload into the text"}</Button>
      {uploaded ? <p role="status" className="text-sm text-emerald-800">Added {uploaded.map((f) => f.fileName).join(", ")} to the text: save it as a new version to keep {uploaded.length === 1 ? "it" : "them"}.</p> : <Banner state={banner} />}
    </form>
  );
}
