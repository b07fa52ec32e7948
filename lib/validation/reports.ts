import { z } from "zod";
import { text } from "./text";

export const complianceGroupings = ["metric", "type", "priority", "agent"] as const;
export type ComplianceGrouping = (typeof complianceGroupings)[number];

export const groupingLabel: Record<ComplianceGrouping, string> = { metric: "Metric", type: "Request type", priority: "Priority", agent: "Agent" };

/** Last N days, ending now; "custom" takes the from/to dates of the form. */
export const periodPresets = ["7", "30", "90", "custom"] as const;
export type PeriodPreset = (typeof periodPresets)[number];

const dateMessage = "Enter a date as YYYY-MM-DD";

/**
 * One end of a report period: an instant (Date or ISO date-time) or a calendar day ("YYYY-MM-DD"),
 * which the use case reads in the department's time zone; a day as `to` includes that whole day.
 */
const periodBound = (which: "start" | "end") =>
  z.union([z.date({ error: dateMessage }), z.iso.datetime({ offset: true, error: dateMessage }), z.iso.date({ error: dateMessage })], {
    error: (issue) => (issue.input === undefined || issue.input === "" ? `Pick the ${which} of the period` : dateMessage),
  }).refine((v) => {
    // Years the database and the time-zone arithmetic surely handle: "0000-01-01" or a date-time
    // that is year 10000 in UTC would otherwise reach them and fail there instead of here.
    const year = (v instanceof Date ? v : new Date(v)).getUTCFullYear();
    return year >= 1970 && year <= 2999;
  }, "Enter a date between 1970 and 2999");

export const departmentKeySchema = text().trim().toUpperCase().min(1).max(20);

export const periodSchema = z.object({ from: periodBound("start"), to: periodBound("end") });
export type PeriodInput = z.input<typeof periodSchema>;

export const slaComplianceSchema = periodSchema.extend({ groupBy: z.enum(complianceGroupings, { error: "Choose how to group the report" }).default("metric") });
export type SlaComplianceInput = z.input<typeof slaComplianceSchema>;

export const pauseReferenceSchema = text().trim().min(1).max(30);

const blankAsUndefined = (v: unknown) => (v === "" || Array.isArray(v) ? undefined : v);

/** The report pages' GET form; anything unrecognised falls back to the default rather than failing. */
export const reportSearchSchema = z.object({
  period: z.preprocess(blankAsUndefined, z.enum(periodPresets).catch("30").default("30")),
  from: z.preprocess(blankAsUndefined, text().max(40).optional()).catch(undefined),
  to: z.preprocess(blankAsUndefined, text().max(40).optional()).catch(undefined),
  groupBy: z.preprocess(blankAsUndefined, z.enum(complianceGroupings).catch("metric").default("metric")),
});
export type ReportSearch = z.output<typeof reportSearchSchema>;
