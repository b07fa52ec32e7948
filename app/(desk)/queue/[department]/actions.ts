"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { updateRequest } from "@/lib/requests/update-request";

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
