import type { SatisfactionValue } from "@/lib/satisfaction/satisfaction-value";

/** One pulse figure as the anonymity rules allow it: numbers with their counts, or neither. */
export function PulseValue({ value }: { value: SatisfactionValue | null }) {
  if (!value) return null;
  if (value.state === "none") return <span className="text-slate-500">No ratings yet</span>;
  if (value.state === "suppressed") return <span className="font-medium text-slate-700">Not enough responses</span>;
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
  if (value.state === "none") return <span className="text-slate-500">No responses yet</span>;
  if (value.state === "suppressed") return <span className="font-medium text-slate-700">Not enough responses</span>;
  return <span className="tabular-nums">{value.ratings.toLocaleString("en-GB")} responses</span>;
}
