import { z } from "zod";
import { text } from "./text";
import { periodKeySchema } from "@/lib/satisfaction/figure-periods";

export const heatMeasures = ["volume", "compliance", "csat"] as const;
export type HeatMeasure = (typeof heatMeasures)[number];
export const heatMeasureLabel: Record<HeatMeasure, string> = { volume: "Requests filed", compliance: "Resolution SLA compliance", csat: "Satisfaction (CSAT)" };

/** A period of HR's organisation view: a UTC month, quarter or year (never a free range: ratings are shown in it). */
export const organisationPeriodSchema = z.object({ period: periodKeySchema });

const blankAsUndefined = (v: unknown) => (v === "" || Array.isArray(v) ? undefined : v);

/** The organisation page's GET form. The period is checked by the use cases (a bad one is said beside the form). */
export const organisationSearchSchema = z.object({
  period: z.preprocess(blankAsUndefined, text().max(20).optional()).catch(undefined),
  measure: z.preprocess(blankAsUndefined, z.enum(heatMeasures).catch("volume").default("volume")),
  department: z.preprocess(blankAsUndefined, text().max(20).optional()).catch(undefined),
});
export type OrganisationSearch = z.output<typeof organisationSearchSchema>;
