"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { answerPulse } from "@/lib/satisfaction/answer-pulse";

const text = (form: FormData, key: string) => String(form.get(key) ?? "");

export async function answerPulseAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) =>
    answerPulse({ actor, input: { roundId: text(form, "roundId"), departmentId: text(form, "departmentId"), score: form.get("score") ?? undefined, comment: text(form, "comment") } }),
  );
  if (state?.ok) {
    revalidatePath("/pulse");
    return { ...state, message: "Thank you: your answer is recorded." };
  }
  return state;
}
