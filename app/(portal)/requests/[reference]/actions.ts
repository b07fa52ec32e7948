"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/lib/auth/action";
import { replyWithMacro } from "@/lib/canned-responses/apply-macro";
import { addComment } from "@/lib/requests/add-comment";
import { setRequestTags } from "@/lib/requests/set-request-tags";
import { addWatcher } from "@/lib/requests/add-watcher";
import { assignByTeamRule } from "@/lib/requests/assign-by-rule";
import { checkMentions, mentionCandidates, type MentionCandidate, type MentionCheck } from "@/lib/requests/mention-candidates";
import { cancelRequest } from "@/lib/requests/cancel-request";
import { removeWatcher } from "@/lib/requests/remove-watcher";
import { reopenRequest } from "@/lib/requests/reopen-request";
import { updateRequest } from "@/lib/requests/update-request";

const text = (form: FormData, key: string) => String(form.get(key) ?? "");
const files = (form: FormData, key: string) => form.getAll(key).filter((v): v is File => typeof v !== "string");

function done(state: ActionState, reference: string, message: string): ActionState {
  if (state?.ok) {
    revalidatePath(`/requests/${reference}`);
    return { ...state, message };
  }
  return state;
}

export async function commentAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const visibility = text(form, "visibility") === "INTERNAL" ? "INTERNAL" : "PUBLIC";
  const macroId = text(form, "macroId");
  const state = await runAction((actor) => {
    const input = { requestId: text(form, "requestId"), body: text(form, "body"), visibility } as const;
    // A canned response that is a macro: its changes follow the reply it was inserted into.
    return macroId ? replyWithMacro({ actor, input, files: files(form, "attachments"), cannedResponseId: macroId }) : addComment({ actor, input, files: files(form, "attachments") });
  });
  return done(state, text(form, "reference"), `${visibility === "INTERNAL" ? "Note added." : "Reply sent."}${macroId && state?.ok ? " The canned response's changes were applied." : ""}`);
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

export async function assignByRuleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => assignByTeamRule({ actor, input: { requestId: text(form, "requestId"), expectedVersion: text(form, "expectedVersion") } }));
  if (state?.ok && !state.data.assigneeId) return { ...state, message: "Nobody on the team is available: the request stays as it is." };
  if (state?.ok && !state.data.changed) return { ...state, message: "The team's rule picks the current assignee: nothing changed." };
  return done(state, text(form, "reference"), "Assigned by the team's rule.");
}

export async function reopenAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) =>
    reopenRequest({ actor, input: { requestId: text(form, "requestId"), expectedVersion: text(form, "expectedVersion"), reason: text(form, "reason") } }),
  );
  return done(state, text(form, "reference"), "Reopened: the department has your reply.");
}

export async function cancelAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) =>
    cancelRequest({ actor, input: { requestId: text(form, "requestId"), expectedVersion: text(form, "expectedVersion"), reason: text(form, "reason") } }),
  );
  return done(state, text(form, "reference"), "Cancelled: the department has your reason.");
}

export async function addWatcherAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => addWatcher({ actor, input: { requestId: text(form, "requestId"), personId: text(form, "personId") } }));
  if (state?.ok && !state.data.added) return { ...state, message: "They already follow this request." };
  return done(state, text(form, "reference"), "Added: they can follow this request now.");
}

export async function removeWatcherAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => removeWatcher({ actor, input: { requestId: text(form, "requestId"), personId: text(form, "personId") } }));
  // A follower who leaves can no longer see the request: take them back to their list.
  if (state?.ok && text(form, "leave") === "1") redirect("/requests");
  return done(state, text(form, "reference"), "Removed.");
}

export async function setTagsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => setRequestTags({ actor, input: { requestId: text(form, "requestId"), expectedVersion: text(form, "expectedVersion"), tags: text(form, "tags") } }));
  return done(state, text(form, "reference"), "Tags saved.");
}

/** The people an `@` in a reply or note may name (the request's readers); nothing on a refusal. */
export async function mentionCandidatesAction(requestId: string, query: string): Promise<MentionCandidate[]> {
  const state = await runAction((actor) => mentionCandidates({ actor, requestId, query }));
  return state?.ok ? state.data : [];
}

/** The mentions that would reach nobody, asked just before sending. */
export async function checkMentionsAction(requestId: string, body: string, visibility: "PUBLIC" | "INTERNAL"): Promise<ActionState<MentionCheck>> {
  return runAction((actor) => checkMentions({ actor, requestId, body, visibility }));
}
