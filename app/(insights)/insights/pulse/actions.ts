"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { createPulseSurvey } from "@/lib/satisfaction/create-pulse-survey";
import { closePulseRound, deactivatePulseSurvey } from "@/lib/satisfaction/manage-pulse-surveys";

const text = (form: FormData, key: string) => String(form.get(key) ?? "");

function done(state: ActionState, message: string): ActionState {
  if (!state?.ok) return state;
  revalidatePath("/insights/pulse", "layout");
  return { ...state, message };
}

export async function createPulseSurveyAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) =>
    createPulseSurvey({ actor, input: { scope: text(form, "scope"), cadence: text(form, "cadence") as never, period: text(form, "period"), openDays: text(form, "openDays") } }),
  );
  if (!state?.ok) return state;
  const { asked } = state.data as { asked: number };
  return done(state, `Survey created: its first round is open and asked ${asked.toLocaleString("en-GB")} ${asked === 1 ? "person" : "people"}.`);
}

export async function closePulseRoundAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return done(await runAction((actor) => closePulseRound({ actor, input: { roundId: text(form, "roundId") } })), "Round closed.");
}

export async function deactivatePulseSurveyAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return done(await runAction((actor) => deactivatePulseSurvey({ actor, input: { surveyId: text(form, "surveyId") } })), "Survey stopped: no more rounds will open.");
}
