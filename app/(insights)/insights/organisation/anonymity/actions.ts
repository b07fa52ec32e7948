"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { updateAnonymityThresholds } from "@/lib/satisfaction/anonymity-settings";

export async function updateThresholdsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) =>
    updateAnonymityThresholds({ actor, input: { minRaters: String(form.get("minRaters") ?? ""), minComments: String(form.get("minComments") ?? ""), minAgents: String(form.get("minAgents") ?? "") } }),
  );
  if (state?.ok) revalidatePath("/insights/organisation");
  return state?.ok ? { ...state, message: "Saved. Figures follow the new thresholds within a few seconds." } : state;
}
