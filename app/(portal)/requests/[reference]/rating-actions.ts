"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { rateRequest } from "@/lib/satisfaction/rate-request";

const text = (form: FormData, key: string) => String(form.get(key) ?? "");

export async function rateAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) =>
    rateRequest({ actor, input: { requestId: text(form, "requestId"), cycle: text(form, "cycle"), score: form.get("score") ?? undefined, comment: text(form, "comment"), timeLost: String(form.get("timeLost") ?? ""), reasons: form.getAll("reasons").map(String), followUp: String(form.get("followUp") ?? "") } }),
  );
  if (state?.ok) {
    revalidatePath(`/requests/${text(form, "reference")}`);
    return { ...state, message: "Thank you for your rating." };
  }
  return state;
}
