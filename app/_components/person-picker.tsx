"use client";
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { searchPeopleAction } from "./search-people-action";
import { FieldError, cx, inputClass } from "./ui";

export type PersonChoice = { id: string; name: string; detail?: string };

const searchCoWorkers = async (query: string): Promise<PersonChoice[]> =>
  (await searchPeopleAction(query)).map((p) => ({ id: p.id, name: p.name, detail: p.department }));

/**
 * A co-worker combobox (WAI-ARIA 1.2 pattern): type part of a name or email, move through matches
 * with the arrow keys, Enter or a click picks one, Escape closes the list. The chosen person's id
 * is posted as `name`; typing again clears the choice, so only a person from the list is ever sent.
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
}) {
  const listId = `${id}-matches`;
  const hintId = `${id}-hint`;
  const helpId = `${id}-help`;
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState<PersonChoice | null>(null);
  const [matches, setMatches] = useState<PersonChoice[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searched, setSearched] = useState(false);
  const latest = useRef(0);

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
          setActive(-1);
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
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!matches.length) return;
      event.preventDefault();
      setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (i + step + matches.length) % matches.length);
    } else if (event.key === "Enter" && open && active >= 0 && matches[active]) {
      event.preventDefault();
      choose(matches[active]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  const expanded = open && matches.length > 0;
  const describedBy = [help ? helpId : null, hintId, error?.length ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className="space-y-1">
      <input type="hidden" name={name} value={selected?.id ?? ""} />
      <label htmlFor={id} className={labelClassName}>{label}</label>
      <div className="relative">
        <input
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          aria-invalid={Boolean(error?.length)}
          aria-describedby={describedBy}
          className={inputClass}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setSelected(null);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          onFocus={() => matches.length && !selected && setOpen(true)}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label={`Matching ${noun}s`}
          hidden={!expanded}
          className="absolute z-10 mt-1 max-h-64 w-full overflow-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200"
        >
          {matches.map((p, i) => (
            <li
              key={p.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              // mousedown, not click: the input's blur would close the list before a click lands.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(p);
              }}
              className={cx("cursor-pointer px-3 py-1.5", i === active ? "bg-brand-50 text-brand-900" : "hover:bg-slate-50")}
            >
              {p.name}
              {p.detail ? <span className="block text-xs text-slate-500">{p.detail}</span> : null}
            </li>
          ))}
        </ul>
      </div>
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
