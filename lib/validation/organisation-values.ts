// The heat map's measures and their labels, with no zod: client components import these, and the schemas beside them are built on them.

export const heatMeasures = ["csat", "experience", "firstResponse", "resolution", "volume"] as const;
export type HeatMeasure = (typeof heatMeasures)[number];
export const heatMeasureLabel: Record<HeatMeasure, string> = {
  csat: "Satisfaction (CSAT)",
  experience: "Experience vs SLA",
  firstResponse: "First-response SLA",
  resolution: "Resolution SLA",
  volume: "Requests filed",
};
