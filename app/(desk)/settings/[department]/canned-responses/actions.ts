"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { createCannedResponse, deleteCannedResponse, updateCannedResponse } from "@/lib/canned-responses/manage-canned-responses";

const text = (form: FormData, key: string) => String(form.get(key) ?? "");
/** A macro's changes: each select left empty changes nothing. */
const changes = (form: FormData) => ({ setStatus: text(form, "setStatus"), setPriority: text(form, "setPriority"), setAssigneeId: text(form, "setAssigneeId"), setTeamId: text(form, "setTeamId") });

/** The department key only picks the page to refresh; the use case decides who may change what. */
function done<T>(state: ActionState<T>, form: FormData, message: string): ActionState {
  if (!state?.ok) return state;
  const key = text(form, "department");
  if (/^[A-Z][A-Z0-9]{1,9}$/.test(key)) revalidatePath(`/settings/${key}/canned-responses`);
  return { ok: true, data: null, message };
}

export async function createCannedResponseAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => createCannedResponse({ actor, input: { departmentId: text(form, "departmentId"), title: text(form, "title"), body: text(form, "body"), changes: changes(form) } }));
  return done(state, form, "Canned response created.");
}

export async function updateCannedResponseAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) =>
    updateCannedResponse({ actor, input: { cannedResponseId: text(form, "cannedResponseId"), title: text(form, "title"), body: text(form, "body"), changes: changes(form) } }),
  );
  return done(state, form, "Saved.");
}

export async function deleteCannedResponseAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => deleteCannedResponse({ actor, input: { cannedResponseId: text(form, "cannedResponseId") } }));
  return done(state, form, "Deleted.");
}
