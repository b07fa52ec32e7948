"use client";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { cx, inputClass } from "./ui";

export type PersonChoice = { id: string; name: string; detail?: string };

type Props = {
  label: string;
  hint: string;
  /** Name of the hidden input that carries the chosen person's id. */
  name: string;
  search: (query: string) => Promise<PersonChoice[]>;
  exclude: string[];
  errorId?: string;
  invalid?: boolean;
  /** Bumped by the form after a successful submit to clear the choice. */
  resetKey?: unknown;
};

/**
 * A person picker (WAI-ARIA 1.2 combobox, as the co-worker picker on the request page): type part
 * of a name or email, move through matches with the arrow keys, Enter or a click picks one, Escape
 * closes the list. The chosen id goes in a hidden input.
 */
export function PersonCombobox({ label, hint, name, search, exclude, errorId, invalid, resetKey }: Props) {
  const uid = useId();
  const inputId = `${uid}-person`;
  const listId = `${uid}-matches`;
  const hintId = `${inputId}-hint`;
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
    setMatches([]);
    setOpen(false);
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
    // search and exclude are new on every render: depend on the ids, not the identities.
  }, [query, selected, exclude.join(",")]);

  const choose = (person: PersonChoice) => {
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
  return (
    <div className="space-y-1">
      <input type="hidden" name={name} value={selected?.id ?? ""} />
      <label htmlFor={inputId} className="block text-xs font-medium text-slate-600">{label}</label>
      <div className="relative">
        <input
          id={inputId}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          aria-invalid={Boolean(invalid)}
          aria-describedby={[hintId, invalid && errorId ? errorId : null].filter(Boolean).join(" ")}
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
          aria-label={`Matches for ${label.toLowerCase()}`}
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
      <p id={hintId} className="text-xs text-slate-500">{hint}</p>
      <p className="sr-only" role="status" aria-live="polite">
        {searched && !selected ? (matches.length ? `${matches.length} match${matches.length === 1 ? "" : "es"} found.` : "Nobody matches.") : ""}
      </p>
      {searched && !selected && !matches.length ? <p className="text-xs text-slate-600">Nobody matches &ldquo;{query.trim()}&rdquo;.</p> : null}
    </div>
  );
}
