import { expectationLine, type TypeExpectation } from "@/lib/experience/expectation-text";

/** What recent history says to expect from a request type, before filing; the target beside it. */
export function TypeExpectationText({ expectation, className = "" }: { expectation: TypeExpectation | undefined; className?: string }) {
  if (!expectation) return null;
  return (
    <span className={`block text-xs text-slate-600 ${className}`} data-testid="type-expectation">
      {expectationLine(expectation)}
    </span>
  );
}
