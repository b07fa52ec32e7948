"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { createPerson, deactivatePerson, reactivatePerson, setManager, setRoles, updatePerson } from "@/lib/org/manage-people";

const text = (form: FormData, key: string) => String(form.get(key) ?? "");

function done(state: ActionState, message: string): ActionState {
  if (!state?.ok) return state;
  revalidatePath("/admin", "layout");
  return { ok: true, data: state.data, message };
}

export async function createPersonAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(async (actor) => {
    const person = await createPerson({ actor, input: { email: text(form, "email"), name: text(form, "name"), title: text(form, "title"), departmentId: text(form, "departmentId") } });
    return { id: person.id };
  });
  return done(state, "Person added. Give them roles on their page if they need more than filing requests.");
}

export async function updatePersonAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(async (actor) => {
    await updatePerson({ actor, input: { personId: text(form, "personId"), name: text(form, "name"), title: text(form, "title"), departmentId: text(form, "departmentId") } });
    return null;
  });
  return done(state, "Saved.");
}

export async function setManagerAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(async (actor) => {
    await setManager({ actor, input: { personId: text(form, "personId"), managerId: form.get("clear") ? null : text(form, "managerId") } });
    return null;
  });
  return done(state, form.get("clear") ? "Manager removed." : "Manager saved.");
}

/** Checkboxes arrive as "ROLE" or "ROLE:departmentId". */
export async function setRolesAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const grants = form.getAll("grant").map((value) => {
    const [role = "", departmentId] = String(value).split(":");
    return { role: role as "AGENT", departmentId: departmentId || null };
  });
  const state = await runAction(async (actor) => {
    const result = await setRoles({ actor, input: { personId: text(form, "personId"), grants } });
    return { changed: result.changed };
  });
  if (state?.ok && !state.data.changed) return { ok: true, data: null, message: "Nothing changed." };
  return done(state, "Roles saved. The person was signed out so the new rights apply at once.");
}

export async function setActiveAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const personId = text(form, "personId");
  const activate = text(form, "intent") === "reactivate";
  const state = await runAction(async (actor) => {
    await (activate ? reactivatePerson : deactivatePerson)({ actor, input: { personId } });
    return null;
  });
  return done(state, activate ? "Reactivated: they can sign in again." : "Deactivated: their sessions ended and they cannot sign in.");
}
