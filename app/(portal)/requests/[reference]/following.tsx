"use client";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { PersonMatch } from "@/lib/requests/search-people";
import { useActionForm } from "../../../_components/action-form";
import { Button, FieldError, FormMessage, cx, inputClass } from "../../../_components/ui";
import { addWatcherAction, removeWatcherAction, searchPeopleAction } from "./actions";

type Person = { id: string; name: string };

type FollowingProps = {
  requestId: string;
  reference: string;
  requester: Person;
  watchers: Person[];
  meId: string;
  canAdd: boolean;
  canRemoveOthers: boolean;
  /** The viewer sees the request only as a follower: after leaving they go back to their list. */
  leaveOnSelfRemove: boolean;
};

export function FollowingCard(props: FollowingProps) {
  return (
    <div className="space-y-3">
      <h2 id="following-heading" className="text-sm font-semibold">Following</h2>
      <p className="text-xs text-slate-500">Followers see public replies and status changes.</p>
      {props.watchers.length ? (
        <ul aria-labelledby="following-heading" className="space-y-1 text-sm" data-testid="watchers">
          {props.watchers.map((w) => (
            <li key={w.id} className="flex items-center justify-between gap-2">
              <span>{w.id === props.meId ? `${w.name} (you)` : w.name}</span>
              {w.id === props.meId || props.canRemoveOthers ? (
                <RemoveWatcher {...props} person={w} self={w.id === props.meId} />
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">Nobody else follows this request yet.</p>
      )}
      {props.canAdd ? (
        <AddWatcher requestId={props.requestId} reference={props.reference} exclude={[props.requester.id, ...props.watchers.map((w) => w.id)]} />
      ) : null}
    </div>
  );
}

function RemoveWatcher({ requestId, reference, person, self, leaveOnSelfRemove }: FollowingProps & { person: Person; self: boolean }) {
  const { state, pending, formProps } = useActionForm(removeWatcherAction);
  return (
    <form {...formProps} className="flex flex-col items-end">
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="personId" value={person.id} />
      {self && leaveOnSelfRemove ? <input type="hidden" name="leave" value="1" /> : null}
      <Button type="submit" variant="ghost" className="px-2 py-1 text-xs" disabled={pending} aria-label={self ? "Stop following this request" : `Remove ${person.name}`}>
        {self ? "Stop following" : "Remove"}
      </Button>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}

/**
 * A combobox (WAI-ARIA 1.2 pattern): type part of a name or email, move through matches with the
 * arrow keys, Enter or a click picks one, Escape closes the list; "Add" submits the chosen person.
 */
function AddWatcher({ requestId, reference, exclude }: { requestId: string; reference: string; exclude: string[] }) {
  const { state, pending, errors, banner, formProps } = useActionForm(addWatcherAction);
  const uid = useId();
  const inputId = `${uid}-coworker`;
  const listId = `${uid}-matches`;
  const errorId = `${inputId}-error`;
  const hintId = `${inputId}-hint`;
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState<PersonMatch | null>(null);
  const [matches, setMatches] = useState<PersonMatch[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searched, setSearched] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    if (state?.ok) {
      setQuery("");
      setSelected(null);
      setMatches([]);
      setOpen(false);
    }
  }, [state]);

  useEffect(() => {
    if (selected || query.trim().length < 2) {
      setMatches([]);
      setSearched(false);
      return;
    }
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      searchPeopleAction(query).then(
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

  const choose = (person: PersonMatch) => {
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

  const error = errors?.personId;
  const expanded = open && matches.length > 0;
  const describedBy = [hintId, error?.length ? errorId : null].filter(Boolean).join(" ");
  return (
    <form {...formProps} className="space-y-2 border-t border-slate-100 pt-3">
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="personId" value={selected?.id ?? ""} />
      <label htmlFor={inputId} className="block text-xs font-medium text-slate-600">Add a co-worker</label>
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
          aria-label="Matching co-workers"
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
              <span className="block text-xs text-slate-500">{p.department}</span>
            </li>
          ))}
        </ul>
      </div>
      <p id={hintId} className="text-xs text-slate-500">Type at least 2 letters of a name or email, then choose from the list.</p>
      <p className="sr-only" role="status" aria-live="polite">
        {searched && !selected ? (matches.length ? `${matches.length} co-worker${matches.length === 1 ? "" : "s"} found.` : "No active co-worker matches.") : ""}
      </p>
      {searched && !selected && !matches.length ? <p className="text-xs text-slate-600">No active co-worker matches &ldquo;{query.trim()}&rdquo;.</p> : null}
      <FieldError id={errorId} messages={error} />
      <FormMessage state={banner} />
      <div className="flex justify-end">
        <Button type="submit" variant="secondary" disabled={pending}>Add</Button>
      </div>
    </form>
  );
}
