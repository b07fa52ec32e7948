import type { CsatReport } from "@/lib/reports/csat";
import { Card } from "../../../../_components/ui";

/** CSAT as lib/reports/csat.ts decided it may be shown: a figure with its counts, or neither. */
export function CsatCard({ report }: { report: CsatReport }) {
  const { csat } = report;
  return (
    <Card className="mb-8" data-testid="csat">
      <h2 className="text-lg font-semibold text-slate-900">Satisfaction (CSAT)</h2>
      <p className="mb-3 text-sm text-slate-600">Ratings of 4 or 5 out of all ratings given in the period to resolutions by {report.department.name}.</p>
      {csat.shown ? (
        <p className="text-sm">
          <span className="text-3xl font-semibold tabular-nums text-slate-900">{csat.percent} %</span>
          <span className="ml-3 text-slate-600">
            {csat.satisfied.toLocaleString("en-GB")} of {csat.ratings.toLocaleString("en-GB")} ratings were 4 or 5
          </span>
        </p>
      ) : (
        <div data-testid="csat-suppressed">
          <p className="text-lg font-semibold text-slate-900">Not enough responses</p>
          <p className="mt-1 text-sm text-slate-600">
            A figure is shown only when at least {csat.minRaters} different people rated in the period, so no one&apos;s rating can be singled out.
          </p>
        </div>
      )}
    </Card>
  );
}
