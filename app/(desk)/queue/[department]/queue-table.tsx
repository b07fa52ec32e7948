"use client";
import Link from "@/app/_components/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { startTransition, useActionState, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { createColumnHelper, rowSelectionFeature, rowSortingFeature, tableFeatures, useTable, type RowSelectionState, type SortingState } from "@tanstack/react-table";
import type { SlaBadge } from "@/lib/service-levels/sla-badges";
import { statusLabel, type ApprovalStateValue, type PriorityLevel, type Status } from "@/lib/validation/request-values";
import { queueColumnLabel, type QueueColumn } from "@/lib/validation/queue-column-values";
import type { QueueSort } from "@/lib/validation/requests";
import { SlaBadgeView } from "../../../_components/sla-badge";
import { Button, PriorityText, StatusBadge, cx, inputClass } from "../../../_components/ui";
import { bulkUpdateAction } from "./actions";
import { AssignToMe, AssignToMeForm } from "./assign-to-me";

export type QueueRow = {
  id: string;
  reference: string;
  title: string;
  typeName: string;
  requesterName: string;
  requesterDepartment: string;
  status: Status;
  approvalState: ApprovalStateValue | null;
  priority: PriorityLevel;
  version: number;
  filed: string;
  updated: string;
  /** The SLA due time as the reader reads it. */
  slaDue: string | null;
  assignee: string | null;
  team: string | null;
  sla: Omit<SlaBadge, "dueAt"> | undefined;
};

const features = tableFeatures({ rowSelectionFeature, rowSortingFeature });
const helper = createColumnHelper<typeof features, QueueRow>();

// The server sorts (keyset pages); the table's sorting state is only a view of the URL's `sort`.
const sortOfColumn: Record<string, (desc: boolean) => QueueSort> = { filed: (desc) => (desc ? "newest" : "oldest"), priority: () => "priority", sla: () => "due" };
const sortingOf = (sort: QueueSort): SortingState =>
  ({ newest: [{ id: "filed", desc: true }], oldest: [{ id: "filed", desc: false }], priority: [{ id: "priority", desc: true }], due: [{ id: "sla", desc: false }] })[sort];

const selectColumn = helper.display({
  id: "select",
  header: ({ table }) => (
    <IndeterminateCheckbox
      label="Select all requests on this page"
      checked={table.getIsAllPageRowsSelected()}
      indeterminate={table.getIsSomePageRowsSelected()}
      onChange={table.getToggleAllPageRowsSelectedHandler()}
    />
  ),
  cell: ({ row }) => (
    <input
      type="checkbox"
      className="size-4 rounded border-slate-300"
      aria-label={`Select ${row.original.reference}`}
      checked={row.getIsSelected()}
      onChange={row.getToggleSelectedHandler()}
      tabIndex={-1}
    />
  ),
});

// The request (reference and title) always shows; two lines at most, so a long title never makes a row four lines high.
const requestColumn = helper.accessor("title", {
  header: "Request",
  enableSorting: false,
  cell: ({ row }) => (
    <>
      <Link href={`/requests/${row.original.reference}`} tabIndex={-1} title={row.original.title}>
        <span className="ref" data-testid="queue-reference">{row.original.reference}</span>
        {row.original.title}
      </Link>
      <span>
        {row.original.typeName}
        {row.original.team ? ` · ${row.original.team}` : ""}
      </span>
    </>
  ),
});

