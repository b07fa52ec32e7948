import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { csvDocument, line } from "@/lib/csv/csv";
import { formatBusinessDuration } from "@/lib/experience/working-day";
import type { SlaBadge } from "@/lib/service-levels/sla-badges";
import { formatTime } from "@/lib/time/format-time";
import { queueColumnLabel, type QueueColumn } from "@/lib/validation/queue-views";
import { priorityLabel, shownStatusLabel, type QueueFilter } from "@/lib/validation/requests";
import { listQueue } from "./list-queue";
import { queueLayout } from "./queue-layout";

/** At most this many rows: an export is a view of a queue, not a dump of the department. */
export const QUEUE_EXPORT_LIMIT = 5_000;
const PAGE = 500;

type Row = Awaited<ReturnType<typeof listQueue>>["rows"][number];

function slaText(badge: SlaBadge | undefined): string {
  if (!badge) return "No SLA";
  if (badge.state === "paused") return "Paused";
  if (badge.minutesLeft === null) return badge.state === "breached" ? "Breached" : "Running";
  return `${formatBusinessDuration(badge.minutesLeft, badge.dayMinutes)} ${badge.minutesLeft < 0 ? "over" : "left"}`;
}

/**
 * The queue as the agent filters it now, as CSV: the rows of the queue's own query (listQueue: its
 * filters, its order and the request policy's scope), page by page, with the agent's columns in
 * their order after the reference and title. Times in the agent's zone, labelled.
 */
export async function exportQueueCsv(options: { actor: Actor; timeZone: string; departmentKey: string; filter: QueueFilter; now?: Date }) {
  const { actor } = options;
  const now = options.now ?? new Date();
  const rows: Row[] = [];
  let cursor: string | undefined;
  let first: Awaited<ReturnType<typeof listQueue>> | null = null;
  let truncated = false;
  do {
    const page = await listQueue({ actor, departmentKey: options.departmentKey, filter: { ...options.filter, cursor }, pageSize: PAGE, now });
    first ??= page;
    rows.push(...page.rows);
    cursor = page.nextCursor ?? undefined;
    if (rows.length >= QUEUE_EXPORT_LIMIT) {
      truncated = cursor !== undefined || rows.length > QUEUE_EXPORT_LIMIT;
      break;
    }
  } while (cursor);
  const { columns } = await queueLayout({ actor, departmentId: first.department.id });
  const when = (d: Date) => formatTime(d, { timeZone: options.timeZone });
  const value: Record<QueueColumn, (r: Row) => string> = {
    from: (r) => `${r.requester.name} (${r.requesterDepartment.name})`,
    status: (r) => shownStatusLabel(r),
    sla: (r) => slaText(r.sla),
    priority: (r) => priorityLabel[r.priority],
    assignee: (r) => r.assignee?.name ?? "",
    team: (r) => r.team?.name ?? "",
    type: (r) => r.type.name,
    filed: (r) => when(r.createdAt),
    updated: (r) => when(r.updatedAt),
  };
  const body = csvDocument([
    line(["Reference", "Title", ...columns.map((c) => queueColumnLabel[c])]),
    ...rows.slice(0, QUEUE_EXPORT_LIMIT).map((r) => line([r.reference, r.title, ...columns.map((c) => value[c](r))])),
  ]);
  return { body, department: first.department, rows: Math.min(rows.length, QUEUE_EXPORT_LIMIT), truncated };
}
