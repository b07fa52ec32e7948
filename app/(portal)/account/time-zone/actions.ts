"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { recordBrowserTimeZone } from "@/lib/org/record-browser-time-zone";
import { setMyTimeZone } from "@/lib/org/set-my-time-zone";
import { formatTime } from "@/lib/time/format-time";

export async function saveTimeZoneAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => setMyTimeZone({ actor, input: { timeZone: String(form.get("timeZone") ?? "") } }));
  if (!state?.ok) return state;
  revalidatePath("/", "layout");
  const { timeZone, followsDepartment } = state.data;
  return { ok: true, data: null, message: `Saved: times are shown in ${timeZone}${followsDepartment ? " (your department's)" : ""}, now ${formatTime(new Date(), { timeZone })}.` };
}

/** Called once by the browser of a person whose zone is still the default (BrowserTimeZone). */
export async function reportBrowserTimeZoneAction(timeZone: string): Promise<ActionState<boolean>> {
  return runAction((actor) => recordBrowserTimeZone({ actor, input: { timeZone } }));
}
