import type { SlaBadge } from "@/lib/service-levels/sla-badges";
import { formatBusinessDuration } from "@/lib/experience/working-day";

const metricLabel = { FIRST_RESPONSE: "First response", RESOLUTION: "Resolution", NEXT_REPLY: "Next reply" } as const;


/** Time left in the calendar's business days and hours, coloured by state: green, amber past 75 %, red when breached, grey when paused. */
/** `dueLabel`: the due time as the reader reads it (formatTime), for the tooltip. */
export function SlaBadgeView({ badge, showMetric = false, dueLabel }: { badge: Omit<SlaBadge, "dueAt"> | undefined; showMetric?: boolean; dueLabel: string | null }) {
  if (!badge) return <span className="text-xs text-slate-500">No SLA</span>;
  const label =
    badge.state === "paused"
      ? "Paused"
      : badge.minutesLeft === null
        ? badge.state === "breached"
          ? "Breached"
          : "Running"
        : badge.minutesLeft < 0
          ? `${formatBusinessDuration(badge.minutesLeft, badge.dayMinutes)} over`
          : `${formatBusinessDuration(badge.minutesLeft, badge.dayMinutes)} left`;
  const tone =
    badge.state === "breached"
      ? "bg-red-100 text-red-800 ring-red-200"
      : badge.state === "paused"
        ? "bg-slate-100 text-slate-700 ring-slate-200"
        : badge.used >= 0.75
          ? "bg-amber-100 text-amber-900 ring-amber-200"
          : "bg-emerald-50 text-emerald-800 ring-emerald-200";
  return (
    <span
      className={`sla ${tone}`}
      title={`${metricLabel[badge.metric]} ${dueLabel ? `due ${dueLabel}` : ""} (business hours)`}
      data-testid="sla-badge"
    >
      {showMetric ? <span className="font-normal">{metricLabel[badge.metric]}:</span> : null}
      {label}
    </span>
  );
}
