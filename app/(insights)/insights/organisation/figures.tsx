import type { Compliance } from "@/lib/reports/compliance";
import { pendingLabel, withheldLabel, type SatisfactionValue } from "@/lib/satisfaction/satisfaction-value";
import type { HeatMeasure } from "@/lib/validation/organisation";

/** A satisfaction figure as lib/satisfaction released it: CSAT with its counts, or no number at all. */
export function SatisfactionText({ value, compact = false }: { value: SatisfactionValue; compact?: boolean }) {
  if (value.state === "withheld") return <span className="text-slate-700" data-testid="not-enough">{withheldLabel}</span>;
  if (value.state === "pending") return <span className="text-slate-600" data-testid="pending">{pendingLabel(value)}</span>;
  return (
    <span className="whitespace-nowrap">
      <span className="font-semibold tabular-nums">{value.percent} %</span>
      <span className={compact ? "ml-1 text-xs tabular-nums" : "ml-1 text-xs tabular-nums text-slate-600"}>
        {value.satisfied} of {value.ratings} ratings
      </span>
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

/** Cell backgrounds, light enough that dark text keeps its contrast on every step. */
const sequential = ["bg-sky-50", "bg-sky-100", "bg-sky-200", "bg-sky-300", "bg-sky-400"];
const quality = ["bg-red-200", "bg-orange-200", "bg-amber-100", "bg-lime-100", "bg-emerald-200"];
const qualityBounds = [70, 80, 90, 95];
export const hatched = "bg-[repeating-linear-gradient(45deg,#e2e8f0_0,#e2e8f0_4px,#f8fafc_4px,#f8fafc_8px)]";

export type Step = { className: string; label: string };

/** The legend of a measure: its colour steps in order, then the "no figure" styles. */
export function legendOf(measure: HeatMeasure, maxVolume: number): Step[] {
  if (measure === "volume") {
    const bound = (i: number) => Math.ceil((maxVolume * i) / sequential.length);
    return sequential.map((className, i) => ({ className, label: i === 0 ? `1–${Math.max(1, bound(1))}` : `${bound(i) + 1}–${bound(i + 1)}` }));
  }
  const labels = [`under ${qualityBounds[0]} %`, ...qualityBounds.slice(0, -1).map((b, i) => `${b}–${qualityBounds[i + 1]} %`), `${qualityBounds[qualityBounds.length - 1]} % or more`];
  return quality.map((className, i) => ({ className, label: labels[i]! }));
}

/** The background of a cell for its measure's value; null when there is nothing to colour. */
export function stepOf(measure: HeatMeasure, value: number | null, maxVolume: number): string | null {
  if (value === null) return null;
  if (measure === "volume") {
    if (value === 0 || maxVolume === 0) return null;
    return sequential[Math.min(sequential.length - 1, Math.floor(((value - 1) * sequential.length) / maxVolume))]!;
  }
  const i = qualityBounds.findIndex((b) => value < b);
  return quality[i === -1 ? quality.length - 1 : i]!;
}
