"use client";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition, type ReactNode } from "react";
import { cx } from "../../../_components/ui";

const phone = "(max-width: 1023px)";

/**
 * The queue's filters: a plain GET form (it works without JavaScript, with its Apply button), which
 * with JavaScript applies each change as it is made (typing after a pause) and keeps the address as
 * the one truth. On a phone the filters are a drawer under a "Filters" button, so the requests come
 * first; on a wide screen they are always shown.
 */
export function QueueFilters({ children, active, reset }: { children: ReactNode; active: number; reset: ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const form = useRef<HTMLFormElement>(null);
  const typing = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [pending, startTransition] = useTransition();
  const [open, setOpen] = useState(true);
  const [scripted, setScripted] = useState(false);

  useEffect(() => {
    setScripted(true);
    if (window.matchMedia(phone).matches) setOpen(false);
    return () => clearTimeout(typing.current);
  }, []);

  const apply = () => {
    clearTimeout(typing.current);
    if (!form.current) return;
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form.current)) if (typeof value === "string" && value.trim() !== "") params.append(key, value);
    startTransition(() => router.replace(`${pathname}?${params}`, { scroll: false }));
  };

  return (
    <details
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      className="group mb-4"
      onKeyDown={(e) => {
        if (e.key === "Escape" && window.matchMedia(phone).matches) setOpen(false);
      }}
    >
      <summary className="inline-flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-800 lg:hidden">
        Filters{active ? ` (${active} active)` : ""}
      </summary>
      <div
        className={cx(
          "rounded-lg border border-slate-200 bg-white p-4 shadow-sm",
          // A bottom sheet on a phone, over the list; the page behind it does not scroll sideways.
          "max-lg:fixed max-lg:inset-x-0 max-lg:bottom-0 max-lg:z-40 max-lg:max-h-[85vh] max-lg:overflow-y-auto max-lg:rounded-b-none max-lg:shadow-2xl",
        )}
      >
        <div className="mb-3 flex items-center justify-between lg:hidden">
          <h2 className="text-base font-semibold">Filters</h2>
          <button type="button" className="rounded-md px-3 py-1.5 text-sm font-semibold text-brand-700 hover:bg-brand-50" onClick={() => setOpen(false)}>
            Done
          </button>
        </div>
        <form
          ref={form}
          method="get"
          aria-label="Filters"
          aria-busy={pending || undefined}
          className="grid items-end gap-3 sm:grid-cols-3 lg:grid-cols-5"
          onSubmit={(e) => {
            e.preventDefault();
            apply();
          }}
          onChange={(e) => {
            if ((e.target as HTMLElement).matches("input[type=search], input[type=text]")) return;
            apply();
          }}
          onInput={(e) => {
            if (!(e.target as HTMLElement).matches("input[type=search], input[type=text]")) return;
            clearTimeout(typing.current);
            typing.current = setTimeout(apply, 400);
          }}
        >
          {children}
          <div className="flex gap-2">
            {/* Without JavaScript the form applies on this button; with it, every change applies itself. */}
            {scripted ? null : (
              <button type="submit" className="h-10 rounded-md border border-slate-300 bg-white px-3 text-sm font-semibold text-slate-800 hover:bg-slate-50">
                Apply filters
              </button>
            )}
            {reset}
          </div>
        </form>
        <p aria-live="polite" className="sr-only">{pending ? "Updating the queue…" : ""}</p>
      </div>
    </details>
  );
}
