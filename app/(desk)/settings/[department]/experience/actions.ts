"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { setComplaintDelegate } from "@/lib/complaints/set-complaint-delegate";
import { setRatingReasons, setSatisfactionGoal } from "@/lib/experience/experience-settings";

const text = (form: FormData, key: string) => String(form.get(key) ?? "");

function done<T>(state: ActionState<T>, form: FormData): ActionState {
  if (!state?.ok) return state;
  const key = text(form, "department");
  if (/^[A-Z][A-Z0-9]{1,9}$/.test(key)) revalidatePath(`/settings/${key}/experience`);
  return { ok: true, data: null, message: "Saved." };
}

export async function goalAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return done(await runAction((actor) => setSatisfactionGoal({ actor, input: { departmentId: text(form, "departmentId"), goal: text(form, "goal"), slaGoal: text(form, "slaGoal") } })), form);
}

export async function reasonsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return done(await runAction((actor) => setRatingReasons({ actor, input: { departmentId: text(form, "departmentId"), positive: text(form, "positive"), negative: text(form, "negative") } })), form);
}

export async function delegateAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return done(await runAction((actor) => setComplaintDelegate({ actor, input: { departmentId: text(form, "departmentId"), delegateId: text(form, "delegateId") } })), form);
}
