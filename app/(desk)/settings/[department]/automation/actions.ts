"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { createRule, moveRule, setRuleEnabled, updateRule } from "@/lib/automation/manage-rules";

const text = (form: FormData, key: string) => String(form.get(key) ?? "");
const all = (form: FormData, key: string) => form.getAll(key).map(String).filter((v) => v !== "");
const words = (form: FormData, key: string) => text(form, key).split(/[\s,]+/).filter(Boolean);

/** The form's fields as the rule's when / if / then; the use case validates every part of it. */
function ruleFields(form: FormData) {
  const fields = [0, 1]
    .map((i) => ({ key: text(form, `fieldKey${i}`).trim(), value: text(form, `fieldValue${i}`) }))
    .filter((f) => f.key !== "" || f.value.trim() !== "");
  return {
    name: text(form, "name"),
    trigger: text(form, "trigger") as never,
    triggerCount: text(form, "triggerCount"),
    conditions: {
      typeIds: all(form, "typeIds"),
      priorities: all(form, "priorities") as never[],
      statuses: all(form, "statuses") as never[],
      requesterDepartmentIds: all(form, "requesterDepartmentIds"),
      teamIds: all(form, "teamIds"),
      tags: words(form, "conditionTags"),
      fields,
    },
    actions: {
      setPriority: text(form, "setPriority"),
      setStatus: text(form, "setStatus"),
      setTeamId: text(form, "setTeamId"),
      setAssigneeId: text(form, "setAssigneeId"),
      addTags: words(form, "addTags"),
      addFollowerIds: all(form, "addFollowerIds"),
      reply: text(form, "reply"),
      cannedResponseId: text(form, "cannedResponseId"),
      note: text(form, "note"),
      notifyPersonIds: all(form, "notifyPersonIds"),
      notifyMessage: text(form, "notifyMessage"),
      transferToDepartmentId: text(form, "transferToDepartmentId"),
    },
  } as const;
}

/** The department key only picks the page to refresh; the use case decides who may change what. */
function done<T>(state: ActionState<T>, form: FormData, message: string): ActionState {
  if (!state?.ok) return state;
  const key = text(form, "department");
  if (/^[A-Z][A-Z0-9]{1,9}$/.test(key)) revalidatePath(`/settings/${key}/automation`);
  return { ok: true, data: null, message };
}

export async function createRuleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => createRule({ actor, input: { departmentId: text(form, "departmentId"), ...ruleFields(form) } }));
  return done(state, form, "Rule created. It runs from now on.");
}

export async function updateRuleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => updateRule({ actor, input: { ruleId: text(form, "ruleId"), ...ruleFields(form) } }));
  return done(state, form, "Saved.");
}

export async function setRuleEnabledAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const enabled = text(form, "enabled") === "true";
  const state = await runAction((actor) => setRuleEnabled({ actor, input: { ruleId: text(form, "ruleId"), enabled } }));
  return done(state, form, enabled ? "Switched on." : "Switched off.");
}

export async function moveRuleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => moveRule({ actor, input: { ruleId: text(form, "ruleId"), direction: text(form, "direction") as "up" } }));
  return done(state, form, "Moved.");
}