/** Every column an agent may choose, by id (lib/validation/queue-views.ts lists them and their labels). */
const choosable = {
  from: helper.accessor("requesterName", {
    id: "from",
    header: queueColumnLabel.from,
    enableSorting: false,
    cell: ({ row }) => (
      <>
        <span>{row.original.requesterName}</span>
        <span className="lg:hidden">, </span>
        <span className="text-xs text-slate-500">{row.original.requesterDepartment}</span>
      </>
    ),
  }),
  status: helper.accessor("status", { header: queueColumnLabel.status, enableSorting: false, cell: ({ row }) => <StatusBadge status={row.original.status} approvalState={row.original.approvalState} /> }),
  sla: helper.accessor("sla", { id: "sla", header: queueColumnLabel.sla, cell: ({ row }) => <SlaBadgeView badge={row.original.sla} dueLabel={row.original.slaDue} /> }),
  priority: helper.accessor("priority", { header: queueColumnLabel.priority, cell: ({ row }) => <PriorityText priority={row.original.priority} /> }),
  assignee: helper.accessor("assignee", {
    header: queueColumnLabel.assignee,
    enableSorting: false,
    cell: ({ row }) => {
      const r = row.original;
      if (r.assignee) return <span className="block break-words lg:max-w-36 lg:truncate">{r.assignee}</span>;
      return r.status === "CLOSED" ? "—" : <AssignToMe requestId={r.id} version={r.version} reference={r.reference} />;
    },
  }),
  team: helper.accessor("team", { header: queueColumnLabel.team, enableSorting: false, cell: ({ row }) => row.original.team ?? "—" }),
  type: helper.accessor("typeName", { id: "type", header: queueColumnLabel.type, enableSorting: false, cell: ({ row }) => row.original.typeName }),
  filed: helper.accessor("filed", { id: "filed", header: queueColumnLabel.filed, cell: ({ row }) => row.original.filed }),
  updated: helper.accessor("updated", { id: "updated", header: queueColumnLabel.updated, enableSorting: false, cell: ({ row }) => row.original.updated }),
} satisfies Record<QueueColumn, unknown>;

