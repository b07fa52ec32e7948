import type { Compliance } from "@/lib/reports/compliance";
import { pendingLabel, withheldLabel, type SatisfactionValue } from "@/lib/satisfaction/satisfaction-value";

/** A satisfaction figure as lib/satisfaction released it: CSAT with its counts, or no number at all. */
export function SatisfactionText({ value }: { value: SatisfactionValue }) {
  if (value.state === "withheld") return <span className="text-slate-700" data-testid="not-enough">{withheldLabel}</span>;
  if (value.state === "pending") return <span className="text-slate-600" data-testid="pending">{pendingLabel(value)}</span>;
  return (
    <span className="sat">
      <b>{`${value.percent} %`}</b>
      <span>{`${value.satisfied} of ${value.ratings} ratings`}</span>
    </span>
  );
}

/** A compliance figure with its counts: "80 % (8 of 10)", or "—" when nothing was decided. */
export function ComplianceText({ c }: { c: Compliance }) {
  if (c.percent === null) return <span className="tabular-nums">—</span>;
  return (
    <span className="whitespace-nowrap tabular-nums">
      <span className="font-semibold">{c.percent} %</span> <span className="text-xs">({c.met} of {c.total} met)</span>
    </span>
  );
}
