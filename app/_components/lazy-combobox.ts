import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from "react";

type Combobox = typeof import("./combobox-list");

/** The root's class, on the plain wrapper too, so the field sits the same before and after the swap (cmdk's empty label is left out). */
export const comboboxRootClass = "relative [&>[cmdk-label]]:hidden";

let loaded: Combobox | null = null;
let loading: Promise<Combobox> | null = null;
const loadCombobox = () => (loading ??= import("./combobox-list").then((m) => (loaded = m)));

type Caret = { focused: boolean; value: string; start: number | null; end: number | null; direction: "forward" | "backward" | "none" | null };

/**
 * cmdk (~17 kB gzipped) for a combobox, fetched when its field is first focused rather than in the
 * page's first load. Until it arrives the field is a plain one in a plain wrapper; the swap to
 * cmdk's root mounts the field afresh, so the text, the caret and the focus are carried over (an
 * uncontrolled textarea's text too) and `swapping()` tells blur handlers to ignore that moment.
 */
export function useLazyCombobox(field: RefObject<HTMLInputElement | HTMLTextAreaElement | null>) {
  const [combobox, setCombobox] = useState<Combobox | null>(null);
  const carried = useRef<Caret | null>(null);
  // Another field on the page loaded it already (not in the first render: the server has no cmdk).
  useEffect(() => {
    if (loaded) setCombobox(() => loaded);
  }, []);
  const load = () => {
    loadCombobox().then(
      (module) => {
        const el = field.current;
        carried.current = el
          ? { focused: document.activeElement === el, value: el.value, start: el.selectionStart, end: el.selectionEnd, direction: el.selectionDirection }
          : null;
        setCombobox(() => module);
      },
      // Not fetched (offline): the field stays a plain one, and the next focus tries again.
      () => {
        loading = null;
      },
    );
  };
  useLayoutEffect(() => {
    const was = carried.current;
    const el = field.current;
    carried.current = null;
    if (!was || !el) return;
    if (el.value !== was.value) el.value = was.value;
    if (was.focused) {
      el.focus();
      if (was.start !== null && was.end !== null) el.setSelectionRange(was.start, was.end, was.direction ?? undefined);
    }
  }, [combobox, field]);
  const swapping = () => carried.current !== null;
  return { combobox, load: combobox ? noop : load, swapping };
}

function noop() {}
