"use client";
import { startTransition, useActionState, useState, type FormEvent, type ReactNode } from "react";
import type { ActionState } from "@/lib/auth/action";
import { bandOf, type Reason } from "@/lib/experience/reason-bands";
import { timeLostOptions } from "@/lib/experience/time-lost";
import { ratingScores, scoreLabel } from "@/lib/validation/rating-values";
import { Button, FieldError, FormMessage, inputClass } from "./ui";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

const loadSchema = () => import("@/lib/validation/ratings");

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
  reasons,
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
  /**
   * A request rating's optional questions: time lost, the department's "what mattered" reasons for
   * the chosen score's band, and (at 1 or 2) consent to a follow-up. Absent: the score and comment only.
   */
  reasons?: readonly Reason[];
}) {
  const [state, dispatch, pending] = useActionState(action, null);
  const [local, setLocal] = useState<Record<string, string[]> | null>(null);
  const [score, setScore] = useState<number | null>(null);

  const choose = (s: number) => {
    setScore(s);
    void loadSchema();
  };
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // The schema (and zod with it) is fetched when the form is first sent, not with the page.
    const { ratingAnswerSchema } = await loadSchema();
    const checked = ratingAnswerSchema.safeParse({ score: form.get("score") ?? undefined, comment: form.get("comment"), timeLost: form.get("timeLost"), reasons: form.getAll("reasons").map(String) });
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
    <form action={dispatch} onSubmit={(event) => void onSubmit(event)} noValidate className="space-y-3">
      {Object.entries(hidden).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <fieldset aria-describedby={errors?.score ? `${idPrefix}-score-error` : undefined}>
        <legend className="text-sm font-semibold">{question ?? `How well did ${subject} serve you?`}</legend>
        <p className="mt-1 text-xs text-slate-500">1 is very poor, 5 is excellent. Only you see your own rating; staff see only totals of many ratings.</p>
        <div className="mt-2 flex flex-wrap gap-2">
          {ratingScores.map((s) => (
            <label key={s} className="flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-sm ring-1 ring-slate-300 has-[:checked]:bg-brand-50 has-[:checked]:ring-2 has-[:checked]:ring-brand-500">
              <input type="radio" name="score" value={s} onChange={() => choose(s)} aria-invalid={Boolean(errors?.score)} />
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
      {reasons ? <ExperienceQuestions idPrefix={idPrefix} score={score} reasons={reasons} errors={errors} /> : null}
      <FormMessage state={banner} />
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>{submitLabel}</Button>
      </div>
    </form>
  );
}

/** Optional: never needed to send the score, so they come after it and the comment. */
function ExperienceQuestions({ idPrefix, score, reasons, errors }: { idPrefix: string; score: number | null; reasons: readonly Reason[]; errors?: Record<string, string[]> }) {
  const band = score === null ? null : bandOf(score);
  const offered = band ? reasons.filter((r) => r.band === band) : [];
  return (
    <>
      <fieldset>
        <legend className="text-sm font-semibold">
          How much of your working time did this cost while it was open? <span className="font-normal text-slate-600">(optional)</span>
        </legend>
        <div className="mt-2 flex flex-wrap gap-2">
          {timeLostOptions.map((o) => (
            <label key={o.key} className="flex cursor-pointer items-center gap-2 rounded-md px-3 py-1.5 text-sm ring-1 ring-slate-300 has-[:checked]:bg-brand-50 has-[:checked]:ring-2 has-[:checked]:ring-brand-500">
              <input type="radio" name="timeLost" value={o.key} />
              {o.label}
            </label>
          ))}
        </div>
        <FieldError id={`${idPrefix}-timeLost-error`} messages={errors?.timeLost} />
      </fieldset>
      {offered.length ? (
        <fieldset>
          <legend className="text-sm font-semibold">
            {band === "positive" ? "What went well?" : "What fell short?"} <span className="font-normal text-slate-600">(optional, tick any)</span>
          </legend>
          <div className="mt-2 flex flex-wrap gap-2">
            {offered.map((r) => (
              <label key={`${band}-${r.key}`} className="flex cursor-pointer items-center gap-2 rounded-md px-3 py-1.5 text-sm ring-1 ring-slate-300 has-[:checked]:bg-brand-50 has-[:checked]:ring-2 has-[:checked]:ring-brand-500">
                <input type="checkbox" name="reasons" value={r.key} />
                {r.label}
              </label>
            ))}
          </div>
          <FieldError id={`${idPrefix}-reasons-error`} messages={errors?.reasons} />
        </fieldset>
      ) : null}
      {score !== null && score <= 2 ? (
        <label className="flex items-start gap-2 rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-200">
          <input type="checkbox" name="followUp" className="mt-1" />
          <span>
            <span className="font-semibold">I would like someone to contact me about this.</span> The department&apos;s head (or the person they
            delegate complaints to) will then see your name, your rating and your comment. Without this tick nobody sees who gave it.
          </span>
        </label>
      ) : null}
    </>
  );
}
