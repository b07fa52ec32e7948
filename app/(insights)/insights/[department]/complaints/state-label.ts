import type { ComplaintState } from "@/lib/complaints/list-complaints";

export const stateLabel: Record<ComplaintState, string> = {
  to_contact: "To contact",
  overdue: "Overdue: not contacted in time",
  contacted: "Contacted",
  closed: "Closed",
};
