"use client";
import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type ReactNode, type Ref } from "react";
import { comboboxRootClass, useLazyCombobox } from "./lazy-combobox";
import { searchPeopleAction } from "./search-people-action";
import { FieldError, inputClass } from "./ui";

export type PersonChoice = { id: string; name: string; detail?: string };

const searchCoWorkers = async (query: string): Promise<PersonChoice[]> =>
  (await searchPeopleAction(query)).map((p) => ({ id: p.id, name: p.name, detail: p.department }));

/**
 * A co-worker combobox on cmdk: type part of a name or email, move through matches with the arrow
 * keys, Enter or a click picks one, Escape closes the list. The chosen person's id is posted as
 * `name`; typing again clears the choice, so only a person from the list is ever sent. The input is
 * the page's own (its label and id); cmdk keeps the list, the highlighted match and the keys. cmdk
 * is fetched when the input is first focused (lazy-combobox.ts), before any match can be listed.
 */
export function PersonPicker({
  id,
  name,
  label,
  labelClassName = "block text-xs font-medium text-slate-600",
  help,
  error,
  errorId = `${id}-error`,
  exclude = [],
  search = searchCoWorkers,
  noun = "co-worker",
  hint = "Type at least 2 letters of a name or email, then choose from the list.",
  resetKey,
  onChoose,
  onClear,
  onBlur,
  inputRef,
}: {
  id: string;
  name: string;
  label: ReactNode;
  labelClassName?: string;
  /** Extra help shown above the picker's own hint. */
  help?: ReactNode;
  error?: string[];
  errorId?: string;
  exclude?: string[];
  /** Where matches come from (default: every active co-worker). */
  search?: (query: string) => Promise<PersonChoice[]>;
  /** What a match is called in messages, e.g. "agent". */
  noun?: string;
  hint?: string;
  /** Changed by the form after a successful submit, to clear the choice. */
  resetKey?: unknown;
  /** Told of each choice (a list that collects several people clears the picker after each). */
  onChoose?: (person: PersonChoice) => void;
  /** Told when typing again clears the choice. */
  onClear?: () => void;
  onBlur?: (event: FocusEvent<HTMLInputElement>) => void;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const hintId = `${id}-hint`;
  const helpId = `${id}-help`;
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState<PersonChoice | null>(null);
  const [matches, setMatches] = useState<PersonChoice[]>([]);
  const [open, setOpen] = useState(false);
  const [searched, setSearched] = useState(false);
  const [activeId, setActiveId] = useState<string>();
  const listId = `${id}-matches`;
  const latest = useRef(0);
  const { combobox, load, swapping, ref } = useLazyCombobox(inputRef);

  useEffect(() => {
    setQuery("");
    setSelected(null);
  }, [resetKey]);

  useEffect(() => {
    if (selected || query.trim().length < 2) {
      setMatches([]);
      setSearched(false);
      return;
    }
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      search(query).then(
        (found) => {
          // Answers can arrive out of order: only the newest query's counts.
          if (ticket !== latest.current) return;
          setMatches(found.filter((p) => !exclude.includes(p.id)));
          setSearched(true);
          setOpen(true);
        },
        () => undefined,
      );
    }, 200);
    return () => clearTimeout(timer);
    // exclude is a new array on every render: depend on its ids, not its identity.
  }, [query, selected, exclude.join(",")]);

  const choose = (person: PersonChoice) => {
    onChoose?.(person);
    setSelected(person);
    setQuery(person.name);
    setOpen(false);
  };

  const expanded = open && matches.length > 0 && combobox !== null;
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
    }
    // With the list closed, keys are the input's own (Enter submits the form, Home and End move the
    // cursor); open, cmdk moves through the matches and Enter picks one.
    if (!expanded) event.stopPropagation();
  };

  const describedBy = [help ? helpId : null, hintId, error?.length ? errorId : null].filter(Boolean).join(" ");
  const input = (
    <input
      id={id}
      type="text"
      role="combobox"
      autoComplete="off"
      aria-autocomplete="list"
      aria-expanded={expanded}
      aria-controls={listId}
      aria-activedescendant={activeId}
      aria-invalid={Boolean(error?.length)}
      aria-describedby={describedBy}
      className={inputClass}
      value={query}
      ref={ref}
      onChange={(e) => {
        setQuery(e.target.value);
        if (selected) onClear?.();
        setSelected(null);
      }}
      onKeyDown={onKeyDown}
      onBlur={(e) => {
        if (swapping()) return;
        setOpen(false);
        onBlur?.(e);
      }}
      onFocus={() => {
        load();
        if (matches.length && !selected) setOpen(true);
      }}
    />
  );
  return (
    <div className="space-y-1">
      <input type="hidden" name={name} value={selected?.id ?? ""} />
      <label htmlFor={id} className={labelClassName}>{label}</label>
      {combobox ? (
        <combobox.ComboboxRoot>
          {input}
          <combobox.ComboboxList id={listId} label={`Matching ${noun}s`} expanded={expanded} items={matches} onChoose={choose} onActiveId={setActiveId}>
            {(p) => (
              <>
                {p.name}
                {p.detail ? <span className="block text-xs text-slate-600">{p.detail}</span> : null}
              </>
            )}
          </combobox.ComboboxList>
        </combobox.ComboboxRoot>
      ) : (
        <div className={comboboxRootClass}>
          {input}
          {/* What aria-controls names until cmdk's list takes its place. */}
          <div id={listId} hidden />
        </div>
      )}
      {help ? <p id={helpId} className="text-xs text-slate-600">{help}</p> : null}
      <p id={hintId} className="text-xs text-slate-500">{hint}</p>
      <p className="sr-only" role="status" aria-live="polite">
        {searched && !selected ? (matches.length ? `${matches.length} ${noun}${matches.length === 1 ? "" : "s"} found.` : `No active ${noun} matches.`) : ""}
      </p>
      {searched && !selected && !matches.length ? <p className="text-xs text-slate-600">No active {noun} matches &ldquo;{query.trim()}&rdquo;.</p> : null}
      <FieldError id={errorId} messages={error} />
    </div>
  );
}
