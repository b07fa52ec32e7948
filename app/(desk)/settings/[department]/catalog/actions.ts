"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { createRequestType } from "@/lib/catalog/create-request-type";
import { reorderRequestType } from "@/lib/catalog/reorder-request-type";
import { setRequestTypeActive } from "@/lib/catalog/set-request-type-active";
import { setRequestTypeFields } from "@/lib/catalog/set-request-type-fields";
import { setApprovalSteps } from "@/lib/catalog/set-approval-steps";
import { updateRequestType } from "@/lib/catalog/update-request-type";
import type { CreateRequestTypeInput, ReorderRequestTypeInput } from "@/lib/validation/catalog-settings";

const text = (form: FormData, key: string) => String(form.get(key) ?? "");

/** The department key only picks the pages to refresh; the use case decides who may change what. */
function done<T>(state: ActionState<T>, form: FormData, message: (data: T) => string): ActionState {
  if (!state?.ok) return state;
  const key = text(form, "department");
  if (/^[A-Z][A-Z0-9]{1,9}$/.test(key)) revalidatePath(`/settings/${key}/catalog`, "layout");
  revalidatePath("/catalog", "layout");
  return { ok: true, data: null, message: message(state.data) };
}

const typeFields = (form: FormData) => ({
  name: text(form, "name"),
  slug: text(form, "slug"),
  description: text(form, "description"),
  defaultPriority: text(form, "defaultPriority") as CreateRequestTypeInput["defaultPriority"],
  defaultTeamId: text(form, "defaultTeamId"),
});

export async function createRequestTypeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => createRequestType({ actor, input: { departmentId: text(form, "departmentId"), ...typeFields(form) } }));
  return done(state, form, (t) => `"${t.name}" added to the catalogue. Open it to add the fields of its form.`);
}

export async function updateRequestTypeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => updateRequestType({ actor, input: { typeId: text(form, "typeId"), expectedVersion: text(form, "expectedVersion"), ...typeFields(form) } }));
  return done(state, form, () => "Saved. New requests get the new defaults; filed ones keep theirs.");
}

export async function setRequestTypeFieldsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  let fields: unknown;
  try {
    fields = JSON.parse(text(form, "fields"));
  } catch {
    return { ok: false, message: "The form's fields could not be read. Reload the page and try again." };
  }
  const state = await runAction((actor) =>
    setRequestTypeFields({ actor, input: { typeId: text(form, "typeId"), expectedVersion: text(form, "expectedVersion"), fields: fields as never } }),
  );
  return done(state, form, () => "Form saved. Requests already filed keep the values they were filed with.");
}

export async function setApprovalStepsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  let steps: unknown;
  try {
    steps = JSON.parse(text(form, "steps"));
  } catch {
    return { ok: false, message: "The approval steps could not be read. Reload the page and try again." };
  }
  const state = await runAction((actor) =>
    setApprovalSteps({ actor, input: { typeId: text(form, "typeId"), expectedVersion: text(form, "expectedVersion"), steps: steps as never } }),
  );
  return done(state, form, () => "Approval steps saved. Requests already waiting keep the steps they were filed with.");
}

export async function reorderRequestTypeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => reorderRequestType({ actor, input: { typeId: text(form, "typeId"), direction: text(form, "direction") as ReorderRequestTypeInput["direction"] } }));
  return done(state, form, () => "Order saved.");
}

export async function setRequestTypeActiveAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const active = text(form, "active") === "true";
  const state = await runAction((actor) => setRequestTypeActive({ actor, input: { typeId: text(form, "typeId"), active } }));
  return done(state, form, () => (active ? "Offered in the catalogue again." : "Taken out of the catalogue. Its requests stay as they are."));
}
