"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { createWebhook, deleteWebhook, rotateWebhookSecret, setWebhookActive, updateWebhook } from "@/lib/webhooks/manage-webhooks";

const text = (form: FormData, key: string) => String(form.get(key) ?? "");

/** The page to refresh; only the two pages that show webhooks. The use cases decide who may change what. */
function refresh(form: FormData) {
  const back = text(form, "back");
  if (back === "/account/tokens" || /^\/settings\/[A-Z][A-Z0-9]{1,9}\/webhooks$/.test(back)) revalidatePath(back);
}

export type ShownSecret = { name: string; secret: string };

const fields = (form: FormData) => ({
  name: text(form, "name"),
  url: text(form, "url"),
  format: text(form, "format") as "JSON",
  events: form.getAll("events").map(String),
  includeInternal: form.get("includeInternal") === "on",
});

export async function createWebhookAction(_prev: ActionState, form: FormData): Promise<ActionState<ShownSecret>> {
  const departmentId = text(form, "departmentId");
  const state = await runAction(async (actor) => {
    const hook = await createWebhook({ actor, input: { owner: departmentId ? { departmentId } : "mine", ...fields(form) } });
    return { name: hook.name, secret: hook.secret };
  });
  if (!state?.ok) return state;
  refresh(form);
  return { ...state, message: "Webhook created. Copy its signing secret now: it will not be shown again." };
}

export async function updateWebhookAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => updateWebhook({ actor, input: { webhookId: text(form, "webhookId"), ...fields(form) } }));
  if (!state?.ok) return state;
  refresh(form);
  return { ok: true, data: null, message: "Saved." };
}

export async function setWebhookActiveAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const active = text(form, "active") === "true";
  const state = await runAction((actor) => setWebhookActive({ actor, input: { webhookId: text(form, "webhookId"), active } }));
  if (!state?.ok) return state;
  refresh(form);
  return { ok: true, data: null, message: active ? "Enabled." : "Disabled." };
}

export async function rotateWebhookSecretAction(_prev: ActionState, form: FormData): Promise<ActionState<ShownSecret>> {
  const state = await runAction(async (actor) => {
    const rotated = await rotateWebhookSecret({ actor, input: { webhookId: text(form, "webhookId") } });
    return { name: text(form, "name"), secret: rotated.secret };
  });
  if (!state?.ok) return state;
  refresh(form);
  return { ...state, message: "New secret made: deliveries are signed with it from now on." };
}

export async function deleteWebhookAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => deleteWebhook({ actor, input: { webhookId: text(form, "webhookId") } }));
  if (!state?.ok) return state;
  refresh(form);
  return { ok: true, data: null, message: "Deleted." };
}
