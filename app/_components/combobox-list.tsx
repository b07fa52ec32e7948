"use client";
import { Command, useCommandState } from "cmdk";
import { useEffect, useRef, type ReactNode } from "react";
import { cx } from "./ui";
import { comboboxRootClass } from "./lazy-combobox";

/**
 * The root of a combobox whose input is the page's own: cmdk keeps the highlighted item and the
 * arrow keys and Enter of the input inside it. Loaded when the field is first focused
 * (lazy-combobox.ts): cmdk is not in any page's first load.
 */
export function ComboboxRoot({ children }: { children: ReactNode }) {
  return (
    <Command shouldFilter={false} loop className={comboboxRootClass}>
      {children}
    </Command>
  );
}

/**
 * The list of a combobox, inside a `ComboboxRoot` that holds the page's own input: cmdk keeps
 * the highlighted item and the arrow keys and Enter; a click picks too. `id` is what the input's
 * aria-controls names; the input's aria-activedescendant is told through `onActiveId` (cmdk names
 * its items itself).
 */
export function ComboboxList<T extends { id: string }>({
  id,
  label,
  expanded,
  items,
  onChoose,
  onActiveId,
  className,
  children,
}: {
  id: string;
  label: string;
  expanded: boolean;
  items: T[];
  onChoose: (item: T) => void;
  onActiveId: (id: string | undefined) => void;
  className?: string;
  children: (item: T) => ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const highlighted = useCommandState((state) => state.value);
  useEffect(() => {
    const item = expanded ? ref.current?.querySelector<HTMLElement>('[cmdk-item][data-selected="true"]') : null;
    onActiveId(item?.id);
  }, [expanded, highlighted, items, onActiveId]);
  return (
    <div id={id} ref={ref} hidden={!expanded}>
      <Command.List label={label} className={cx("absolute z-10 mt-1 max-h-64 w-full overflow-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200", className)}>
        {items.map((item) => (
          <Command.Item
            key={item.id}
            value={item.id}
            onSelect={() => onChoose(item)}
            // The input's blur would close the list before a click lands.
            onMouseDown={(e) => e.preventDefault()}
            className="cursor-pointer px-3 py-1.5 data-[selected=true]:bg-brand-50 data-[selected=true]:text-brand-900"
          >
            {children(item)}
          </Command.Item>
        ))}
      </Command.List>
    </div>
  );
}
