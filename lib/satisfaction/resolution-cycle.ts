import type { Tx } from "@/lib/db/create-client";

type Events = Pick<Tx, "requestEvent">;

/** How long after its resolution a request that was then closed may still be rated. */
export const ratingWindowDays = 28;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The resolution cycle a request is in: how many times it was resolved, read from the event log
 * (status_changed events to RESOLVED), so a reopened and re-resolved request is in a new cycle and
 * nothing besides the log has to be kept in step. 0: never resolved.
 */
export async function resolutionCycle(tx: Events, requestId: string): Promise<number> {
  return tx.requestEvent.count({ where: { requestId, type: "status_changed", to: { path: ["status"], equals: "RESOLVED" } } });
}

/** resolutionCycle for a change that holds the request's events, those it writes included. */
export function resolutionCycleOf(events: readonly { type: string; to: unknown }[]): number {
  return events.filter((e) => e.type === "status_changed" && (e.to as { status?: unknown } | null)?.status === "RESOLVED").length;
}

/**
 * Whether the current resolution can be rated: the request is resolved, or was closed from resolved
 * (resolvedAt is kept on closing and cleared on reopening) no more than the window ago.
 */
export function inRatingWindow(request: { status: string; resolvedAt: Date | null }, now = new Date()): boolean {
  if (request.status === "RESOLVED") return true;
  if (request.status !== "CLOSED" || !request.resolvedAt) return false;
  return now.getTime() < request.resolvedAt.getTime() + ratingWindowDays * DAY_MS;
}
