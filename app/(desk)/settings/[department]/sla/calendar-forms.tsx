"use client";
import { Button, FieldError, FormMessage, inputClass } from "../../../../_components/ui";
import { Banner, Field, SelectField, useActionForm } from "../../../../_components/action-form";
import { weekdayLabel, weekdays } from "@/lib/validation/sla-settings";
import { createCalendarAction, importHolidaysAction, updateCalendarAction } from "./actions";
import { errorsUnder } from "./form-errors";

export type CalendarFormValues = { name: string; timeZone: string; hours: Record<(typeof weekdays)[number], string>; holidays: string[] };

/**
 * Weekly hours, zone and holidays; the same form creates (with departmentId) and edits (with
 * calendarId and the version it shows). A new version (after a save or an import) re-mounts the
 * fields with the stored values, while the message of the last save stays.
 */
export function CalendarForm({
  department,
  target,
  values,
  timeZones,
}: {
  department: string;
  target: { departmentId: string } | { calendarId: string; version: string };
  values: CalendarFormValues;
  timeZones: string[];
}) {
  const creating = "departmentId" in target;
  const { formProps, errors, banner, pending } = useActionForm(creating ? createCalendarAction : updateCalendarAction, { resetOnSuccess: creating });
  const p = creating ? "new-cal" : `cal-${target.calendarId}`;
  return (
    <form key={creating ? "new" : target.version} {...formProps} className="space-y-4" noValidate>
      <input type="hidden" name="department" value={department} />
      {creating ? (
        <input type="hidden" name="departmentId" value={target.departmentId} />
      ) : (
        <>
          <input type="hidden" name="calendarId" value={target.calendarId} />
          <input type="hidden" name="expectedVersion" value={target.version} />
        </>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${p}-name`} name="name" label="Name" defaultValue={values.name} error={errors?.name} autoComplete="off" />
        <SelectField id={`${p}-tz`} name="timeZone" label="Time zone" defaultValue={values.timeZone} error={errors?.timeZone}>
          {timeZones.map((z) => (
            <option key={z} value={z}>{z}</option>
          ))}
        </SelectField>
      </div>

      <fieldset aria-describedby={`${p}-hours-hint${errors?.hours ? ` ${p}-hours-error` : ""}`}>
        <legend className="text-sm font-semibold text-slate-800">Opening hours</legend>
        <p id={`${p}-hours-hint`} className="mt-0.5 text-xs text-slate-500">
          Local times in the calendar&apos;s zone, e.g. <span className="font-mono">08:00-12:00, 13:00-17:00</span>. Leave a day empty when closed; use 24:00 to open until midnight.
        </p>
        <FieldError id={`${p}-hours-error`} messages={errors?.hours} />
        <div className="mt-2 grid gap-2">
          {weekdays.map((d) => {
            const id = `${p}-hours-${d}`;
            const error = errors?.[`hours.${d}`];
            return (
              <div key={d} className="grid items-start gap-x-3 sm:grid-cols-[7rem_1fr]">
                <label htmlFor={id} className="pt-2 text-sm text-slate-700">{weekdayLabel[d]}</label>
                <div>
                  <input
                    id={id}
                    name={`hours.${d}`}
                    defaultValue={values.hours[d]}
                    placeholder="Closed"
                    autoComplete="off"
                    className={`${inputClass} font-mono`}
                    aria-invalid={Boolean(error?.length)}
                    aria-describedby={error?.length ? `${id}-error` : undefined}
                  />
                  <FieldError id={`${id}-error`} messages={error} />
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>

      <div>
        <label htmlFor={`${p}-holidays`} className="block text-sm font-semibold text-slate-800">Holidays</label>
        <p id={`${p}-holidays-hint`} className="mt-0.5 text-xs text-slate-500">One per line: the date (YYYY-MM-DD), then its name if you like, e.g. “2026-12-25 Christmas Day”. Closed all day.</p>
        <textarea
          id={`${p}-holidays`}
          name="holidays"
          rows={Math.min(12, Math.max(4, values.holidays.length + 1))}
          defaultValue={values.holidays.join("\n")}
          className={`${inputClass} mt-1 font-mono`}
          aria-invalid={Boolean(errors?.holidays?.length)}
          aria-describedby={`${p}-holidays-hint${errors?.holidays?.length ? ` ${p}-holidays-error` : ""}`}
        />
        <FieldError id={`${p}-holidays-error`} messages={errors?.holidays} />
      </div>

      <FieldError id={`${p}-form-error`} messages={errorsUnder(errors, "_form")} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>{creating ? "Create calendar" : "Save calendar"}</Button>
        <Banner state={banner} />
      </div>
    </form>
  );
}

export function ImportHolidaysForm({ department, calendarId }: { department: string; calendarId: string }) {
  const { formProps, errors, state, pending } = useActionForm(importHolidaysAction, { resetOnSuccess: false });
  const id = `ics-${calendarId}`;
  const preview = state?.ok && isPreview(state.data) ? state.data : null;
  const fresh = preview ? preview.holidays.filter((h) => !h.already).length : 0;
  return (
    <form {...formProps} className="space-y-3">
      <input type="hidden" name="department" value={department} />
      <input type="hidden" name="calendarId" value={calendarId} />
      <div>
        <label htmlFor={id} className="block text-xs font-medium text-slate-600">iCalendar file (.ics)</label>
        <input
          id={id}
          name="ics"
          type="file"
          accept=".ics,text/calendar"
          className="mt-1 block w-full min-w-0 text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-slate-800 hover:file:bg-slate-200"
          aria-invalid={Boolean(errors?.ics?.length)}
          aria-describedby={`${id}-hint${errors?.ics?.length ? ` ${id}-error` : ""}`}
        />
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          Each event becomes a holiday, with its name, on every date it covers in this calendar&apos;s zone; repeating events are taken from a year back to three years ahead. You see the dates before anything is saved.
        </p>
        <FieldError id={`${id}-error`} messages={errors?.ics} />
      </div>
      {preview ? (
        <div className="rounded-md border border-slate-200 p-2" data-testid="holiday-preview">
          <p className="text-xs text-slate-600">From {preview.from} to {preview.until}, in {preview.zone}:</p>
          <ul className="mt-1 max-h-64 overflow-y-auto text-sm" aria-label="Holidays in the file">
            {preview.holidays.map((h) => (
              <li key={h.date} className="flex gap-2 py-0.5">
                <span className="font-mono text-xs text-slate-700">{h.date}</span>
                <span className="min-w-0 break-words">{h.name}</span>
                {h.already ? <span className="ml-auto shrink-0 text-xs text-slate-500">already there</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" name="step" value="preview" variant="secondary" disabled={pending}>Preview</Button>
        {preview && fresh > 0 ? (
          <Button type="submit" name="step" value="import" disabled={pending}>Add {fresh} holiday{fresh === 1 ? "" : "s"}</Button>
        ) : null}
        {state?.ok ? <FormMessage state={state} /> : null}
        {state && !state.ok && !errors?.ics ? <FormMessage state={state} /> : null}
      </div>
    </form>
  );
}

type Preview = { holidays: { date: string; name: string; already: boolean }[]; from: string; until: string; zone: string };
const isPreview = (data: unknown): data is Preview => Boolean(data && typeof data === "object" && Array.isArray((data as Preview).holidays));
