import type { QueueFilter, QueueView } from "@/lib/validation/requests";

/**
 * The queue's saved views: named presets of filters and order, kept in the URL (`?view=mine`). A view
 * only fills in what the link does not say, so a filter chosen on top of a view still applies.
 */
export const savedViews: { view: QueueView; label: string; preset: Record<string, string> }[] = [
  { view: "mine", label: "Mine", preset: { status: "ACTIVE", assignee: "me" } },
  { view: "unassigned", label: "Unassigned", preset: { status: "ACTIVE", assignee: "none" } },
  { view: "breaching", label: "Breaching soon", preset: { status: "ACTIVE", sort: "due" } },
  { view: "waiting", label: "Waiting on requester", preset: { status: "WAITING_ON_REQUESTER" } },
  { view: "open", label: "All open", preset: { status: "ACTIVE" } },
  { view: "all", label: "All", preset: { status: "ALL" } },
];

/**
 * The filter a link asks for: its view's preset (a built-in view's, or `saved`, the filters of the
 * saved view it names) under whatever the link sets explicitly.
 */
export function applyView(filter: QueueFilter, saved?: Record<string, string>): QueueFilter {
  const preset = saved ?? savedViews.find((v) => v.view === filter.view)?.preset ?? {};
  const explicit = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== ""));
  return { ...preset, ...explicit };
}

const presetKeys = ["status", "assignee", "sort", "priority", "type", "team", "from", "sla", "q"] as const;

/** The saved view a filter amounts to, if any: the tab to show as current. */
export function currentView(filter: Record<string, unknown>): QueueView | null {
  const normal = (key: string, value: unknown) =>
    value === undefined || value === "" || (key === "assignee" && value === "any") ? (key === "status" ? "ACTIVE" : key === "sort" ? "newest" : "") : String(value);
  const match = savedViews.find((v) => presetKeys.every((k) => normal(k, v.preset[k]) === normal(k, filter[k])));
  return match?.view ?? null;
}
