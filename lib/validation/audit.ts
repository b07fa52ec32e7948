import { z } from "zod";

/** The kinds of change the audit log can be narrowed to; each is one action or a family of them. */
export const auditActionGroups = {
  department: { label: "Departments", prefix: "department." },
  person: { label: "People and roles", prefix: "person." },
  directory: { label: "Directory imports", prefix: "directory." },
  team: { label: "Teams", prefix: "team." },
  catalog: { label: "Catalogue", prefix: "catalog." },
  sla: { label: "Service levels", prefix: "sla." },
  canned: { label: "Canned responses", prefix: "canned_response." },
  email: { label: "Email addresses", prefix: "inbound_address." },
  knowledge: { label: "Knowledge", prefix: "knowledge." },
  token: { label: "API tokens", prefix: "api_token." },
  anonymity: { label: "Anonymity thresholds", prefix: "anonymity." },
} as const;
export type AuditActionGroup = keyof typeof auditActionGroups;

const blankAsUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-12-01")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "This is not a date");
const ref = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Choose one from the list");

/**
 * The audit log's filters, from the page's GET form and the CSV link: who, what kind of change, which
 * department, from and to (days in the reader's zone, both included), and `before` (the id the
 * previous page ended at: keyset paging, newest first).
 */
export const auditFiltersSchema = z
  .object({
    person: z.preprocess(blankAsUndefined, z.union([ref, z.literal("system")]).optional()),
    action: z.preprocess(blankAsUndefined, z.enum(Object.keys(auditActionGroups) as [AuditActionGroup, ...AuditActionGroup[]], { error: "Choose a kind of change from the list" }).optional()),
    department: z.preprocess(blankAsUndefined, ref.optional()),
    from: z.preprocess(blankAsUndefined, day.optional()),
    to: z.preprocess(blankAsUndefined, day.optional()),
    before: z.preprocess(blankAsUndefined, z.string().regex(/^[1-9]\d{0,18}$/, "This page link is not valid").optional()),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "The end date comes before the start date" });
export type AuditFiltersInput = z.input<typeof auditFiltersSchema>;
export type AuditFilters = z.output<typeof auditFiltersSchema>;
