"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { updateNotificationPreferences } from "@/lib/notifications/preferences";

/** Each row posts its kind; a ticked box posts "<channel>:<kind>". Unknown kinds are refused by the use case. */
export async function savePreferencesAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const preferences = form.getAll("kind").map((value) => {
    const kind = String(value);
    return { kind: kind as "reply", inApp: form.has(`inApp:${kind}`), email: form.has(`email:${kind}`) };
  });
  const state = await runAction(async (actor) => {
    await updateNotificationPreferences({ actor, input: { preferences } });
    return null;
  });
  if (!state?.ok) return state;
  revalidatePath("/account/notifications");
  return { ok: true, data: null, message: "Saved. New notifications follow your choices." };
}
