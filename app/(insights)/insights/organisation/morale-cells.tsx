import type { MoraleMonth, MoraleRow } from "@/lib/reports/morale-indicators";
import type { DepartmentThemes } from "@/lib/satisfaction/department-comment-themes";
import { periodLabel } from "@/lib/satisfaction/figure-periods";
import { pendingLabel, withheldLabel } from "@/lib/satisfaction/satisfaction-value";
import { Card } from "../../../_components/ui";

// Both tables that show these cells style `td.n` (right-aligned figures) and `small` (the counts
// under a figure) once on the table: 50 departments' rows carry no class lists of their own.
const cell = "n";

/** Withheld workload looks like a withheld satisfaction figure: words, no number. */
const Withheld = () => <span className="text-slate-700" data-testid="workload-withheld">Too few agents</span>;

/** Open per agent, breach rate and after-hours share of a department (or a month of it), or "Too few agents" in each. */
export function WorkloadCells({ workload, agents }: { workload: MoraleRow["workload"] | MoraleMonth["workload"]; agents?: number }) {
  if (workload.state === "withheld") {
    return (
      <>
        <td className={cell}><Withheld />{agents === undefined ? null : <small>{`${agents} agents`}</small>}</td>
        <td className={cell}><Withheld /></td>
        <td className={cell}><Withheld /></td>
      </>
    );
  }
  const open = "openNow" in workload ? workload.openNow : workload.open;
  return (
    <>
      <td className={cell}>
        {workload.openPerAgent === null ? "—" : workload.openPerAgent}
        <small>{`${open} open${agents === undefined ? "" : ` · ${agents} agents`}`}</small>
      </td>
      <td className={cell}>
        {workload.breaches.breachPercent === null ? "—" : `${workload.breaches.breachPercent} %`}
        <small>{`${workload.breaches.breached} of ${workload.breaches.total} breached`}</small>
      </td>
      <td className={cell}>
        {workload.afterHours.percent === null ? "—" : `${workload.afterHours.percent} %`}
        <small>{`${workload.afterHours.afterHours} of ${workload.afterHours.replies} replies`}</small>
      </td>
    </>
  );
}

/** A department's comment themes for the period, as published when it closed. */
export function CommentThemes({ themes, period }: { themes: DepartmentThemes; period: string }) {
  return (
    <Card data-testid="themes">
      <h3 className="font-semibold text-slate-900">Comment themes: {periodLabel(period)}</h3>
      {themes.state === "withheld" ? (
        <p className="mt-1 text-sm text-slate-700">{withheldLabel}: themes are published only when enough different people commented.</p>
      ) : themes.state === "pending" ? (
        <p className="mt-1 text-sm text-slate-600">{pendingLabel(themes)}, once the period has ended.</p>
      ) : themes.themes.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">No word or phrase was used by {themes.minCommenters} or more different people.</p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-600">Words and phrases each used by at least {themes.minCommenters} different people, in alphabetical order.</p>
          <ul className="mt-2 flex flex-wrap gap-2 text-sm">
            {themes.themes.map((t) => (
              <li key={t} className="rounded-full bg-slate-100 px-3 py-1">{t}</li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
