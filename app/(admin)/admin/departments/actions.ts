"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { createDepartment, setDepartmentHead, updateDepartment } from "@/lib/org/manage-departments";
import { createTeam, renameTeam, setTeamMembers } from "@/lib/org/manage-teams";

const text = (form: FormData, key: string) => String(form.get(key) ?? "");

function done(state: ActionState, message: string): ActionState {
  if (!state?.ok) return state;
  revalidatePath("/admin", "layout");
  return { ok: true, data: null, message };
}

export async function createDepartmentAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) =>
    createDepartment({ actor, input: { key: text(form, "key").toUpperCase(), name: text(form, "name"), timeZone: text(form, "timeZone"), description: text(form, "description") } }),
  );
  return done(state, "Department created.");
}

export async function updateDepartmentAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) =>
    updateDepartment({
      actor,
      input: { departmentId: text(form, "departmentId"), name: text(form, "name"), timeZone: text(form, "timeZone"), description: text(form, "description") },
    }),
  );
  return done(state, "Saved.");
}

export async function setHeadAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => setDepartmentHead({ actor, input: { departmentId: text(form, "departmentId"), personId: text(form, "personId") || null } }));
  return done(state, "Head saved. Their sessions were ended so the new rights apply at once.");
}

export async function createTeamAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => createTeam({ actor, input: { departmentId: text(form, "departmentId"), name: text(form, "name") } }));
  return done(state, "Team created.");
}

export async function renameTeamAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => renameTeam({ actor, input: { teamId: text(form, "teamId"), name: text(form, "name") } }));
  return done(state, "Team renamed.");
}

export async function setTeamMembersAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const personIds = form.getAll("personIds").map(String);
  const state = await runAction((actor) => setTeamMembers({ actor, input: { teamId: text(form, "teamId"), personIds } }));
  return done(state, "Members saved.");
}
