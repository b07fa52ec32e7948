"use client";
import { useActionState, useId, useMemo, useRef, useState, type FormEvent } from "react";
import type { MentionCheck } from "@/lib/requests/mention-candidates";
import { priorities, priorityLabel, statuses, statusLabel } from "@/lib/validation/request-values";
import { useActionForm } from "../../../_components/action-form";
import { AttachmentInput, type AttachmentLimitsProps } from "../../../_components/attachment-input";
import { Button, FieldError, FormMessage, inputClass } from "../../../_components/ui";
import { MentionTextarea } from "./mention-textarea";
import { assignByRuleAction, cancelAction, checkMentionsAction, commentAction, reopenAction, setTagsAction, updateRequestAction } from "./actions";

export type CannedChoice = { id: string; title: string; body: string; changes: string[] };

let sentTotal = 0;
const sentCount = { next: () => ++sentTotal };

/** A refused reply keeps its text and files (no automatic reset); a sent one clears the form. */
export function CommentForm({
  requestId,
  reference,
  canNote,
  limits,
  canned = [],
}: {
  requestId: string;
  reference: string;
  canNote: boolean;
  limits: AttachmentLimitsProps;
  /** The department's canned responses, placeholders already filled in (agents only). */
  canned?: CannedChoice[];
}) {
  const { state, pending, errors, banner, submit, formProps } = useActionForm(commentAction, { resetOnSuccess: true });
  const error = errors?.body;
  const [flag, setFlag] = useState<{ key: string; text: string } | null>(null);
  const [checking, setChecking] = useState(false);

  // Mentions that would reach nobody are said beside the box first; sending the same text again sends it.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    const body = String(form.get("body") ?? "");
    const visibility = form.get("visibility") === "INTERNAL" ? "INTERNAL" : "PUBLIC";
    const key = `${visibility}\n${body}`;
    if (flag?.key === key || !body.includes("@")) {
      setFlag(null);
      submit(form);
      return;
    }
    setChecking(true);
    checkMentionsAction(requestId, body, visibility)
      .then((checked) => {
        const text = checked?.ok ? mentionFlag(checked.data, visibility) : null;
        if (text) setFlag({ key, text });
        else {
          setFlag(null);
          submit(form);
        }
      }, () => submit(form))
      .finally(() => setChecking(false));
  };
  // Each sent reply starts the canned-response picker afresh (a macro goes with one reply only).
  const sent = useMemo(() => (state?.ok ? sentCount.next() : 0), [state]);
  const textarea = useRef<HTMLTextAreaElement>(null);
  return (
    <form {...formProps} onSubmit={onSubmit} className="space-y-3">
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="reference" value={reference} />
      <label htmlFor="reply-body" className="block text-sm font-semibold">
        {canNote ? "Reply or add a note" : "Reply"}
      </label>
      {canned.length ? <CannedPicker choices={canned} textarea={textarea} key={sent} /> : null}
      <MentionTextarea
        requestId={requestId}
        textarea={textarea}
        invalid={Boolean(error)}
        describedBy={["reply-body-hint", error ? "reply-body-error" : null, flag ? "reply-body-mentions" : null].filter(Boolean).join(" ")}
      />
      <p id="reply-body-hint" className="text-xs text-slate-500">
        Type @ to mention someone who may read it (the part of their email before the @, e.g. @ada.admin); they are told.
      </p>
      <FieldError id="reply-body-error" messages={error} />
      {flag ? (
        <p id="reply-body-mentions" role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          {flag.text} Correct it, or send again to send it as it is.
        </p>
      ) : null}
      <AttachmentInput id="reply-attachments" limits={limits} errors={errors?.attachments} />
      <FormMessage state={banner} />
      <div className="flex flex-wrap justify-end gap-2">
        {canNote ? (
          <Button type="submit" name="visibility" value="INTERNAL" variant="secondary" disabled={pending || checking}>
            Add internal note
          </Button>
        ) : null}
        <Button type="submit" name="visibility" value="PUBLIC" disabled={pending || checking}>
          {canNote ? "Send public reply" : "Send reply"}
        </Button>
      </div>
    </form>
  );
}

