"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { createCalendar, importHolidaysFromIcs, previewHolidayImport, updateCalendar, type HolidayPreview } from "@/lib/service-levels/manage-calendars";
import { createPolicy, reorderPolicy, setPolicyActive, updatePolicy } from "@/lib/service-levels/manage-policies";
import { icsLimits, targetMetrics, weekdays, type CreatePolicyInput, type ReorderPolicyInput } from "@/lib/validation/sla-settings";

const text = (form: FormData, key: string) => String(form.get(key) ?? "");
const all = (form: FormData, key: string) => form.getAll(key).map(String);

/** The department key only picks the pages to refresh; the use case decides who may change what. */
function done<T>(state: ActionState<T>, form: FormData, message: (data: T) => string): ActionState {
  if (!state?.ok) return state;
  const key = text(form, "department");
  if (/^[A-Z][A-Z0-9]{1,9}$/.test(key)) revalidatePath(`/settings/${key}/sla`, "layout");
  return { ok: true, data: null, message: message(state.data) };
}

const calendarFields = (form: FormData) => ({
  name: text(form, "name"),
  timeZone: text(form, "timeZone"),
  hours: Object.fromEntries(weekdays.map((d) => [d, text(form, `hours.${d}`)])),
  holidays: text(form, "holidays"),
});

const policyFields = (form: FormData) => ({
  name: text(form, "name"),
  requestTypeIds: all(form, "requestTypeIds"),
  priorities: all(form, "priorities") as CreatePolicyInput["priorities"],
  calendarId: text(form, "calendarId"),
  ...Object.fromEntries(targetMetrics.map((m) => [m, { hours: text(form, `${m}.hours`), minutes: text(form, `${m}.minutes`) }])),
  pauseStatuses: all(form, "pauseStatuses") as CreatePolicyInput["pauseStatuses"],
  active: form.get("active") === "on",
});

export async function createCalendarAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => createCalendar({ actor, input: { departmentId: text(form, "departmentId"), ...calendarFields(form) } }));
  return done(state, form, (c) => `Calendar "${c.name}" created.`);
}

export async function updateCalendarAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => updateCalendar({ actor, input: { calendarId: text(form, "calendarId"), expectedVersion: text(form, "expectedVersion") || undefined, ...calendarFields(form) } }));
  return done(state, form, () => "Calendar saved. Open requests' due times follow the new hours.");
}

export async function importHolidaysAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const file = form.get("ics");
  if (!(file instanceof File) || file.size === 0) return { ok: false, message: "Choose an .ics file.", fieldErrors: { ics: ["Choose an .ics file."] } };
  if (file.size > icsLimits.maxBytes) return { ok: false, message: "The file is too large (1 MB at most).", fieldErrors: { ics: ["The file is too large (1 MB at most)."] } };
  const ics = await file.text();
  // First a preview: nothing is saved until the head has seen the dates and names and confirms.
  if (text(form, "step") !== "import") {
    const preview: ActionState<HolidayPreview> = await runAction((actor) => previewHolidayImport({ actor, input: { calendarId: text(form, "calendarId"), ics } }));
    if (!preview?.ok) return preview;
    const fresh = preview.data.holidays.filter((h) => !h.already).length;
    return {
      ok: true,
      data: preview.data,
      message: fresh ? `${fresh} new holiday${fresh === 1 ? "" : "s"} in this file. Check them, then add them.` : "Everything in this file is already on the calendar.",
    };
  }
  const state = await runAction((actor) => importHolidaysFromIcs({ actor, input: { calendarId: text(form, "calendarId"), ics } }));
  return done(state, form, ({ added, skipped }) =>
    added.length
      ? `Added ${added.length} holiday${added.length === 1 ? "" : "s"}${skipped.length ? `; ${skipped.length} already on the calendar` : ""}.`
      : `Nothing new: all ${skipped.length} date${skipped.length === 1 ? " is" : "s are"} already on the calendar.`,
  );
}

export async function createPolicyAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => createPolicy({ actor, input: { departmentId: text(form, "departmentId"), ...policyFields(form) } }));
  return done(state, form, (p) =>
    p.movedAbove
      ? `Policy "${p.name}" created and placed above "${p.movedAbove.name}": after it, it could never apply, because "${p.movedAbove.name}" takes every request it names.`
      : `Policy "${p.name}" created, matched after the existing ones.`,
  );
}

export async function updatePolicyAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => updatePolicy({ actor, input: { policyId: text(form, "policyId"), expectedVersion: text(form, "expectedVersion") || undefined, ...policyFields(form) } }));
  return done(state, form, () => "Policy saved. Open requests' clocks follow it.");
}

export async function reorderPolicyAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => reorderPolicy({ actor, input: { policyId: text(form, "policyId"), direction: text(form, "direction") as ReorderPolicyInput["direction"] } }));
  return done(state, form, () => "Order saved.");
}

export async function setPolicyActiveAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const active = text(form, "active") === "true";
  const state = await runAction((actor) => setPolicyActive({ actor, input: { policyId: text(form, "policyId"), active } }));
  return done(state, form, () => (active ? "Policy switched on." : "Policy switched off."));
}
