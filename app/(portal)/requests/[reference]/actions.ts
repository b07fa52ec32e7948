"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { addComment } from "@/lib/requests/add-comment";
import { reopenRequest } from "@/lib/requests/reopen-request";
import { updateRequest } from "@/lib/requests/update-request";

const text = (form: FormData, key: string) => String(form.get(key) ?? "");

function done(state: ActionState, reference: string, message: string): ActionState {
  if (state?.ok) {
    revalidatePath(`/requests/${reference}`);
    return { ...state, message };
  }
  return state;
}

export async function commentAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const visibility = text(form, "visibility") === "INTERNAL" ? "INTERNAL" : "PUBLIC";
  const state = await runAction((actor) => addComment({ actor, input: { requestId: text(form, "requestId"), body: text(form, "body"), visibility } }));
  return done(state, text(form, "reference"), visibility === "INTERNAL" ? "Note added." : "Reply sent.");
}

export async function updateRequestAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const assignee = text(form, "assigneeId");
  const state = await runAction((actor) =>
    updateRequest({
      actor,
      input: {
        requestId: text(form, "requestId"),
        expectedVersion: text(form, "expectedVersion"),
        status: (text(form, "status") || undefined) as never,
        priority: (text(form, "priority") || undefined) as never,
        assigneeId: form.has("assigneeId") ? assignee || null : undefined,
      },
    }),
  );
  return done(state, text(form, "reference"), "Saved.");
}

export async function reopenAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) =>
    reopenRequest({ actor, input: { requestId: text(form, "requestId"), expectedVersion: text(form, "expectedVersion"), reason: text(form, "reason") } }),
  );
  return done(state, text(form, "reference"), "Reopened: the department has your reply.");
}
