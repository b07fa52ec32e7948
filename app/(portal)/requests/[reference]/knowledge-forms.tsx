"use client";
import Link from "@/app/_components/link";
import { startTransition, useState } from "react";
import type { ArticleHit } from "@/lib/knowledge/search-articles";
import type { Status } from "@/lib/validation/requests";
import { statusLabel } from "@/lib/validation/request-values";
import { Banner, Field, useActionForm } from "../../../_components/action-form";
import { insertText } from "../../../_components/insert-text";
import { Button, FieldError, inputClass } from "../../../_components/ui";
import { articleTextAction, draftArticleAction, findArticlesAction, flagFromRequestAction, linkProblemAction, resolveProblemAction, unlinkProblemAction } from "./knowledge-actions";

type Ref = { id: string; reference: string; title: string; status: Status };

/** Puts text at the cursor of the reply box (the same box canned responses fill); the agent edits it before sending. */
function insertIntoReply(text: string) {
  const field = document.getElementById("reply-body");
  if (field instanceof HTMLTextAreaElement) insertText(field, text);
}

/** Agents: find an article, put its link or text into the reply, or flag it as out of date. */
export function ArticlePicker({ requestId }: { requestId: string }) {
  const { state, pending, errors, banner, formProps } = useActionForm(findArticlesAction);
  const hits = state?.ok ? (state.data as ArticleHit[]) : null;
  return (
    <div className="space-y-2">
      <form {...formProps} className="flex items-end gap-2" role="search" aria-label="Find an article">
        <Field id="article-query" name="query" label="Find an article" className="flex-1" error={errors?.query} />
        <Button type="submit" variant="secondary" disabled={pending}>Find</Button>
      </form>
      <Banner state={banner} />
      {hits && hits.length === 0 ? <p className="text-sm text-slate-600">No article matches.</p> : null}
      {hits?.length ? <ul className="space-y-2">{hits.map((h) => <ArticleHitItem key={h.id} hit={h} requestId={requestId} />)}</ul> : null}
    </div>
  );
}