/** `agentOptions`: the department's agents as `<option>`s, the very elements the filters' select shows, so the page sends them once. */
export function QueueTable({ rows, sort, agentOptions, departmentKey, shown }: { rows: QueueRow[]; sort: QueueSort; agentOptions: ReactNode; departmentKey: string; shown: QueueColumn[] }) {
  const columns = useMemo(() => helper.columns([selectColumn, requestColumn, ...shown.map((c) => choosable[c])]), [shown]);
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const sorting = sortingOf(sort);
  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => row.id,
    enableRowSelection: true,
    manualSorting: true,
    enableSortingRemoval: false,
    state: { rowSelection, sorting },
    onRowSelectionChange: setRowSelection,
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      if (!first) return;
      const params = new URLSearchParams(search.toString());
      params.set("sort", sortOfColumn[first.id]!(first.desc));
      params.delete("cursor");
      router.push(`${pathname}?${params}`);
    },
  });

  // Keyboard: one row is focusable at a time (roving tabindex); j/k or the arrows move it.
  const [focused, setFocused] = useState(0);
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([]);
  const move = (index: number) => {
    const i = Math.max(0, Math.min(rows.length - 1, index));
    setFocused(i);
    rowRefs.current[i]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const target = event.target as HTMLElement;
    if (event.altKey || event.ctrlKey || event.metaKey || target.closest("select, textarea, input:not([type=checkbox])")) return;
    const onControl = target.closest("a, button") !== null;
    const row = table.getRowModel().rows[focused];
    if (event.key === "j" || event.key === "ArrowDown") move(focused + 1);
    else if (event.key === "k" || event.key === "ArrowUp") move(focused - 1);
    else if ((event.key === "Enter" && !onControl) || event.key === "o") {
      if (row) router.push(`/requests/${row.original.reference}`);
    } else if (event.key === "x") row?.toggleSelected();
    else return;
    event.preventDefault();
  };
  // From anywhere on the page that is not a field, j or k starts on the table.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.target !== document.body || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === "j" || event.key === "k") {
        event.preventDefault();
        rowRefs.current[focused]?.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [focused]);

  const selected = table.getSelectedRowModel().rows.map((r) => r.original);
  return (
    <>
      <BulkBar selected={selected} agentOptions={agentOptions} departmentKey={departmentKey} onDone={() => setRowSelection({})} />
      <p id="queue-keys" className="hidden px-4 pt-3 text-xs text-slate-600 lg:block">
        Keys: <kbd className="font-mono">j</kbd>/<kbd className="font-mono">k</kbd> or arrows move, <kbd className="font-mono">Enter</kbd> or{" "}
        <kbd className="font-mono">o</kbd> opens, <kbd className="font-mono">x</kbd> selects.
      </p>
      {/* One table for every width: under lg its rows are cards (globals.css, .qt), the headers left to screen readers (shown while a sort button has the focus). */}
      <AssignToMeForm departmentKey={departmentKey}>
        <div className="lg:overflow-x-auto" data-testid="queue-phone-list">
          <table className="qt w-full text-sm" aria-label="Requests in this queue" aria-describedby="queue-keys">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600 max-lg:sr-only max-lg:focus-within:not-sr-only">
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => {
                    const sorted = header.column.getIsSorted();
                    const canSort = header.column.getCanSort() && header.column.id !== "select";
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        className={cx("px-2 py-2 whitespace-nowrap", header.column.id === "select" && cellClass.select)}
                        aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      >
                        {canSort ? (
                          <button
                            type="button"
                            className="inline-flex items-center gap-1 uppercase hover:text-brand-700"
                            onClick={() => table.setSorting([{ id: header.column.id, desc: header.column.id === "filed" ? sorted !== "desc" : header.column.id === "priority" }])}
                          >
                            <table.FlexRender header={header} />
                            <span aria-hidden="true">{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
                          </button>
                        ) : (
                          <table.FlexRender header={header} />
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody className="divide-y divide-slate-100" onKeyDown={onKeyDown}>
              {table.getRowModel().rows.map((row, index) => (
                <tr
                  key={row.id}
                  ref={(el) => {
                    rowRefs.current[index] = el;
                  }}
                  tabIndex={index === focused ? 0 : -1}
                  onFocus={(e) => {
                    if (e.target === e.currentTarget) setFocused(index);
                  }}
                  onClick={() => setFocused(index)}
                  data-selected={row.getIsSelected() || undefined}
                  aria-label={`${row.original.reference} ${row.original.title}`}
                  className={row.getIsSelected() ? "bg-brand-50/60" : undefined}
                >
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id} className={cellClass[cell.column.id]}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </AssignToMeForm>
    </>
  );
}

/**
 * A cell's look by what it holds, in globals.css (50 rows of them): on a phone's card the request on its
 * own first line, then the badges, then who filed it and when. The selection, for bulk actions, is a desktop's.
 */
const cellClass: Record<string, string> = { select: "q-sel", title: "q-req", from: "q-from", filed: "q-when", updated: "q-when" };

function IndeterminateCheckbox({ label, checked, indeterminate, onChange }: { label: string; checked: boolean; indeterminate: boolean; onChange: (e: unknown) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate && !checked;
  }, [indeterminate, checked]);
  return <input ref={ref} type="checkbox" className="size-4 rounded border-slate-300" aria-label={label} checked={checked} onChange={onChange} />;
}

const bulkStatuses: Status[] = ["OPEN", "WAITING_ON_REQUESTER", "RESOLVED", "CLOSED"];

function BulkBar({ selected, agentOptions, departmentKey, onDone }: { selected: QueueRow[]; agentOptions: ReactNode; departmentKey: string; onDone: () => void }) {
  const [state, dispatch, pending] = useActionState(bulkUpdateAction, null);
  useEffect(() => {
    if (state?.ok) onDone();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when a new result arrives
  }, [state]);
  const none = selected.length === 0;
  return (
    <form
      // Bulk actions work on the table's selection, which a phone's cards do not show: the requests come first there.
      className="hidden flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3 lg:flex"
      aria-label="Bulk actions"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget, event.nativeEvent.submitter);
        startTransition(() => dispatch(form));
      }}
    >
      <input type="hidden" name="department" value={departmentKey} />
      {selected.map((r) => (
        <input key={r.id} type="hidden" name="item" value={`${r.id}:${r.version}`} />
      ))}
      <p className="min-w-24 self-center text-sm font-medium text-slate-700" aria-live="polite">
        {selected.length} selected
      </p>
      <div>
        <label htmlFor="bulk-assignee" className="block text-xs font-medium text-slate-600">Assign to</label>
        <select id="bulk-assignee" name="assignee" defaultValue="me" className={`${inputClass} h-9`}>
          <option value="me">Me</option>
          <option value="none">Nobody (unassign)</option>
          {agentOptions}
        </select>
      </div>
      <Button type="submit" name="intent" value="assign" variant="secondary" className="h-9" disabled={none || pending}>Assign</Button>
      <div>
        <label htmlFor="bulk-status" className="block text-xs font-medium text-slate-600">New status</label>
        <select id="bulk-status" name="status" defaultValue="OPEN" className={`${inputClass} h-9`}>
          {bulkStatuses.map((s) => <option key={s} value={s}>{statusLabel[s]}</option>)}
        </select>
      </div>
      <Button type="submit" name="intent" value="status" variant="secondary" className="h-9" disabled={none || pending}>Set status</Button>
      {state ? (
        <p role={state.ok ? "status" : "alert"} className={cx("self-center rounded-md px-3 py-1.5 text-sm", state.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800")}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
