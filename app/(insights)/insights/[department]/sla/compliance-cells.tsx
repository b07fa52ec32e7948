import type { Compliance } from "@/lib/reports/compliance";

/** A compliance figure with its counts beside it; "—" when nothing was counted. */
export function ComplianceCell({ c }: { c: Compliance }) {
  return (
    <div className="whitespace-nowrap">
      <span className="font-semibold tabular-nums text-slate-900">{c.percent === null ? "—" : `${c.percent} %`}</span>
      <span className="block text-xs tabular-nums text-slate-600">
        {c.met} met · {c.breached} breached · {c.total} total
      </span>
      {c.everBreached !== undefined ? <span className="block text-xs tabular-nums text-slate-600">{c.everBreached} ever breached</span> : null}
    </div>
  );
}

export const Num = ({ n }: { n: number }) => <span className="tabular-nums">{n}</span>;

export const Percent = ({ c }: { c: Compliance }) => <span className="font-semibold tabular-nums">{c.percent === null ? "—" : `${c.percent} %`}</span>;
