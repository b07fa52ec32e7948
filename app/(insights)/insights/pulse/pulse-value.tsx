import { pendingLabel, withheldLabel, type SatisfactionValue } from "@/lib/satisfaction/satisfaction-value";

/** One pulse figure as the anonymity rules allow it: numbers with their counts, or neither. */
export function PulseValue({ value }: { value: SatisfactionValue | null }) {
  if (!value) return null;
  if (value.state === "withheld") return <span className="font-medium text-slate-700">{withheldLabel}</span>;
  if (value.state === "pending") return <span className="text-slate-600">{pendingLabel(value)}</span>;
  return (
    <span>
      <span className="font-semibold tabular-nums text-slate-900">{value.percent} %</span>
      <span className="ml-2 text-slate-600">
        {value.satisfied.toLocaleString("en-GB")} of {value.ratings.toLocaleString("en-GB")} ratings were 4 or 5 · mean {value.mean}
      </span>
    </span>
  );
}

/** A round's response count where it may be shown. */
export function ResponseCount({ value }: { value: SatisfactionValue | null }) {
  if (!value) return null;
  if (value.state === "withheld") return <span className="font-medium text-slate-700">{withheldLabel}</span>;
  if (value.state === "pending") return <span className="text-slate-600">{pendingLabel(value)}</span>;
  return <span className="tabular-nums">{value.ratings.toLocaleString("en-GB")} responses</span>;
}
