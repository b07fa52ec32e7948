"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { uploadInboundEmail } from "@/lib/email/admin-mailbox";
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

/** An .eml pasted or uploaded in the embedded demo: stored and processed at once, as if fetched from a mailbox. */
export async function uploadEmlAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const file = form.get("file");
  const pasted = String(form.get("pasted") ?? "");
  const bytes = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array(Buffer.from(pasted.replace(/\r?\n/g, "\r\n"), "utf8"));
  const state = await runAction((actor) => uploadInboundEmail({ actor, eml: bytes }));
  if (!state?.ok) return state;
  revalidatePath("/admin/email");
  const { status, outcome, duplicate } = state.data;
  return { ok: true, data: null, message: duplicate ? `Already received (same Message-ID): ${status.toLowerCase()}, ${outcome}.` : `${status.charAt(0)}${status.slice(1).toLowerCase()}: ${outcome}.` };
}
