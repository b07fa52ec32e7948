"use server";
import { revalidatePath } from "next/cache";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { runAction, type ActionState } from "@/lib/auth/action";
import type { CreateApiTokenInput } from "@/lib/validation/api";

const text = (form: FormData, key: string) => String(form.get(key) ?? "");

export type CreatedToken = { name: string; secret: string };

export async function createTokenAction(_prev: ActionState, form: FormData): Promise<ActionState<CreatedToken>> {
  const state = await runAction(async (actor) => {
    const token = await createApiToken({ actor, input: { name: text(form, "name"), expiresIn: text(form, "expiresIn") as CreateApiTokenInput["expiresIn"] } });
    return { name: token.name, secret: token.secret };
  });
  if (state?.ok) revalidatePath("/account/tokens");
  return state?.ok ? { ...state, message: "Token created. Copy it now: it will not be shown again." } : state;
}

export async function revokeTokenAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => revokeApiToken({ actor, input: { tokenId: text(form, "tokenId") } }));
  if (state?.ok) revalidatePath("/account/tokens");
  return state?.ok ? { ...state, message: "Token revoked." } : state;
}
