"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { addTeamMember, createTeam, removeTeamMember, renameTeam, setTeamRule } from "@/lib/org/manage-teams";
import { setAvailability } from "@/lib/org/set-availability";
import { searchDepartmentAgents, type AgentMatch } from "@/lib/org/team-settings";
import type { SetTeamRuleInput } from "@/lib/validation/org";

const text = (form: FormData, key: string) => String(form.get(key) ?? "");

/** The department key only picks the page to refresh; the use case decides who may change what. */
function done<T>(state: ActionState<T>, form: FormData, message: string): ActionState {
  if (!state?.ok) return state;
  const key = text(form, "department");
  if (/^[A-Z][A-Z0-9]{1,9}$/.test(key)) revalidatePath(`/settings/${key}/teams`);
  return { ok: true, data: null, message };
}

export async function createTeamAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => createTeam({ actor, input: { departmentId: text(form, "departmentId"), name: text(form, "name") } }));
  return done(state, form, "Team created.");
}

export async function renameTeamAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => renameTeam({ actor, input: { teamId: text(form, "teamId"), name: text(form, "name") } }));
  return done(state, form, "Team renamed.");
}

export async function setTeamRuleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => setTeamRule({ actor, input: { teamId: text(form, "teamId"), rule: text(form, "rule") as SetTeamRuleInput["rule"] } }));
  return done(state, form, "Assignment rule saved.");
}

export async function addMemberAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  if (!text(form, "personId")) return { ok: false, message: "Choose an agent from the list.", fieldErrors: { personId: ["Choose an agent from the list."] } };
  const state = await runAction((actor) => addTeamMember({ actor, input: { teamId: text(form, "teamId"), personId: text(form, "personId") } }));
  if (state?.ok && !state.data.added) return { ...state, message: "Already a member." };
  return done(state, form, "Member added.");
}

export async function removeMemberAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => removeTeamMember({ actor, input: { teamId: text(form, "teamId"), personId: text(form, "personId") } }));
  return done(state, form, "Member removed.");
}

export async function setAvailabilityAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const available = text(form, "available") === "true";
  const state = await runAction((actor) => setAvailability({ actor, input: { personId: text(form, "personId"), available } }));
  return done(state, form, available ? "Available again." : "Set away.");
}

/** Matches for the member picker; a query too short to search gives no matches, not an error. */
export async function searchAgentsAction(departmentId: string, query: string): Promise<AgentMatch[]> {
  if (typeof query !== "string" || typeof departmentId !== "string" || query.trim().length < 2) return [];
  const state = await runAction((actor) => searchDepartmentAgents({ actor, departmentId, query }));
  return state?.ok ? state.data : [];
}
