"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { setAvailability } from "@/lib/org/set-availability";
import { bulkUpdateRequests, type BulkOutcome } from "@/lib/requests/bulk-update-requests";
import { updateRequest } from "@/lib/requests/update-request";
import type { Status } from "@/lib/validation/requests";

export async function assignToMeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) =>
    updateRequest({
      actor,
      input: { requestId: String(form.get("requestId") ?? ""), expectedVersion: String(form.get("expectedVersion") ?? ""), assigneeId: actor.id },
    }),
  );
  if (state?.ok) revalidatePath(`/queue/${String(form.get("department") ?? "")}`);
  return state?.ok ? { ...state, message: "Assigned to you." } : state;
}

/** Selected rows arrive as "requestId:version"; the pressed button says which change to apply. */
export async function bulkUpdateAction(_prev: ActionState<{ outcomes: BulkOutcome[] }>, form: FormData): Promise<ActionState<{ outcomes: BulkOutcome[] }>> {
  const items = form.getAll("item").map((v) => {
    const [requestId = "", expectedVersion = ""] = String(v).split(":");
    return { requestId, expectedVersion };
  });
  const intent = form.get("intent");
  const assignee = String(form.get("assignee") ?? "");
  const status = String(form.get("status") ?? "");
  const state = await runAction((actor) =>
    bulkUpdateRequests({
      actor,
      input: {
        items,
        ...(intent === "assign" ? { assigneeId: assignee === "me" ? actor.id : assignee === "none" ? null : assignee } : {}),
        ...(intent === "status" ? { status: status as Status } : {}),
      },
    }),
  );
  if (state?.ok) revalidatePath(`/queue/${String(form.get("department") ?? "")}`);
  return state?.ok ? { ok: true, data: { outcomes: state.data.outcomes }, message: state.data.summary } : state;
}

/** An agent marks themself away (skipped by their teams' assignment rules) or available again. */
export async function setMyAvailabilityAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const available = String(form.get("available") ?? "") === "true";
  const state = await runAction((actor) => setAvailability({ actor, input: { available } }));
  if (state?.ok) revalidatePath(`/queue/${String(form.get("department") ?? "")}`);
  return state?.ok ? { ...state, message: available ? "You are available: new requests can be assigned to you." : "You are away: team rules skip you." } : state;
}
