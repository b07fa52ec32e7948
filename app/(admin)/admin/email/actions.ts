"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { retryEmailDeliveries } from "@/lib/notifications/email-deliveries";

/** One delivery when the form posts its id; every failed one otherwise. */
export async function retryEmailAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const deliveryId = form.get("deliveryId");
  const state = await runAction((actor) => retryEmailDeliveries({ actor, input: { deliveryId: deliveryId === null ? undefined : String(deliveryId) } }));
  if (!state?.ok) return state;
  revalidatePath("/admin/email");
  const { count } = state.data;
  return { ok: true, data: state.data, message: count === 0 ? "No failed emails to retry." : `${count} email${count === 1 ? "" : "s"} queued again.` };
}
