"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/lib/auth/action";
import { linkRequests, unlinkRequests } from "@/lib/requests/link-requests";
import { mergeRequest } from "@/lib/requests/merge-request";
import { transferRequest } from "@/lib/requests/transfer-request";

const text = (form: FormData, key: string) => String(form.get(key) ?? "");

export async function transferAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) =>
    transferRequest({
      actor,
      input: {
        requestId: text(form, "requestId"),
        expectedVersion: text(form, "expectedVersion"),
        toDepartmentId: text(form, "toDepartmentId"),
        typeId: text(form, "typeId"),
        reason: text(form, "reason"),
      },
    }),
  );
  if (!state?.ok) return state;
  revalidatePath(`/requests/${text(form, "reference")}`);
  // Off to the request under its new number, or back to the queue when it has left the agent's sight;
  // either page confirms where it went.
  const moved = new URLSearchParams({ transferred: text(form, "reference"), to: state.data.reference });
  redirect(state.data.stillVisible ? `/requests/${state.data.reference}?${moved}` : `/queue/${state.data.fromDepartmentKey}?${moved}`);
}

export async function mergeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) =>
    mergeRequest({ actor, input: { requestId: text(form, "requestId"), expectedVersion: text(form, "expectedVersion"), targetReference: text(form, "targetReference") } }),
  );
  if (!state?.ok) return state;
  revalidatePath(`/requests/${text(form, "reference")}`);
  revalidatePath(`/requests/${state.data.targetReference}`);
  return { ...state, message: `Merged into ${state.data.targetReference}.` };
}

export async function linkAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => linkRequests({ actor, input: { requestId: text(form, "requestId"), otherReference: text(form, "otherReference") } }));
  if (!state?.ok) return state;
  revalidatePath(`/requests/${text(form, "reference")}`);
  return { ...state, message: state.data.added ? "Linked." : "These requests are already linked." };
}

export async function unlinkAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => unlinkRequests({ actor, input: { requestId: text(form, "requestId"), linkId: text(form, "linkId") } }));
  if (!state?.ok) return state;
  revalidatePath(`/requests/${text(form, "reference")}`);
  // Nothing removed (a double click, a colleague was quicker, or the link is not this request's) is said as such.
  if (!state.data.removed) return { ok: false, message: "This request has no such link (any more): nothing was removed." };
  return { ...state, message: "Link removed." };
}
