"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { addInboundAddress, setInboundAddressActive } from "@/lib/email/manage-inbound-addresses";

const text = (form: FormData, key: string) => String(form.get(key) ?? "");

/** The department key only picks the page to refresh; the use case decides who may change what. */
function done<T>(state: ActionState<T>, form: FormData, message: string): ActionState {
  if (!state?.ok) return state;
  const key = text(form, "department");
  if (/^[A-Z][A-Z0-9]{1,9}$/.test(key)) revalidatePath(`/settings/${key}/email`);
  return { ok: true, data: null, message };
}

export async function addInboundAddressAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => addInboundAddress({ actor, input: { departmentId: text(form, "departmentId"), address: text(form, "address"), typeId: text(form, "typeId") } }));
  return done(state, form, "Address added: mail to it now files requests.");
}

export async function setInboundAddressActiveAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const active = text(form, "active") === "true";
  const state = await runAction((actor) => setInboundAddressActive({ actor, input: { addressId: text(form, "addressId"), active } }));
  return done(state, form, active ? "Turned on." : "Turned off.");
}
