"use client";
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import type { MentionCandidate } from "@/lib/requests/mention-candidates";
import { comboboxRootClass, useLazyCombobox } from "../../../_components/lazy-combobox";
import { insertText } from "../../../_components/insert-text";
import { inputClass } from "../../../_components/ui";
import { mentionCandidatesAction } from "./actions";

/** An `@` that starts a word, and what has been typed of the handle up to the cursor. */
const TYPING_MENTION = /(?:^|[^\w.@+-])@([\w.+-]{0,64})$/;

type Token = { start: number; end: number; query: string };

/**
 * The reply box. Typing `@` offers the people the request policy lets read the request (agents
 * also see who may not read internal notes), as a cmdk list under the box: the arrow keys move
 * through it, Enter or a click puts `@handle` in place of what was typed, Escape closes it. Without
 * JavaScript it is a plain textarea and mentions are typed by hand. cmdk is fetched when the box is
 * first focused (lazy-combobox.ts carries the text typed so far and the caret over).
 */
export function MentionTextarea({
  requestId,
  textarea,
  invalid,
  describedBy,
}: {
  requestId: string;
  textarea: RefObject<HTMLTextAreaElement | null>;
  invalid: boolean;
  describedBy: string;
}) {
  const listId = "reply-mentions-list";
  const [token, setToken] = useState<Token | null>(null);
  const [matches, setMatches] = useState<MentionCandidate[]>([]);
  /** The query the matches answer (null: none asked yet). */
  const [answered, setAnswered] = useState<string | null>(null);
  const [activeId, setActiveId] = useState<string>();
  const latest = useRef(0);
  const { combobox, load, swapping, ref } = useLazyCombobox(textarea);

  const readToken = () => {
    const field = textarea.current;
    if (!field || field.selectionStart !== field.selectionEnd) return setToken(null);
    const caret = field.selectionStart;
    const typed = TYPING_MENTION.exec(field.value.slice(0, caret));
    setToken(typed ? { start: caret - typed[1]!.length - 1, end: caret, query: typed[1]! } : null);
  };

  const query = token?.query ?? null;
  useEffect(() => {
    if (query === null) {
      setMatches([]);
      setAnswered(null);
      return;
    }
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      mentionCandidatesAction(requestId, query).then(
        // Answers can arrive out of order: only the newest query's counts.
        (found) => {
          if (ticket !== latest.current) return;
          setMatches(found);
          setAnswered(query);
        },
        () => undefined,
      );
    }, 150);
    return () => clearTimeout(timer);
  }, [query, requestId]);

  const expanded = token !== null && matches.length > 0 && combobox !== null;
  const choose = (person: MentionCandidate) => {
    const field = textarea.current;
    if (!field || !token) return;
    field.setSelectionRange(token.start, token.end);
    insertText(field, `@${person.handle} `);
    setToken(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Escape" && expanded) {
      event.preventDefault();
      setToken(null);
    }
    // Only the list's keys go to cmdk, and only while it is open: Enter, Home and End stay the box's own.
    if (!expanded || !["ArrowDown", "ArrowUp", "Enter"].includes(event.key)) event.stopPropagation();
  };

  const box = (
    <textarea
      ref={ref}
      id="reply-body"
      name="body"
      rows={4}
      className={inputClass}
      aria-invalid={invalid}
      aria-describedby={describedBy}
      aria-autocomplete="list"
      aria-controls={listId}
      aria-activedescendant={activeId}
      onChange={readToken}
      onSelect={readToken}
      onKeyDown={onKeyDown}
      onBlur={() => {
        if (!swapping()) setToken(null);
      }}
      onFocus={load}
    />
  );
  return (
    <div>
      {combobox ? (
        <combobox.ComboboxRoot>
          {box}
          <combobox.ComboboxList id={listId} label="People who may read it" expanded={expanded} items={matches} onChoose={choose} onActiveId={setActiveId} className="max-w-sm">
            {(p) => (
              <>
                {p.name} <span className="text-slate-600">@{p.handle}</span>
                <span className="block text-xs text-slate-600">
                  {p.department}
                  {p.readsNotes === false ? " · reads replies, not internal notes" : ""}
                </span>
              </>
            )}
          </combobox.ComboboxList>
        </combobox.ComboboxRoot>
      ) : (
        <div className={comboboxRootClass}>
          {box}
          {/* What aria-controls names until cmdk's list takes its place. */}
          <div id={listId} hidden />
        </div>
      )}
      <p className="sr-only" role="status" aria-live="polite">
        {expanded ? `${matches.length} ${matches.length === 1 ? "person" : "people"} to mention.` : ""}
      </p>
      {query && answered === query && matches.length === 0 ? (
        <p className="mt-1 text-xs text-slate-600" data-testid="no-mention-match">
          Nobody who may read it matches &ldquo;@{query}&rdquo;.
        </p>
      ) : null}
    </div>
  );
}
