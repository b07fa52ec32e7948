import type { Cell, TableData } from "@/lib/reports/dashboard-tables";
import { pendingLabel, withheldLabel, type SatisfactionValue } from "@/lib/satisfaction/satisfaction-value";

const show = (value: Cell, percent: boolean) => (value === null ? "—" : typeof value === "number" ? `${value.toLocaleString("en-GB")}${percent ? " %" : ""}` : value);

/** A dashboard table: the same cells as its CSV; the first column names the row. */
export function DataTable({ table, percentColumns = [], scrollable = false }: { table: TableData; percentColumns?: number[]; scrollable?: boolean }) {
  const numeric = (i: number) => i > 0;
  // A wide table scrolls sideways on a phone: focusable, so a keyboard can scroll it too.
  const scroll = scrollable ? { tabIndex: 0, role: "region", "aria-label": table.title } : {};
  return (
    <div className="mt-4 overflow-x-auto rounded-md ring-1 ring-slate-200" {...scroll}>
      <table className="min-w-full text-sm">
        <caption className="sr-only">{table.title}</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
          <tr>
            {table.columns.map((c, i) => (
              <th key={c} scope="col" className={`px-3 py-2 ${numeric(i) ? "text-right" : ""}`}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((value, i) =>
                i === 0 ? (
                  <th key={i} scope="row" className="px-3 py-1.5 text-left font-medium text-slate-900">{show(value, false)}</th>
                ) : (
                  <td key={i} className={`px-3 py-1.5 text-right tabular-nums ${typeof value === "string" ? "text-xs text-slate-600" : ""}`}>{show(value, percentColumns.includes(i))}</td>
                ),
              )}
            </tr>
          ))}
          {table.rows.length === 0 ? (
            <tr><td colSpan={table.columns.length} className="px-3 py-4 text-slate-600">Nothing in this period.</td></tr>
          ) : null}
        </tbody>
        {table.footer ? (
          <tfoot className="border-t border-slate-200 bg-slate-50 font-semibold">
            <tr>
              {table.footer.map((value, i) =>
                i === 0 ? (
                  <th key={i} scope="row" className="px-3 py-2 text-left">{show(value, false)}</th>
                ) : (
                  <td key={i} className="px-3 py-2 text-right tabular-nums">{show(value, percentColumns.includes(i))}</td>
                ),
              )}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

/** One satisfaction figure: the CSAT % with "n of N ratings", or why there is none. */
export function SatisfactionFigure({ value }: { value: SatisfactionValue }) {
  if (value.state === "withheld") return <p className="text-lg font-semibold text-slate-900" data-testid="csat-suppressed">{withheldLabel}</p>;
  if (value.state === "pending") return <p className="text-lg font-semibold text-slate-900" data-testid="csat-pending">{pendingLabel(value)}</p>;
  return (
    <p className="text-sm">
      <span className="text-3xl font-semibold tabular-nums text-slate-900">{value.percent} %</span>
      <span className="ml-3 text-slate-600">
        {value.satisfied.toLocaleString("en-GB")} of {value.ratings.toLocaleString("en-GB")} ratings were 4 or 5 · mean {value.mean}
      </span>
    </p>
  );
}
