"use client";
import Link from "@/app/_components/link";
import type { MoraleRow } from "@/lib/reports/morale-indicators";
import { SatisfactionText } from "./figures";
import { WorkloadCells } from "./morale-cells";

/**
 * The morale table. A client component only so that its rows travel once, as data, instead of as
 * rendered markup twice (in the HTML and again in the page's RSC payload): 50 departments' worth.
 */
export function MoraleTable({ rows, periodLabel, departmentHref }: { rows: Omit<MoraleRow, "id">[]; periodLabel: string; departmentHref: string }) {
  return (
    <table className="min-w-full text-sm [&_th]:px-4 [&_th]:py-2 [&_td]:px-4 [&_td]:py-2 [&_.n]:text-right [&_.n]:tabular-nums [&_tbody_th]:text-left [&_tbody_th]:font-medium [&_small]:block [&_small]:text-xs [&_small]:text-slate-600" data-testid="morale">
      <caption className="sr-only">Morale indicators per department, {periodLabel}</caption>
      <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
        <tr>
          <th scope="col">Department</th>
          <th scope="col">Satisfaction received</th>
          <th scope="col">Satisfaction given</th>
          <th scope="col" className="n">Open per agent (now)</th>
          <th scope="col" className="n">Breach rate</th>
          <th scope="col" className="n">After hours</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.key} data-department={r.key}>
            <th scope="row">
              <Link className="text-brand-700 hover:underline" href={`${departmentHref}&department=${r.key}#trend-title`}>{r.name}</Link>
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
