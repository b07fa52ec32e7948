import type { Expectation } from "@/lib/sla/expectation";
import { cx } from "./ui";

const tones: Record<Expectation["tone"], string> = {
  "on-track": "text-slate-700",
  waiting: "text-amber-800",
  late: "text-red-700 font-medium",
  done: "text-slate-600",
};

/** What the requester may expect, in plain words (lib/sla/expectation.ts). */
export function SlaExpectationText({ expectation, className }: { expectation: Expectation | null; className?: string }) {
  if (!expectation) return null;
  return (
    <span className={cx(tones[expectation.tone], className)} data-testid="sla-expectation">
      {expectation.text}
    </span>
  );
}
