"use client";
import { startTransition, useActionState, useState, type FormEvent, type ReactNode } from "react";
import type { ActionState } from "@/lib/auth/action";
import { ratingAnswerSchema, ratingScores, scoreLabel } from "@/lib/validation/ratings";
import { Button, FieldError, FormMessage, inputClass } from "./ui";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/**
 * 1-5 as radio buttons with none selected, and a comment required at 1 or 2: checked here before
 * sending and again by the use case. A refused submit keeps what was chosen and typed.
 */
export function RatingForm({
  action,
  hidden,
  subject,
  afterSent,
  question,
  idPrefix = "rating",
  submitLabel = "Send rating",
}: {
  action: Action;
  hidden: Record<string, string>;
  subject: string;
  afterSent?: ReactNode;
  /** The question above the scores; default: how well `subject` served the person. */
  question?: string;
  /** Keeps ids unique when a page shows several forms. */
  idPrefix?: string;
  submitLabel?: string;
}) {
  const [state, dispatch, pending] = useActionState(action, null);
  const [local, setLocal] = useState<Record<string, string[]> | null>(null);
  const [score, setScore] = useState<number | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const checked = ratingAnswerSchema.safeParse({ score: form.get("score") ?? undefined, comment: form.get("comment") });
    if (!checked.success) {
      const errors: Record<string, string[]> = {};
      for (const issue of checked.error.issues) (errors[String(issue.path[0] ?? "_form")] ??= []).push(issue.message);
      setLocal(errors);
      return;
    }
    setLocal(null);
    startTransition(() => dispatch(form));
  };

  if (state?.ok) {
    return (
      <div className="space-y-3">
        <FormMessage state={{ ok: true, message: state.message ?? "Thank you for your rating." }} />
        {afterSent}
      </div>
    );
  }
  const errors = local ?? (state && !state.ok ? state.fieldErrors : undefined);
  const banner = !local && state && !state.ok && !(errors && Object.keys(errors).length) ? state : null;
  const commentRequired = score !== null && score < 3;

  return (
    <form action={dispatch} onSubmit={onSubmit} noValidate className="space-y-3">
      {Object.entries(hidden).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <fieldset aria-describedby={errors?.score ? `${idPrefix}-score-error` : undefined}>
        <legend className="text-sm font-semibold">{question ?? `How well did ${subject} serve you?`}</legend>
        <p className="mt-1 text-xs text-slate-500">1 is very poor, 5 is excellent. Only you see your own rating; staff see only totals of many ratings.</p>
        <div className="mt-2 flex flex-wrap gap-2">
          {ratingScores.map((s) => (
            <label key={s} className="flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-sm ring-1 ring-slate-300 has-[:checked]:bg-brand-50 has-[:checked]:ring-2 has-[:checked]:ring-brand-500">
              <input type="radio" name="score" value={s} onChange={() => setScore(s)} aria-invalid={Boolean(errors?.score)} />
              <span>
                <span className="font-semibold">{s}</span> {scoreLabel[s]}
              </span>
            </label>
          ))}
        </div>
        <FieldError id={`${idPrefix}-score-error`} messages={errors?.score} />
      </fieldset>
      <div>
        <label htmlFor={`${idPrefix}-comment`} className="block text-sm font-semibold">
          Comment {commentRequired ? <span className="font-normal text-slate-600">(required for 1 or 2)</span> : <span className="font-normal text-slate-600">(optional)</span>}
        </label>
        <textarea
          id={`${idPrefix}-comment`}
          name="comment"
          rows={3}
          className={inputClass}
          aria-invalid={Boolean(errors?.comment)}
          aria-describedby={errors?.comment ? `${idPrefix}-comment-error` : undefined}
        />
        <FieldError id={`${idPrefix}-comment-error`} messages={errors?.comment} />
      </div>
      <FormMessage state={banner} />
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>{submitLabel}</Button>
      </div>
    </form>
  );
}
