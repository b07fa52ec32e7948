import type { TypeExpectation } from "@/lib/experience/read-expectations";

/** What recent history says to expect from a request type, before filing; the target beside it. */
export function TypeExpectationText({ expectation, className = "" }: { expectation: TypeExpectation | undefined; className?: string }) {
  if (!expectation) return null;
  return (
    <span className={`block text-xs text-slate-600 ${className}`} data-testid="type-expectation">
      {expectation.history ?? "Too little recent history to say what to expect."}
      {expectation.target ? <> {expectation.target}.</> : null}
    </span>
  );
}
