"use client";
import { startTransition, useActionState, useEffect, useRef, type ComponentProps, type FormEvent, type ReactNode } from "react";
import type { ActionState } from "@/lib/auth/action";
import { FieldError, FormMessage, inputClass } from "./ui";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/**
 * useActionState without React's automatic form reset: after a refused submission the user keeps
 * what they typed and sees the messages beside it. Create forms ask to be cleared on success.
 */
export function useActionForm(action: Action, options: { resetOnSuccess?: boolean } = {}) {
  const [state, dispatch, pending] = useActionState(action, null);
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (options.resetOnSuccess && state?.ok) ref.current?.reset();
  }, [state, options.resetOnSuccess]);
  /** Sends the form's data (a form that checks something first calls this once it may go). */
  const submit = (form: FormData) => startTransition(() => dispatch(form));
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    submit(new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter));
  };
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  // The message goes beside the field when there is one; the banner only for the rest.
  const banner = state && !state.ok && errors && Object.keys(errors).length ? null : state;
  return { state, pending, errors, banner, submit, formProps: { ref, action: dispatch, onSubmit } };
}

export function Field({
  id,
  label,
  error,
  hint,
  className,
  ...input
}: ComponentProps<"input"> & { id: string; label: ReactNode; error?: string[]; hint?: ReactNode }) {
  const describedBy = [error?.length ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">{label}</label>
      <input id={id} className={inputClass} aria-invalid={Boolean(error?.length)} aria-describedby={describedBy} {...input} />
      {hint ? <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      <FieldError id={`${id}-error`} messages={error} />
    </div>
  );
}

export function SelectField({
  id,
  label,
  error,
  className,
  children,
  ...select
}: ComponentProps<"select"> & { id: string; label: ReactNode; error?: string[] }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">{label}</label>
      <select id={id} className={inputClass} aria-invalid={Boolean(error?.length)} aria-describedby={error?.length ? `${id}-error` : undefined} {...select}>
        {children}
      </select>
      <FieldError id={`${id}-error`} messages={error} />
    </div>
  );
}

export function Banner({ state }: { state: ActionState }) {
  return <FormMessage state={state} />;
}
