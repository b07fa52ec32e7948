import { z } from "zod";
import { text } from "./text";
import { periodKeySchema } from "@/lib/satisfaction/figure-periods";
import { heatMeasures } from "./organisation-values";
export { heatMeasures, heatMeasureLabel, type HeatMeasure } from "./organisation-values";

/** A period of HR's organisation view: a UTC month, quarter or year (never a free range: ratings are shown in it). */
export const organisationPeriodSchema = z.object({ period: periodKeySchema });

const blankAsUndefined = (v: unknown) => (v === "" || Array.isArray(v) ? undefined : v);
// Links from before first-response compliance had its own measure said "compliance" for resolution.
const measureAlias = (v: unknown) => (v === "compliance" ? "resolution" : blankAsUndefined(v));

/** The organisation page's GET form. The period is checked by the use cases (a bad one is said beside the form). */
export const organisationSearchSchema = z.object({
  period: z.preprocess(blankAsUndefined, text().max(20).optional()).catch(undefined),
  measure: z.preprocess(measureAlias, z.enum(heatMeasures).catch("volume").default("volume")),
  department: z.preprocess(blankAsUndefined, text().max(20).optional()).catch(undefined),
});
export type OrganisationSearch = z.output<typeof organisationSearchSchema>;
