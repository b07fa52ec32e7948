// The values a request's status and priority take and how they read, with no zod: client components
// import these, and the schemas in ./requests.ts are built on them.
export const statuses = ["NEW", "OPEN", "WAITING_ON_REQUESTER", "RESOLVED", "CLOSED"] as const;
export const priorities = ["LOW", "NORMAL", "HIGH", "URGENT"] as const;
export type Status = (typeof statuses)[number];
export type PriorityLevel = (typeof priorities)[number];

export const statusLabel: Record<Status, string> = {
  NEW: "New",
  OPEN: "Open",
  WAITING_ON_REQUESTER: "Waiting on requester",
  RESOLVED: "Resolved",
  CLOSED: "Closed",
};
export type ApprovalStateValue = "PENDING" | "APPROVED" | "REJECTED";
/**
 * How a request's status reads wherever it is shown: while its approval steps are not all approved
 * it is "Awaiting approval", not "New" (its stored status stays NEW, so the status filter still finds it there).
 */
export function shownStatusLabel(request: { status: Status; approvalState?: ApprovalStateValue | null }): string {
  return request.approvalState === "PENDING" ? "Awaiting approval" : statusLabel[request.status];
}
export const priorityLabel: Record<PriorityLevel, string> = { LOW: "Low", NORMAL: "Normal", HIGH: "High", URGENT: "Urgent" };
