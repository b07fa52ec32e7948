// How a complaint's follow-up ends, and how that reads, with no zod: client components import these, and the schemas beside them are built on them.

export const complaintOutcomes = ["resolved", "explained", "not_resolvable"] as const;
export type ComplaintOutcome = (typeof complaintOutcomes)[number];
export const outcomeLabel: Record<ComplaintOutcome, string> = {
  resolved: "Resolved with the person",
  explained: "Explained",
  not_resolvable: "Not resolvable",
};
