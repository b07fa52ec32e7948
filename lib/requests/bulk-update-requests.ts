import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { AppError, type AppErrorCode } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { bulkUpdateSchema, type BulkUpdateInput } from "@/lib/validation/requests";
import { updateRequest } from "./update-request";

export type BulkOutcome =
  | { requestId: string; outcome: "updated"; version: number }
  | { requestId: string; outcome: "unchanged"; version: number }
  | { requestId: string; outcome: "skipped"; code: AppErrorCode; reason: string };

const reasonOf: Partial<Record<AppErrorCode, string>> = {
  STALE_VERSION: "changed by someone else",
  NOT_FOUND: "not found",
  FORBIDDEN: "not allowed",
  CONFLICT: "closed",
};

/**
 * Bulk triage from the queue: the same change (assignee and/or status) applied to each selected
 * request through updateRequest, so each row gets exactly the rules of a single change: permission,
 * its own version check, events, notifications and the SLA clock refresh.
 *
 * One transaction per row, not one for all: rows are independent, and one request that someone
 * else changed meanwhile (or that this agent may not touch) must not undo the changes to the
 * others. Each row is still all-or-nothing, and the outcome of every row is reported.
 */
export async function bulkUpdateRequests(options: { actor: Actor; input: BulkUpdateInput }): Promise<{ outcomes: BulkOutcome[]; summary: string }> {
  const { actor } = options;
  const input = parseInput(bulkUpdateSchema, options.input);
  const change = {
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId } : {}),
  };
  const outcomes: BulkOutcome[] = [];
  // One after the other: each row locks only itself, and the order of events stays readable.
  for (const item of input.items) {
    try {
      const { version } = await updateRequest({ actor, input: { requestId: item.requestId, expectedVersion: item.expectedVersion, ...change } });
      outcomes.push({ requestId: item.requestId, outcome: version === item.expectedVersion ? "unchanged" : "updated", version });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes.push({ requestId: item.requestId, outcome: "skipped", code: error.code, reason: reasonOf[error.code] ?? error.userMessage });
    }
  }
  return { outcomes, summary: summarize(outcomes) };
}

/** "3 updated, 1 skipped: changed by someone else". */
export function summarize(outcomes: BulkOutcome[]): string {
  const count = (o: BulkOutcome["outcome"]) => outcomes.filter((x) => x.outcome === o).length;
  const parts = [`${count("updated")} updated`];
  if (count("unchanged")) parts.push(`${count("unchanged")} already so`);
  const skipped = outcomes.flatMap((o) => (o.outcome === "skipped" ? [o.reason] : []));
  if (skipped.length) {
    const reasons = [...new Set(skipped)].map((r) => (skipped.length > 1 && new Set(skipped).size > 1 ? `${skipped.filter((s) => s === r).length} ${r}` : r));
    parts.push(`${skipped.length} skipped: ${reasons.join("; ")}`);
  }
  return parts.join(", ");
}
