"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { addComplaintNote } from "@/lib/complaints/add-complaint-note";
import { assignComplaint } from "@/lib/complaints/assign-complaint";
import { closeComplaint } from "@/lib/complaints/close-complaint";

const text = (form: FormData, key: string) => String(form.get(key) ?? "");

function done<T>(state: ActionState<T>, form: FormData, message: string): ActionState {
  if (!state?.ok) return state;
  const key = text(form, "department");
  if (/^[A-Z][A-Z0-9]{1,9}$/.test(key)) revalidatePath(`/insights/${key}/complaints`, "layout");
  return { ok: true, data: null, message };
}

export async function assignComplaintAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => assignComplaint({ actor, input: { complaintId: text(form, "complaintId"), assigneeId: text(form, "assigneeId"), version: text(form, "version") } }));
  return done(state, form, "Assigned.");
}

export async function addComplaintNoteAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => addComplaintNote({ actor, input: { complaintId: text(form, "complaintId"), body: text(form, "body"), contacted: text(form, "contacted") } }));
  return done(state, form, "Note added.");
}

export async function closeComplaintAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) =>
    closeComplaint({ actor, input: { complaintId: text(form, "complaintId"), outcome: text(form, "outcome"), message: text(form, "message"), version: text(form, "version") } }),
  );
  return done(state, form, "Closed: the person has been told.");
}
