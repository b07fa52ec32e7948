"use client";
import Link from "@/app/_components/link";
import type { MoraleMonth, MoraleRow } from "@/lib/reports/morale-indicators";
import { periodLabel } from "@/lib/satisfaction/figure-periods";
import { SatisfactionText } from "./figures";
import { WorkloadCells } from "./morale-cells";

/**
 * The morale table and a department's months. Client components only so that their rows travel once,
 * as data, instead of as rendered markup twice (in the HTML and again in the page's RSC payload): 50
 * departments' worth, and twelve months.
 */
const tableClass =
  "min-w-full text-sm [&_th]:px-4 [&_th]:py-2 [&_td]:px-4 [&_td]:py-2 [&_.n]:text-right [&_.n]:tabular-nums [&_tbody_th]:text-left [&_tbody_th]:font-medium [&_small]:block [&_small]:text-xs [&_small]:text-slate-600 [&_tbody_a]:text-brand-700 [&_tbody_a:hover]:underline";

/** Both tables' columns: what a row is, satisfaction received and given, then WorkloadCells' three figures. */
function Head({ columns: [row, received, given, open] }: { columns: [string, string, string, string] }) {
  return (
    <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
      <tr>
        <th scope="col">{row}</th>
        <th scope="col">{received}</th>
        <th scope="col">{given}</th>
        <th scope="col" className="n">{open}</th>
        <th scope="col" className="n">Breach rate</th>
        <th scope="col" className="n">After hours</th>
      </tr>
    </thead>
  );
}

export function MoraleTable({ rows, periodLabel: label, departmentHref }: { rows: Omit<MoraleRow, "id">[]; periodLabel: string; departmentHref: string }) {
  return (
    <table className={tableClass} data-testid="morale">
      <caption className="sr-only">Morale indicators per department, {label}</caption>
      <Head columns={["Department", "Satisfaction received", "Satisfaction given", "Open per agent (now)"]} />
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.key} data-department={r.key}>
            <th scope="row">
              <Link href={`${departmentHref}&department=${r.key}#trend-title`}>{r.name}</Link>
            </th>
            <td><SatisfactionText value={r.received} /></td>
            <td><SatisfactionText value={r.given} /></td>
            <WorkloadCells workload={r.workload} agents={r.agents} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TrendTable({ months, departmentName }: { months: MoraleMonth[]; departmentName: string }) {
  return (
    <table className={tableClass} data-testid="trend">
      <caption className="sr-only">{departmentName} month by month</caption>
      <Head columns={["Month", "Received", "Given", "Open per agent"]} />
      <tbody className="divide-y divide-slate-100">
        {months.map((m) => (
          <tr key={m.month}>
            <th scope="row" className="whitespace-nowrap">{m.current ? `${periodLabel(m.month)} (so far)` : periodLabel(m.month)}</th>
            <td><SatisfactionText value={m.received} /></td>
            <td><SatisfactionText value={m.given} /></td>
            <WorkloadCells workload={m.workload} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