/** What to say of mentions that would reach nobody, or null when every one reaches its person. */
function mentionFlag(checked: MentionCheck, visibility: "PUBLIC" | "INTERNAL"): string | null {
  const parts = [
    ...checked.unmatched.map((h) => `@${h} matches nobody.`),
    ...checked.unreadable.map((p) => `${p.name} (@${p.handle}) may not read ${visibility === "INTERNAL" ? "internal notes" : "this request"} and would not be told.`),
  ];
  return parts.length ? parts.join(" ") : null;
}

/**
 * Inserts a canned response at the cursor of the reply (or replaces the selected text); the agent
 * edits it before sending, and the server takes only what is finally sent.
 */
function CannedPicker({ choices, textarea }: { choices: CannedChoice[]; textarea: React.RefObject<HTMLTextAreaElement | null> }) {
  const id = useId();
  const [chosen, setChosen] = useState("");
  // A macro's changes go with the reply it was inserted into (the server applies them after sending).
  const [macro, setMacro] = useState<CannedChoice | null>(null);
  const insert = () => {
    const field = textarea.current;
    const choice = choices.find((c) => c.id === chosen);
    if (!field || !choice) return;
    setMacro(choice.changes.length ? choice : null);
    const { selectionStart: start, selectionEnd: end, value } = field;
    field.value = `${value.slice(0, start)}${choice.body}${value.slice(end)}`;
    field.focus();
    field.setSelectionRange(start + choice.body.length, start + choice.body.length);
  };
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="min-w-48 flex-1">
        <label htmlFor={id} className="block text-xs font-medium text-slate-600">Canned response</label>
        <select id={id} value={chosen} onChange={(e) => setChosen(e.target.value)} className={inputClass}>
          <option value="">Choose one…</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>{c.title}</option>
          ))}
        </select>
      </div>
      <Button type="button" variant="secondary" onClick={insert} disabled={!chosen}>Insert</Button>
      {macro ? (
        <p className="basis-full text-xs text-slate-700" data-testid="macro-changes">
          <input type="hidden" name="macroId" value={macro.id} />
          Sending also sets {macro.changes.join(", ")} ({macro.title}).{" "}
          <button type="button" className="text-brand-700 underline" onClick={() => setMacro(null)}>Send without the changes</button>
        </p>
      ) : null}
    </div>
  );
}

export function AssignByRuleForm({ requestId, reference, version, teamName }: { requestId: string; reference: string; version: number; teamName: string }) {
  const { state, pending, formProps } = useActionForm(assignByRuleAction);
  return (
    <form {...formProps} key={version} className="space-y-2 border-t border-slate-100 pt-3">
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="expectedVersion" value={version} />
      <Button type="submit" variant="secondary" className="w-full" disabled={pending}>Assign by team rule</Button>
      <p className="text-xs text-slate-500">Picks the next available member of {teamName} by the team&apos;s rule.</p>
      <FormMessage state={state} />
    </form>
  );
}

type TriageProps = {
  requestId: string;
  reference: string;
  version: number;
  status: string;
  priority: string;
  assigneeId: string;
  agents: { id: string; name: string }[];
  meId: string;
};

