"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { setOrganisationTimeZone } from "@/lib/org/organisation-time-zone";

export async function setOrganisationTimeZoneAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => setOrganisationTimeZone({ actor, input: { timeZone: String(form.get("timeZone") ?? "") } }));
  if (state?.ok) revalidatePath("/admin/organisation");
  return state?.ok ? { ...state, message: "Saved. It applies from the first month not yet published." } : state;
}
