"use server";
import { runAction, type ActionState } from "@/lib/auth/action";
import { raiseComplaint } from "@/lib/complaints/raise-complaint";

export async function raiseComplaintAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => raiseComplaint({ actor, input: { requestId: String(form.get("requestId") ?? ""), summary: String(form.get("summary") ?? "") } }));
  return state?.ok ? { ok: true, data: null, message: "Sent. The department's head will contact you; you can follow it under My complaints." } : state;
}
