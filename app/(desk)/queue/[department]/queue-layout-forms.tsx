"use client";
import { useState, type ReactNode } from "react";
import { defaultQueueColumns, queueColumnLabel, queueColumns, type QueueColumn } from "@/lib/validation/queue-column-values";
import { Banner, useActionForm } from "../../../_components/action-form";
import { Button, FieldError, cx, inputClass } from "../../../_components/ui";
import { deleteQueueViewAction, saveQueueViewAction, setDefaultQueueViewAction, setQueueColumnsAction } from "./actions";

/** A toolbar button that opens a panel: a disclosure, so it works with the keyboard and without a pointer. */
function Panel({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <details className="group relative" data-testid={testId}>
      <summary className="inline-flex cursor-pointer items-center gap-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
        {label}
        <span aria-hidden="true" className="text-xs text-slate-500 group-open:rotate-180">▾</span>
      </summary>
      <div className="z-30 mt-2 w-full rounded-lg border border-slate-200 bg-white p-4 shadow-lg sm:absolute sm:w-80">{children}</div>
    </details>
  );
}

/** Saves the filters as they are now under a name, for oneself or shared with the department. */
export function SaveViewForm({ departmentKey, filter }: { departmentKey: string; filter: [string, string][] }) {
  const { pending, errors, banner, formProps } = useActionForm(saveQueueViewAction);
  return (
    <Panel label="Save view" testId="save-view">
      <form {...formProps} className="space-y-3" aria-label="Save these filters as a view">
        <input type="hidden" name="department" value={departmentKey} />
        {filter.map(([key, value]) => (
          <input key={key} type="hidden" name={`filter.${key}`} value={value} />
        ))}
        <div>
          <label htmlFor="view-name" className="block text-xs font-medium text-slate-600">Name of the view</label>
          <input id="view-name" name="name" required maxLength={60} className={inputClass} aria-invalid={Boolean(errors?.name)} aria-describedby={errors?.name ? "view-name-error" : undefined} />
          <FieldError id="view-name-error" messages={errors?.name} />
        </div>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="shared" className="mt-0.5 size-4 rounded border-slate-300" />
          <span>Share with the department&apos;s agents<span className="block text-xs text-slate-500">Otherwise only you see it.</span></span>
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="makeDefault" className="size-4 rounded border-slate-300" />
          Open my queue with this view
        </label>
        <Banner state={banner} />
        <Button type="submit" variant="secondary" disabled={pending}>Save view</Button>
      </form>
    </Panel>
  );
}

