import { useCallback, useEffect, useRef, useState, type Ref } from "react";

type Combobox = typeof import("./combobox-list");
type Field = HTMLInputElement | HTMLTextAreaElement;

/** The root's class, on the plain wrapper too, so the field sits the same before and after the swap (cmdk's empty label is left out). */
export const comboboxRootClass = "relative [&>[cmdk-label]]:hidden";

let loaded: Combobox | null = null;
let loading: Promise<Combobox> | null = null;
const loadCombobox = () => (loading ??= import("./combobox-list").then((m) => (loaded = m)));

type Carried = { focused: boolean; value: string; start: number | null; end: number | null; direction: "forward" | "backward" | "none" | null };

/**
 * cmdk (~17 kB gzipped) for a combobox, fetched when its field is first focused rather than in the
 * page's first load. Until it arrives the field is a plain one in a plain wrapper; the swap to
 * cmdk's root mounts the field afresh. `ref` (to put on the field; it also sets `fieldRef`) reads
 * the old field as it is detached, so what was typed up to that moment (an uncontrolled textarea's
 * text too), the caret and the focus are carried over to the new one; `swapping()` tells blur
 * handlers to ignore that moment.
 */
export function useLazyCombobox<T extends Field>(fieldRef?: Ref<T>) {
  const [combobox, setCombobox] = useState<Combobox | null>(null);
  const carried = useRef<Carried | null>(null);
  // Another field on the page loaded it already (not in the first render: the server has no cmdk).
  useEffect(() => {
    if (loaded) setCombobox(() => loaded);
  }, []);
  const load = () => {
    if (combobox) return;
    loadCombobox().then(
      (module) => setCombobox(() => module),
      // Not fetched (offline): the field stays a plain one, and the next focus tries again.
      () => {
        loading = null;
      },
    );
  };
  const ref = useCallback(
    (el: T | null) => {
      if (!el) return;
      if (typeof fieldRef === "function") fieldRef(el);
      else if (fieldRef) fieldRef.current = el;
      const was = carried.current;
      carried.current = null;
      if (was) {
        if (el.value !== was.value) el.value = was.value;
        if (was.focused) {
          el.focus();
          if (was.start !== null && was.end !== null) el.setSelectionRange(was.start, was.end, was.direction ?? undefined);
        }
      }
      return () => {
        carried.current = { focused: document.activeElement === el, value: el.value, start: el.selectionStart, end: el.selectionEnd, direction: el.selectionDirection };
        if (typeof fieldRef === "function") fieldRef(null);
        else if (fieldRef) fieldRef.current = null;
      };
    },
    [fieldRef],
  );
  const swapping = () => carried.current !== null;
  return { combobox, load, swapping, ref };
}
