import type { HeatMeasure } from "@/lib/validation/organisation";

/** A colour step of the heat map: its short class (heat-map.css) and what it means. */
export type Step = { className: string; label: string; from: number };

/** Compliance and CSAT: under 70 %, 70–80, 80–90, 90–95, 95 % or more (red for poor, teal for good). */
const qualityBounds = [70, 80, 90, 95];
const quality: Step[] = [
  { className: "q0", label: `under ${qualityBounds[0]} %`, from: -Infinity },
  ...qualityBounds.map((b, i) => ({ className: `q${i + 1}`, label: i === qualityBounds.length - 1 ? `${b} % or more` : `${b}–${qualityBounds[i + 1]} %`, from: b })),
];

/**
 * Requests filed: five steps on a logarithmic scale up to the busiest pair (a few pairs carry most
 * requests), fewer when the busiest pair has fewer than five requests.
 */
function volumeSteps(max: number): Step[] {
  const tops = [...new Set([1, 2, 3, 4, 5].map((i) => Math.max(1, Math.round(max ** (i / 5)))))];
  const classes = ["v0", "v1", "v2", "v3", "v4"];
  return tops.map((top, i) => {
    const from = i === 0 ? 1 : tops[i - 1]! + 1;
    const className = classes[tops.length === 1 ? 2 : Math.round((i * 4) / (tops.length - 1))]!;
    return { className, label: from === top ? `${top}` : `${from}–${top}`, from };
  });
}

/** Experience vs SLA (measureOf's 0, 1, 2): the flag, not a scale. */
const flags: Step[] = [
  { className: "x0", label: "Watermelon: SLAs met, satisfaction below goal", from: -Infinity },
  { className: "x1", label: "SLAs and satisfaction agree", from: 1 },
  { className: "x2", label: "Hidden gem: SLAs missed, satisfaction at goal", from: 2 },
];
const flagWord = ["Melon", "Agree", "Gem"];

export function stepsOf(measure: HeatMeasure, maxVolume: number): Step[] {
  return measure === "volume" ? volumeSteps(maxVolume) : measure === "experience" ? flags : quality;
}

/** The step a value falls in: the last one whose lower bound it reaches. */
export function stepFor(steps: Step[], value: number): Step {
  let found = steps[0]!;
  for (const s of steps) if (value >= s.from) found = s;
  return found;
}

/** What a cell shows: whole numbers, never rounding a breach up to 100 % or a success down to 0 %. */
export function cellNumber(measure: HeatMeasure, value: number): string {
  if (measure === "volume") return String(value);
  if (measure === "experience") return flagWord[value] ?? "";
  const whole = value >= 100 ? 100 : value <= 0 ? 0 : Math.min(99, Math.max(1, Math.round(value)));
  return `${whole}\u202f%`;
}