export function TriageForm(props: TriageProps) {
  const [state, action, pending] = useActionState(updateRequestAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  // Keyed by version so the form shows the saved values after every change.
  return (
    <form key={props.version} action={action} className="space-y-3">
      <input type="hidden" name="requestId" value={props.requestId} />
      <input type="hidden" name="reference" value={props.reference} />
      <input type="hidden" name="expectedVersion" value={props.version} />
      <div>
        <label htmlFor="triage-status" className="block text-xs font-medium text-slate-600">Status</label>
        <select id="triage-status" name="status" defaultValue={props.status} className={inputClass}>
          {statuses.map((s) => (
            <option key={s} value={s} disabled={s === "NEW" && props.status !== "NEW"}>{statusLabel[s]}</option>
          ))}
        </select>
        <FieldError id="triage-status-error" messages={errors?.status} />
      </div>
      <div>
        <label htmlFor="triage-priority" className="block text-xs font-medium text-slate-600">Priority</label>
        <select id="triage-priority" name="priority" defaultValue={props.priority} className={inputClass}>
          {priorities.map((p) => (
            <option key={p} value={p}>{priorityLabel[p]}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="triage-assignee" className="block text-xs font-medium text-slate-600">Assignee</label>
        <select id="triage-assignee" name="assigneeId" defaultValue={props.assigneeId} className={inputClass}>
          <option value="">Unassigned</option>
          {props.agents.map((a) => (
            <option key={a.id} value={a.id}>{a.id === props.meId ? `${a.name} (me)` : a.name}</option>
          ))}
        </select>
        <FieldError id="triage-assignee-error" messages={errors?.assigneeId} />
      </div>
      <FormMessage state={state} />
      <Button type="submit" className="w-full" disabled={pending}>Save changes</Button>
    </form>
  );
}

export function ReopenForm({ requestId, reference, version, deadline }: { requestId: string; reference: string; version: number; deadline?: { iso: string; label: string } }) {
  const [state, action, pending] = useActionState(reopenAction, null);
  const error = state && !state.ok ? state.fieldErrors?.reason : undefined;
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="expectedVersion" value={version} />
      <label htmlFor="reopen-reason" className="block text-sm font-semibold">Not solved? Tell them what is still wrong</label>
      {deadline ? (
        <p id="reopen-reason-hint" className="text-xs text-slate-600">
          You can reopen until <time dateTime={deadline.iso}>{deadline.label}</time>. After that, file a new request.
        </p>
      ) : null}
      <textarea
        id="reopen-reason"
        name="reason"
        rows={3}
        className={inputClass}
        aria-invalid={Boolean(error)}
        aria-describedby={[deadline ? "reopen-reason-hint" : null, error ? "reopen-reason-error" : null].filter(Boolean).join(" ") || undefined}
      />
      <FieldError id="reopen-reason-error" messages={error} />
      <FormMessage state={state && (!state.ok && error ? null : state)} />
      <div className="flex justify-end">
        <Button type="submit" variant="secondary" disabled={pending}>Reopen request</Button>
      </div>
    </form>
  );
}

/** Withdrawing a request takes two steps: open the form, give a reason, confirm. */
export function CancelForm({ requestId, reference, version }: { requestId: string; reference: string; version: number }) {
  const { pending, errors, banner, formProps } = useActionForm(cancelAction);
  const error = errors?.reason;
  return (
    <details className="group" open={Boolean(errors)}>
      <summary className="cursor-pointer text-sm font-semibold text-slate-800">Cancel request</summary>
      <form {...formProps} className="mt-3 space-y-3">
        <input type="hidden" name="requestId" value={requestId} />
        <input type="hidden" name="reference" value={reference} />
        <input type="hidden" name="expectedVersion" value={version} />
        <p id="cancel-reason-hint" className="text-xs text-slate-600">The department stops working on it and the request closes. This cannot be undone.</p>
        <label htmlFor="cancel-reason" className="block text-xs font-medium text-slate-600">Why do you no longer need it?</label>
        <textarea
          id="cancel-reason"
          name="reason"
          rows={3}
          className={inputClass}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? "cancel-reason-hint cancel-reason-error" : "cancel-reason-hint"}
        />
        <FieldError id="cancel-reason-error" messages={error} />
        <FormMessage state={banner} />
        <Button type="submit" variant="danger" className="w-full" disabled={pending}>Yes, cancel this request</Button>
      </form>
    </details>
  );
}

/** The department's own labels on the request: the queue filters by them, automation rules test them. */
export function TagsForm({ requestId, reference, version, tags }: { requestId: string; reference: string; version: number; tags: string[] }) {
  const { pending, errors, banner, formProps } = useActionForm(setTagsAction);
  const error = errors ? Object.entries(errors).flatMap(([k, v]) => (k === "tags" || k.startsWith("tags.") ? v : [])) : [];
  return (
    <form {...formProps} key={`${version}-${tags.join(",")}`} className="space-y-2 border-t border-slate-100 pt-3">
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="expectedVersion" value={version} />
      <label htmlFor="request-tags" className="block text-xs font-medium text-slate-600">Tags</label>
      <input id="request-tags" name="tags" defaultValue={tags.join(", ")} className={inputClass} aria-invalid={error.length > 0} aria-describedby={error.length ? "request-tags-hint request-tags-error" : "request-tags-hint"} />
      <p id="request-tags-hint" className="text-xs text-slate-500">Separated by commas or spaces: lowercase letters, digits, - and _.</p>
      <FieldError id="request-tags-error" messages={error.length ? error : undefined} />
      <div className="flex flex-wrap items-center justify-end gap-2">
        <FormMessage state={banner} />
        <Button type="submit" variant="secondary" disabled={pending}>Save tags</Button>
      </div>
    </form>
  );
}
