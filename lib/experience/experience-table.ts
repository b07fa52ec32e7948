import { defaultReasons, type Reason } from "@/lib/experience/reasons";
import type { Cell, TableData } from "@/lib/reports/dashboard-tables";
import { periodLabel } from "@/lib/satisfaction/figure-periods";
import { pendingLabel, unpublishedLabel, withheldLabel } from "@/lib/satisfaction/satisfaction-value";
import type { ExperienceRow } from "./department-experience";
import type { OrganisationExperience } from "./organisation-experience";
import type { ExperienceFigure } from "./read-experience";
import { flagLabel, type ExperienceFlag } from "./watermelon";

/** Top reasons of a figure, "Had to chase (4), Slow (2)": labels from the department's list, else the key. */
export function topReasons(counts: Record<string, number>, reasons: readonly Reason[] = defaultReasons, take = 3): string {
  const label = new Map([...defaultReasons, ...reasons].map((r) => [r.key, r.label]));
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, take)
    .map(([key, n]) => `${label.get(key) ?? key.replaceAll("_", " ")} (${n})`)
    .join(", ");
}

const experienceColumns = ["SLA compliance %", "SLA met", "SLA breached", "Goal %", "Share 4–5 %", "Ratings", "Goal", "Flag", "Time lost (hours)", "Answered time lost", "Complaints", "Followed up in time", "Feel heard", "Top reasons"];

/** SLA beside experience: a withheld or pending figure says so in every experience column. */
function experienceCells(sla: { percent: number | null; met: number; breached: number }, figure: ExperienceFigure, flag: ExperienceFlag, reasons?: readonly Reason[]): Cell[] {
  const slaCells = [sla.percent ?? "—", sla.met, sla.breached];
  const s = figure.satisfaction;
  const e = figure.experience;
  if (s.state !== "shown" || !e) {
    const why = s.state === "pending" ? pendingLabel(s) : withheldLabel;
    return [...slaCells, why, why, why, why, flagLabel[flag], why, why, why, why, why, why];
  }
  return [...slaCells, e.goalPercent, s.percent, s.ratings, e.goal === "met" ? "Met" : "Missed", flagLabel[flag], e.timeLostHours, e.timeLostAnswers, e.complaints, e.followedUpInTime, e.recovered, topReasons(e.reasonCounts, reasons)];
}

/** One table for the page and its CSV: the same cells. */
export function experienceTable(rows: readonly ExperienceRow[], reasons?: readonly Reason[]): TableData {
  return {
    title: "Service levels beside experience",
    columns: ["Period", ...experienceColumns],
    rows: rows.map((r) => [r.label, ...experienceCells(r.sla, r.figure, r.flag, reasons)]),
  };
}

/** HR's experience per providing department, the whole organisation as the footer. */
export function organisationProviderTable(result: Pick<OrganisationExperience, "providers" | "whole">): TableData {
  return {
    title: "Departments: service levels beside experience",
    columns: ["Department", ...experienceColumns],
    rows: result.providers.map((r) => [r.provider.name, ...experienceCells(r.sla, r.figure, r.flag, r.reasons)]),
    footer: ["Whole organisation", ...experienceCells(result.whole.sla, result.whole.figure, result.whole.flag)],
  };
}

/** HR's experience per department pair: how each requesting department experienced each provider. */
export function organisationPairTable(result: Pick<OrganisationExperience, "pairs">): TableData {
  return {
    title: "Department pairs: service levels beside experience",
    columns: ["Provider", "Requester", ...experienceColumns],
    rows: result.pairs.map((r) => [r.provider.name, r.requester?.name ?? "", ...experienceCells(r.sla, r.figure, r.flag, r.reasons)]),
  };
}

/** Hours lost month by month: a cell is the published hours, or why there is none. */
export function hoursLostTable(result: Pick<OrganisationExperience, "trend">): TableData {
  const cell = (v: ExperienceFigure): Cell => (v.experience ? v.experience.timeLostHours : v.satisfaction.state === "pending" ? unpublishedLabel : withheldLabel);
  return {
    title: "Hours lost month by month",
    columns: ["Department", ...result.trend.months.map(periodLabel)],
    rows: result.trend.rows.map((r) => [r.department?.name ?? "Whole organisation", ...r.values.map(cell)]),
  };
}

type TimeLostByType = { periods: readonly string[]; rows: readonly { provider: { name: string }; type: { name: string }; values: readonly ExperienceFigure[] }[] };

const hoursCell = (v: ExperienceFigure): Cell => (v.experience ? v.experience.timeLostHours : v.satisfaction.state === "pending" ? pendingLabel(v.satisfaction) : withheldLabel);

/** A department's hours lost per request type, month by month and for the period (the trend): published values or why there is none. */
export function departmentTypeTable(result: TimeLostByType): TableData {
  const whole = result.periods.at(-1)!;
  return {
    title: "Hours lost per request type",
    columns: ["Request type", ...result.periods.map((p) => `${periodLabel(p)} (hours)`), `Answered time lost, ${periodLabel(whole)}`, `Ratings, ${periodLabel(whole)}`],
    rows: result.rows.map((r) => {
      const v = r.values.at(-1)!;
      const s = v.satisfaction;
      const counts: Cell[] = s.state === "shown" && v.experience ? [v.experience.timeLostAnswers, s.ratings] : [hoursCell(v), hoursCell(v)];
      return [r.type.name, ...r.values.map(hoursCell), ...counts];
    }),
  };
}

/** HR's hours lost per request type of each department served, for the period. */
export function organisationTypeTable(result: TimeLostByType): TableData {
  return {
    title: "Hours lost per request type",
    columns: ["Department", "Request type", "Time lost (hours)", "Answered time lost", "Ratings", "Share 4–5 %"],
    rows: result.rows.map((r) => {
      const v = r.values[0]!;
      const s = v.satisfaction;
      if (s.state !== "shown" || !v.experience) return [r.provider.name, r.type.name, hoursCell(v), hoursCell(v), hoursCell(v), hoursCell(v)];
      return [r.provider.name, r.type.name, v.experience.timeLostHours, v.experience.timeLostAnswers, s.ratings, s.percent];
    }),
  };
}
