"use client";
import { useActionState, useEffect, useRef } from "react";
import type { ActionState } from "@/lib/auth/action";
import { priorities, priorityLabel, statuses, statusLabel } from "@/lib/validation/requests";
import { Button, FieldError, FormMessage, inputClass } from "../../../_components/ui";
import { commentAction, reopenAction, updateRequestAction } from "./actions";

function useResetOnSuccess(state: ActionState) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) ref.current?.reset();
  }, [state]);
  return ref;
}

export function CommentForm({ requestId, reference, canNote }: { requestId: string; reference: string; canNote: boolean }) {
  const [state, action, pending] = useActionState(commentAction, null);
  const ref = useResetOnSuccess(state);
  const error = state && !state.ok ? state.fieldErrors?.body : undefined;
  return (
    <form ref={ref} action={action} className="space-y-3">
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="reference" value={reference} />
      <label htmlFor="reply-body" className="block text-sm font-semibold">
        {canNote ? "Reply or add a note" : "Reply"}
      </label>
      <textarea id="reply-body" name="body" rows={4} className={inputClass} aria-invalid={Boolean(error)} aria-describedby={error ? "reply-body-error" : undefined} />
      <FieldError id="reply-body-error" messages={error} />
      <FormMessage state={state && (!state.ok && error ? null : state)} />
      <div className="flex flex-wrap justify-end gap-2">
        {canNote ? (
          <Button type="submit" name="visibility" value="INTERNAL" variant="secondary" disabled={pending}>
            Add internal note
          </Button>
        ) : null}
        <Button type="submit" name="visibility" value="PUBLIC" disabled={pending}>
          {canNote ? "Send public reply" : "Send reply"}
        </Button>
      </div>
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

export function ReopenForm({ requestId, reference, version }: { requestId: string; reference: string; version: number }) {
  const [state, action, pending] = useActionState(reopenAction, null);
  const error = state && !state.ok ? state.fieldErrors?.reason : undefined;
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="expectedVersion" value={version} />
      <label htmlFor="reopen-reason" className="block text-sm font-semibold">Not solved? Tell them what is still wrong</label>
      <textarea id="reopen-reason" name="reason" rows={3} className={inputClass} aria-invalid={Boolean(error)} aria-describedby={error ? "reopen-reason-error" : undefined} />
      <FieldError id="reopen-reason-error" messages={error} />
      <FormMessage state={state && (!state.ok && error ? null : state)} />
      <div className="flex justify-end">
        <Button type="submit" variant="secondary" disabled={pending}>Reopen request</Button>
      </div>
    </form>
  );
}
