"use client";
import { startTransition, useActionState, useEffect, useState } from "react";
import type { Suggestion } from "@/lib/knowledge/suggest-articles";
import { Button, FormMessage } from "../../../../_components/ui";
import { answeredAction, suggestArticlesAction } from "./knowledge-actions";

const DEBOUNCE_MS = 300;

/**
 * As the title is typed, the department's best matching articles; one may end the filing. It sits
 * inside the filing form, so its button dispatches the action itself rather than through a form.
 */
export function ArticleSuggestions({ typeId, title }: { typeId: string; title: string }) {
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  useEffect(() => {
    const typed = title.trim();
    if (typed.length < 3) {
      setSuggestions([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void suggestArticlesAction(typeId, typed).then((state) => {
        if (live && state?.ok) setSuggestions(state.data);
      });
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [typeId, title]);

  if (suggestions.length === 0) return null;
  return (
    <section aria-label="Articles that may answer this" aria-live="polite" className="rounded-md border border-brand-200 bg-brand-50 p-3">
      <h2 className="text-sm font-semibold">These articles may answer your question</h2>
      <ul className="mt-2 space-y-3">
        {suggestions.map((s) => (
          <SuggestionItem key={s.id} suggestion={s} typeId={typeId} />
        ))}
      </ul>
    </section>
  );
}

function SuggestionItem({ suggestion: s, typeId }: { suggestion: Suggestion; typeId: string }) {
  const [state, dispatch, pending] = useActionState(answeredAction, null);
  const answered = () => {
    const data = new FormData();
    data.set("articleId", s.id);
    data.set("typeId", typeId);
    startTransition(() => dispatch(data));
  };
  return (
    <li className="text-sm">
      <a href={`/knowledge/${s.departmentKey}/${s.slug}`} target="_blank" rel="noopener" className="font-medium text-brand-800 underline">
        {s.title}
      </a>
      <p className="text-slate-700">
        {s.snippet.map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
      </p>
      <div className="mt-1">
        <Button type="button" variant="secondary" onClick={answered} disabled={pending} aria-label={`This answered my question: ${s.title}`}>
          This answered my question
        </Button>
        <FormMessage state={state && !state.ok ? state : null} />
      </div>
    </li>
  );
}
