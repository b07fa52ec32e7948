import type { AnonymityThresholds } from "@/lib/validation/anonymity";

/**
 * "About these figures": what the anonymity rules promise and what they do not, in plain words, on
 * every page that shows figures about people (README: Anonymity). HR sees themes and workload too.
 */
export function AboutFigures({ thresholds, audience }: { thresholds: AnonymityThresholds; audience: "hr" | "head" }) {
  return (
    <details className="mb-6 rounded-lg bg-white p-4 text-sm text-slate-700 shadow-sm ring-1 ring-slate-200" data-testid="about-figures">
      <summary className="cursor-pointer font-semibold text-slate-900">About these figures</summary>
      <div className="mt-2 grid gap-3 sm:grid-cols-2">
        <div>
          <h3 className="font-semibold text-slate-900">What they guarantee</h3>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            <li>A satisfaction figure comes from at least {thresholds.minRaters} different people. &ldquo;Not enough responses&rdquo; means fewer, or nobody: the two look the same.</li>
            <li>Satisfaction is published once per month, the day after the month ends (a quarter and a year with their last month), and never changes afterwards. The month in progress shows no satisfaction numbers.</li>
            {audience === "hr" ? (
              <>
                <li>A comment theme is a word or phrase used by at least {thresholds.minComments} different people; no comment is ever shown. Themes are published with their period and never change.</li>
                <li>Workload figures (open requests per agent, breach rate, after-hours work) are shown only for departments with at least {thresholds.minAgents} agents.</li>
              </>
            ) : null}
            <li>Nobody, HR included, sees who gave which rating.</li>
          </ul>
        </div>
        <div>
          <h3 className="font-semibold text-slate-900">What they do not</h3>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            <li>When everyone behind a figure rated 4 or 5{audience === "hr" ? ", or everyone who commented used a theme" : ""}, the figure tells that each of them did, as in any survey tool.</li>
            <li>If you know who filed requests to a department, you can still reason about small groups of them.</li>
          </ul>
        </div>
      </div>
    </details>
  );
}