function ArticleHitItem({ hit, requestId }: { hit: ArticleHit; requestId: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const flag = useActionForm(flagFromRequestAction, { resetOnSuccess: true });
  const insert = (mode: "link" | "text") =>
    startTransition(async () => {
      const state = await articleTextAction(requestId, hit.id, mode);
      if (state?.ok) {
        insertIntoReply(state.data.text);
        setMessage(null);
      } else setMessage(state?.message ?? "Could not insert the article.");
    });
  return (
    <li className="rounded border border-slate-200 p-2 text-sm">
      <Link href={`/knowledge/${hit.department.key}/${hit.slug}`} className="font-medium text-brand-700 underline" target="_blank">{hit.title}</Link>
      {hit.visibility === "AGENTS" ? <span className="ml-1 text-xs text-amber-800">(agents only)</span> : null}
      <div className="mt-1 flex flex-wrap gap-2">
        <Button type="button" variant="secondary" onClick={() => insert("link")} disabled={hit.visibility === "AGENTS"}>Insert link</Button>
        <Button type="button" variant="secondary" onClick={() => insert("text")} disabled={hit.visibility === "AGENTS"}>Insert text</Button>
      </div>
      {message ? <p role="alert" className="mt-1 text-red-700">{message}</p> : null}
      <details className="mt-1">
        <summary className="cursor-pointer text-xs text-slate-600">Flag as out of date</summary>
        <form {...flag.formProps} className="mt-1 space-y-1">
          <input type="hidden" name="articleId" value={hit.id} />
          <input type="hidden" name="requestId" value={requestId} />
          <Field id={`flag-${hit.id}`} name="note" label="What is out of date?" error={flag.errors?.note} />
          <Button type="submit" variant="secondary" disabled={flag.pending}>Flag</Button>
          {flag.state?.ok ? <p role="status" className="text-emerald-800">Flagged.</p> : <Banner state={flag.banner} />}
        </form>
      </details>
    </li>
  );
}

export function DraftArticleForm({ requestId }: { requestId: string }) {
  const { state, pending, formProps } = useActionForm(draftArticleAction);
  return (
    <form {...formProps}>
      <input type="hidden" name="requestId" value={requestId} />
      <Button type="submit" variant="secondary" disabled={pending}>Draft an article from this request</Button>
      <Banner state={state && !state.ok ? state : null} />
    </form>
  );
}

/** The problem side of a request: what it is linked to, what is linked to it, link and resolve. */
export function ProblemCard({ requestId, reference, problem, linked, canManage, open }: { requestId: string; reference: string; problem: Ref | null; linked: Ref[]; canManage: boolean; open: boolean }) {
  const link = useActionForm(linkProblemAction, { resetOnSuccess: true });
  const unlink = useActionForm(unlinkProblemAction);
  const resolve = useActionForm(resolveProblemAction);
  return (
    <div className="space-y-3 text-sm">
      <h2 id="problem-heading" className="text-base font-semibold">Problem</h2>
      {problem ? (
        <div>
          <p>
            Part of the problem <Link className="font-mono text-brand-700 underline" href={`/requests/${problem.reference}`}>{problem.reference}</Link>: {problem.title} ({statusLabel[problem.status]})
          </p>
          {canManage && open ? (
            <form {...unlink.formProps}>
              <input type="hidden" name="requestId" value={requestId} />
              <input type="hidden" name="reference" value={reference} />
              <Button type="submit" variant="ghost" disabled={unlink.pending}>Take off this problem</Button>
              <Banner state={unlink.state && !unlink.state.ok ? unlink.state : null} />
            </form>
          ) : null}
        </div>
      ) : null}
      {linked.length ? (
        <div>
          <p className="font-medium">{linked.length} linked request{linked.length === 1 ? "" : "s"}:</p>
          <ul aria-label="Linked requests">
            {linked.map((l) => (
              <li key={l.id}>
                <Link className="font-mono text-brand-700 underline" href={`/requests/${l.reference}`}>{l.reference}</Link> {l.title} · {statusLabel[l.status]}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {canManage && open && !problem && linked.length === 0 ? (
        <form {...link.formProps} className="flex items-end gap-2">
          <input type="hidden" name="requestId" value={requestId} />
          <input type="hidden" name="reference" value={reference} />
          <Field id="problem-reference" name="problemReference" label="Link to problem (request number)" placeholder="FAC-1042" className="flex-1" error={link.errors?.problemReference} />
          <Button type="submit" variant="secondary" disabled={link.pending}>Link to problem</Button>
        </form>
      ) : null}
      {link.state?.ok ? <p role="status" className="text-emerald-800">Linked to the problem.</p> : <Banner state={link.banner} />}
      {canManage && open && linked.length ? (
        <form {...resolve.formProps} className="space-y-2 border-t border-slate-100 pt-3">
          <input type="hidden" name="problemId" value={requestId} />
          <input type="hidden" name="reference" value={reference} />
          <div>
            <label htmlFor="problem-fix" className="block text-xs font-medium text-slate-600">The fix (every linked requester reads it)</label>
            <textarea id="problem-fix" name="fix" rows={3} className={inputClass} aria-invalid={Boolean(resolve.errors?.fix)} aria-describedby={resolve.errors?.fix ? "problem-fix-error" : undefined} />
            <FieldError id="problem-fix-error" messages={resolve.errors?.fix} />
          </div>
          <fieldset>
            <legend className="text-xs font-medium text-slate-600">The linked requests</legend>
            <label className="mr-3 inline-flex items-center gap-1"><input type="radio" name="linked" value="resolve" defaultChecked /> Resolve them all</label>
            <label className="inline-flex items-center gap-1"><input type="radio" name="linked" value="return" /> Return each to its agent</label>
          </fieldset>
          <Button type="submit" disabled={resolve.pending}>Resolve problem</Button>
          {resolve.state?.ok ? <p role="status" className="text-emerald-800">Problem resolved; every linked requester was told.</p> : <Banner state={resolve.banner} />}
        </form>
      ) : null}
    </div>
  );
}
