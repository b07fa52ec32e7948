"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionState } from "@/lib/auth/action";
import { markNotificationsRead } from "@/lib/notifications/my-notifications";
import { text } from "@/lib/validation/text";

const ids = z.array(text().min(1).max(64)).max(500).optional();

export async function markReadAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = ids.safeParse(form.has("id") ? form.getAll("id").map(String) : undefined);
  if (!parsed.success) return { ok: false, message: "Could not read which notifications to mark." };
  const state = await runAction((actor) => markNotificationsRead({ actor, ids: parsed.data }));
  revalidatePath("/", "layout");
  return state;
}
