"use client";
import { createContext, useActionState, useContext, type ReactNode } from "react";
import { assignToMeAction } from "./actions";

const formId = "queue-assign-to-me";
const Pending = createContext(false);

/**
 * The one form every row's "Assign to me" button submits (by its `form` attribute, with the row's
 * "requestId:version" as its value): a form per row repeated the action's hidden fields 50 times in the HTML.
 */
export function AssignToMeForm({ departmentKey, children }: { departmentKey: string; children: ReactNode }) {
  const [state, action, pending] = useActionState(assignToMeAction, null);
  return (
    <>
      <form id={formId} action={action}>
        <input type="hidden" name="department" value={departmentKey} />
        {state && !state.ok ? <p role="alert" className="mx-4 mt-3 rounded-md bg-red-50 px-3 py-1.5 text-sm text-red-800">{state.message}</p> : null}
      </form>
      <Pending value={pending}>{children}</Pending>
    </>
  );
}

export function AssignToMe({ requestId, version, reference }: { requestId: string; version: number; reference: string }) {
  const pending = useContext(Pending);
  return (
    <button
      type="submit"
      form={formId}
      name="item"
      value={`${requestId}:${version}`}
      disabled={pending}
      className="q-assign"
      aria-label={`Assign to me: ${reference}`}
    >
      Assign to me
    </button>
  );
}