/** Which columns show and in which order: checkboxes and Move up / Move down buttons (no dragging needed). */
export function ColumnChooser({ departmentKey, shown }: { departmentKey: string; shown: QueueColumn[] }) {
  const { pending, banner, formProps } = useActionForm(setQueueColumnsAction);
  const [order, setOrder] = useState<QueueColumn[]>(() => [...shown, ...queueColumns.filter((c) => !shown.includes(c))]);
  const [visible, setVisible] = useState<Set<QueueColumn>>(() => new Set(shown));
  const [moved, setMoved] = useState("");
  const move = (index: number, by: -1 | 1) => {
    const next = [...order];
    const [column] = next.splice(index, 1);
    next.splice(index + by, 0, column!);
    setOrder(next);
    setMoved(`${queueColumnLabel[column!]} is now column ${index + by + 1} of ${next.length}.`);
  };
  return (
    <Panel label="Columns" testId="column-chooser">
      <form {...formProps} aria-label="Columns of the queue">
        <input type="hidden" name="department" value={departmentKey} />
        {order.filter((c) => visible.has(c)).map((c) => (
          <input key={c} type="hidden" name="column" value={c} />
        ))}
        <p className="mb-2 text-xs text-slate-600">The request column always shows first.</p>
        <ol className="space-y-1" aria-label="Columns in order">
          {order.map((c, i) => (
            <li key={c} className="flex items-center justify-between gap-2 rounded-md px-1 py-0.5 hover:bg-slate-50">
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="size-4 rounded border-slate-300"
                  checked={visible.has(c)}
                  onChange={(e) => {
                    const next = new Set(visible);
                    if (e.target.checked) next.add(c);
                    else next.delete(c);
                    setVisible(next);
                  }}
                />
                {queueColumnLabel[c]}
              </label>
              <span className="flex gap-1">
                <button type="button" className="rounded px-2 py-1 text-xs text-slate-700 hover:bg-slate-200 disabled:opacity-40" aria-label={`Move ${queueColumnLabel[c]} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                  ↑
                </button>
                <button type="button" className="rounded px-2 py-1 text-xs text-slate-700 hover:bg-slate-200 disabled:opacity-40" aria-label={`Move ${queueColumnLabel[c]} down`} disabled={i === order.length - 1} onClick={() => move(i, 1)}>
                  ↓
                </button>
              </span>
            </li>
          ))}
        </ol>
        <p aria-live="polite" className="sr-only">{moved}</p>
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <Button type="submit" variant="secondary" disabled={pending}>Save columns</Button>
          <Button
            type="button"
            variant="ghost"
            onClick={() => {
              setOrder([...defaultQueueColumns, ...queueColumns.filter((c) => !defaultQueueColumns.includes(c))]);
              setVisible(new Set(defaultQueueColumns));
              setMoved("The usual columns are back; save to keep them.");
            }}
          >
            Usual columns
          </Button>
        </div>
        <div className="mt-2">
          <Banner state={banner} />
        </div>
      </form>
    </Panel>
  );
}

type ViewChoice = { value: string; label: string };

/** The view the queue opens with, and the agent's own saved views to delete. */
export function ManageViews({ departmentKey, choices, current, mine }: { departmentKey: string; choices: ViewChoice[]; current: string; mine: { id: string; name: string; shared: boolean }[] }) {
  const chooser = useActionForm(setDefaultQueueViewAction);
  const remover = useActionForm(deleteQueueViewAction);
  return (
    <Panel label="Manage views" testId="manage-views">
      <form {...chooser.formProps} className="space-y-2" aria-label="The view your queue opens with">
        <input type="hidden" name="department" value={departmentKey} />
        <label htmlFor="default-view" className="block text-xs font-medium text-slate-600">My queue opens with</label>
        <select id="default-view" name="view" defaultValue={current} className={inputClass}>
          <option value="">The usual view (needs work, newest first)</option>
          {choices.map((c) => (
            <option key={c.value} value={c.value}>{c.label}</option>
          ))}
        </select>
        <Button type="submit" variant="secondary" disabled={chooser.pending}>Save</Button>
        <Banner state={chooser.state} />
      </form>
      {mine.length ? (
        <div className="mt-4 border-t border-slate-100 pt-3">
          <h3 className="text-xs font-semibold text-slate-700">Your saved views</h3>
          <ul className="mt-2 space-y-1">
            {mine.map((v) => (
              <li key={v.id} className="flex items-center justify-between gap-2 text-sm">
                <span className="min-w-0 break-words">
                  {v.name}
                  <span className={cx("ml-2 text-xs", v.shared ? "text-emerald-700" : "text-slate-500")}>{v.shared ? "shared" : "private"}</span>
                </span>
                <form {...remover.formProps}>
                  <input type="hidden" name="department" value={departmentKey} />
                  <input type="hidden" name="viewId" value={v.id} />
                  <Button type="submit" variant="ghost" className="px-2 py-1 text-xs" disabled={remover.pending} aria-label={`Delete the view ${v.name}`}>
                    Delete
                  </Button>
                </form>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {/* Outside the list: deleting the last view removes the list, not the confirmation. */}
      <div className="mt-2">
        <Banner state={remover.state} />
      </div>
    </Panel>
  );
}
