"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { createScimToken, revokeScimToken } from "@/lib/scim/scim-tokens";

const text = (form: FormData, key: string) => String(form.get(key) ?? "");

export type CreatedScimToken = { name: string; secret: string };

export async function createScimTokenAction(_prev: ActionState, form: FormData): Promise<ActionState<CreatedScimToken>> {
  const state = await runAction(async (actor) => {
    const token = await createScimToken({ actor, input: { name: text(form, "name") } });
    return { name: token.name, secret: token.secret };
  });
  if (!state?.ok) return state;
  revalidatePath("/admin/scim");
  return { ...state, message: "Token created. Copy it into your identity provider now: it will not be shown again." };
}

export async function revokeScimTokenAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => revokeScimToken({ actor, input: { tokenId: text(form, "tokenId") } }));
  if (!state?.ok) return state;
  revalidatePath("/admin/scim");
  return { ok: true, data: null, message: "Token revoked." };
}
