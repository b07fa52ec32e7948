"use server";
import { runAction, type ActionState } from "@/lib/auth/action";
import { rateWithLink } from "@/lib/satisfaction/rating-prompt";

export async function rateWithLinkAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) =>
    rateWithLink({ actor, token: String(form.get("token") ?? ""), input: { score: form.get("score") ?? undefined, comment: String(form.get("comment") ?? ""), timeLost: String(form.get("timeLost") ?? ""), reasons: form.getAll("reasons").map(String), followUp: String(form.get("followUp") ?? "") } }),
  );
  return state?.ok ? { ...state, message: "Thank you for your rating." } : state;
}
