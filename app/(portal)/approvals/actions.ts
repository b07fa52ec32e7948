"use server";
import { revalidatePath } from "next/cache";
import { decideApproval, decideByLink } from "@/lib/approvals/decide-approval";
import { clearDelegation, setDelegation } from "@/lib/approvals/set-delegation";
import { runAction, type ActionState } from "@/lib/auth/action";
import type { DecideApprovalInput } from "@/lib/validation/approvals";

/** Whatever the form posted: the use case's schema refuses anything but APPROVED or REJECTED. */
const decisionOf = (form: FormData) => String(form.get("decision") ?? "") as DecideApprovalInput["decision"];

const outcomeMessage = (r: { outcome: string; requestOutcome: string; reference: string }) =>
  r.requestOutcome === "APPROVED"
    ? `Approved: ${r.reference} goes to the department now.`
    : r.requestOutcome === "REJECTED"
      ? `Rejected: ${r.reference} is closed and its requester is told your reason.`
      : r.outcome === "APPROVED"
        ? `Approved: ${r.reference} moves on to its next approval step.`
        : `Your approval of ${r.reference} is recorded; it waits for other approvers.`;

export async function decideApprovalAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) =>
    decideApproval({ actor, input: { stepId: String(form.get("stepId") ?? ""), decision: decisionOf(form), reason: String(form.get("reason") ?? "") } }),
  );
  if (!state?.ok) return state;
  revalidatePath("/approvals");
  return { ...state, message: outcomeMessage(state.data) };
}

export async function decideByLinkAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) =>
    decideByLink({ actor, input: { token: String(form.get("token") ?? ""), decision: decisionOf(form), reason: String(form.get("reason") ?? "") } }),
  );
  if (!state?.ok) return state;
  return { ...state, message: outcomeMessage(state.data) };
}

export async function setDelegationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) =>
    setDelegation({ actor, input: { delegateId: String(form.get("delegateId") ?? ""), from: String(form.get("from") ?? ""), until: String(form.get("until") ?? "") } }),
  );
  if (!state?.ok) return state;
  revalidatePath("/approvals");
  const moved = state.data.moved;
  return { ...state, message: moved ? `Saved. ${moved} approval${moved === 1 ? "" : "s"} waiting on you went to your delegate.` : "Saved: your delegate decides while you are away." };
}

export async function clearDelegationAction(_prev: ActionState): Promise<ActionState> {
  const state = await runAction((actor) => clearDelegation({ actor }));
  if (state?.ok) revalidatePath("/approvals");
  return state?.ok ? { ...state, message: "Your delegation has ended: new approvals come to you again." } : state;
}
