import { defaultReasons, type Reason } from "@/lib/experience/reasons";
import type { TableData } from "@/lib/reports/dashboard-tables";
import { pendingLabel, withheldLabel } from "@/lib/satisfaction/satisfaction-value";
import type { ExperienceRow } from "./department-experience";
import { flagLabel } from "./watermelon";

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

/** One table for the page and its CSV: the same cells. A withheld or pending figure says so in every experience column. */
export function experienceTable(rows: readonly ExperienceRow[], reasons?: readonly Reason[]): TableData {
  return {
    title: "Service levels beside experience",
    columns: ["Period", "SLA compliance %", "SLA met", "SLA breached", "Goal %", "Share 4–5 %", "Ratings", "Goal", "Flag", "Time lost (hours)", "Answered time lost", "Complaints", "Followed up in time", "Feel heard", "Top reasons"],
    rows: rows.map((r) => {
      const sla = [r.sla.percent ?? "—", r.sla.met, r.sla.breached];
      const s = r.figure.satisfaction;
      const e = r.figure.experience;
      if (s.state !== "shown" || !e) {
        const why = s.state === "pending" ? pendingLabel(s) : withheldLabel;
        return [r.label, ...sla, why, why, why, why, flagLabel[r.flag], why, why, why, why, why, why];
      }
      return [r.label, ...sla, e.goalPercent, s.percent, s.ratings, e.goal === "met" ? "Met" : "Missed", flagLabel[r.flag], e.timeLostHours, e.timeLostAnswers, e.complaints, e.followedUpInTime, e.recovered, topReasons(e.reasonCounts, reasons)];
    }),
  };
}
