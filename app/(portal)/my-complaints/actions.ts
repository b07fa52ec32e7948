"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { answerFeelHeard } from "@/lib/complaints/my-complaints";

export async function feelHeardAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => answerFeelHeard({ actor, input: { complaintId: String(form.get("complaintId") ?? ""), feelsHeard: String(form.get("feelsHeard") ?? "") } }));
  if (!state?.ok) return state;
  revalidatePath("/my-complaints");
  return { ok: true, data: null, message: "Thank you." };
}
