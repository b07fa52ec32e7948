"use client";
import { useActionState } from "react";
import { assignToMeAction } from "./actions";

export function AssignToMe({ requestId, version, department, reference }: { requestId: string; version: number; department: string; reference: string }) {
  const [state, action, pending] = useActionState(assignToMeAction, null);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <input type="hidden" name="department" value={department} />
      <button type="submit" disabled={pending} className="rounded px-2 py-1 text-xs font-semibold whitespace-nowrap text-brand-700 hover:bg-brand-50" aria-label={`Assign to me: ${reference}`}>
        Assign to me
      </button>
      {state && !state.ok ? <span role="alert" className="block text-xs text-red-700">{state.message}</span> : null}
    </form>
  );
}
