"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/lib/auth/action";
import { setAvailability } from "@/lib/org/set-availability";
import { bulkUpdateRequests, type BulkOutcome } from "@/lib/requests/bulk-update-requests";
import { setDefaultQueueView, setQueueColumns } from "@/lib/requests/queue-layout";
import { deleteQueueView, saveQueueView } from "@/lib/requests/saved-queue-views";
import { updateRequest } from "@/lib/requests/update-request";
import type { Status } from "@/lib/validation/requests";

/** The pressed row's button says which request, as "requestId:version". */
export async function assignToMeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const [requestId = "", expectedVersion = ""] = String(form.get("item") ?? "").split(":");
  const state = await runAction((actor) => updateRequest({ actor, input: { requestId, expectedVersion, assigneeId: actor.id } }));
  if (state?.ok) revalidatePath(`/queue/${String(form.get("department") ?? "")}`);
  return state?.ok ? { ...state, message: "Assigned to you." } : state;
}

/** Selected rows arrive as "requestId:version"; the pressed button says which change to apply. */
export async function bulkUpdateAction(_prev: ActionState<{ outcomes: BulkOutcome[] }>, form: FormData): Promise<ActionState<{ outcomes: BulkOutcome[] }>> {
  const items = form.getAll("item").map((v) => {
    const [requestId = "", expectedVersion = ""] = String(v).split(":");
    return { requestId, expectedVersion };
  });
  const intent = form.get("intent");
  const assignee = String(form.get("assignee") ?? "");
  const status = String(form.get("status") ?? "");
  const state = await runAction((actor) =>
    bulkUpdateRequests({
      actor,
      input: {
        items,
        ...(intent === "assign" ? { assigneeId: assignee === "me" ? actor.id : assignee === "none" ? null : assignee } : {}),
        ...(intent === "status" ? { status: status as Status } : {}),
      },
    }),
  );
  if (state?.ok) revalidatePath(`/queue/${String(form.get("department") ?? "")}`);
  return state?.ok ? { ok: true, data: { outcomes: state.data.outcomes }, message: state.data.summary } : state;
}

/** An agent marks themself away (skipped by their teams' assignment rules) or available again. */
export async function setMyAvailabilityAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const available = String(form.get("available") ?? "") === "true";
  const state = await runAction((actor) => setAvailability({ actor, input: { available } }));
  if (state?.ok) revalidatePath(`/queue/${String(form.get("department") ?? "")}`);
  return state?.ok ? { ...state, message: available ? "You are available: new requests can be assigned to you." : "You are away: team rules skip you." } : state;
}

const field = (form: FormData, key: string) => String(form.get(key) ?? "");

/** Saves the queue's filters as they are now (hidden fields named `filter.<key>`) under a name; optionally as the agent's default. */
export async function saveQueueViewAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const departmentKey = field(form, "department");
  const filter = Object.fromEntries([...form.entries()].flatMap(([k, v]) => (k.startsWith("filter.") && typeof v === "string" ? [[k.slice("filter.".length), v]] : [])));
  const state = await runAction(async (actor) => {
    const view = await saveQueueView({ actor, input: { departmentKey, name: field(form, "name"), shared: field(form, "shared"), filter } });
    if (field(form, "makeDefault") === "on") await setDefaultQueueView({ actor, input: { departmentKey, view: `saved:${view.id}` } });
    return view;
  });
  if (!state?.ok) return state;
  revalidatePath(`/queue/${departmentKey}`);
  redirect(`/queue/${encodeURIComponent(departmentKey)}?saved=${encodeURIComponent(state.data.id)}`);
}

export async function deleteQueueViewAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const departmentKey = field(form, "department");
  const state = await runAction((actor) => deleteQueueView({ actor, input: { departmentKey, viewId: field(form, "viewId") } }));
  if (state?.ok) revalidatePath(`/queue/${departmentKey}`);
  return state?.ok ? { ...state, message: "The view was deleted." } : state;
}

/** The queue the agent opens with: `view` is a built-in view, `saved:<id>`, or empty for the queue's own default. */
export async function setDefaultQueueViewAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const departmentKey = field(form, "department");
  const state = await runAction((actor) => setDefaultQueueView({ actor, input: { departmentKey, view: field(form, "view") } }));
  if (state?.ok) revalidatePath(`/queue/${departmentKey}`);
  return state?.ok ? { ...state, message: state.data ? "Your queue opens with this view." : "Your queue opens with the usual view." } : state;
}

/** Columns arrive in their order as repeated `column` fields. */
export async function setQueueColumnsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const departmentKey = field(form, "department");
  const state = await runAction((actor) => setQueueColumns({ actor, input: { departmentKey, columns: form.getAll("column").map(String) as never } }));
  if (state?.ok) revalidatePath(`/queue/${departmentKey}`);
  return state?.ok ? { ...state, message: "Columns saved." } : state;
}
