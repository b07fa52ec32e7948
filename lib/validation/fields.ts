import { z } from "zod";
import type { FieldKind } from "./field-kinds";
import { text } from "./text";

/**
 * Field definitions of a request type, as a department's catalogue declares them. The same
 * definitions render the form and build the zod schema that validates it on the client and server.
 */
const base = {
  /** Stable key of the value in Request.fieldValues: lower camel or snake case. */
  key: text().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, "field keys are letters, digits and _ and start lowercase"),
  label: text().trim().min(1, "Give the field a label").max(80, "Keep the label under 80 characters"),
  help: text().max(300, "Keep the help text under 300 characters").optional(),
  required: z.boolean().default(false),
};

const options = z
  .array(text().trim().min(1, "An option cannot be empty").max(80, "Keep each option under 80 characters"))
  .min(1, "Give at least one option")
  .max(50, "At most 50 options");

export const fieldDefinitionSchema = z.discriminatedUnion("kind", [
  z.object({ ...base, kind: z.literal("text"), maxLength: z.number({ error: "Give a number of characters" }).int("Give a whole number").min(1, "At least 1").max(500, "At most 500").default(200) }),
  z.object({ ...base, kind: z.literal("textarea"), maxLength: z.number({ error: "Give a number of characters" }).int("Give a whole number").min(1, "At least 1").max(10_000, "At most 10,000").default(4000) }),
  z.object({ ...base, kind: z.literal("number"), min: z.number({ error: "Give a number" }).optional(), max: z.number({ error: "Give a number" }).optional(), integer: z.boolean().default(false) }),
  z.object({ ...base, kind: z.literal("date") }),
  z.object({ ...base, kind: z.literal("select"), options }),
  z.object({ ...base, kind: z.literal("multiselect"), options }),
  z.object({ ...base, kind: z.literal("checkbox") }),
  /** A co-worker, stored as the person's id; the server checks it names an active person. */
  z.object({ ...base, kind: z.literal("person") }),
  /** Attached files, stored as the ids of the request's attachments; checked like any attachment. */
  z.object({ ...base, kind: z.literal("file") }),
]);

export { fieldKinds, type FieldKind } from "./field-kinds";

export type FieldDefinition = z.infer<typeof fieldDefinitionSchema>;
export type FieldDefinitionInput = z.input<typeof fieldDefinitionSchema>;
export type FieldValue = string | number | boolean | string[];

/** A request type's field definitions, grouped by kind when a use case needs only some of them. */
export const fieldsOfKind = <K extends FieldKind>(fields: readonly FieldDefinition[], kind: K) =>
  fields.filter((f): f is Extract<FieldDefinition, { kind: K }> => f.kind === kind);

export const fieldDefinitionsSchema = z
  .array(fieldDefinitionSchema)
  .max(30, "A form has at most 30 fields")
  .refine((fields) => new Set(fields.map((f) => f.key)).size === fields.length, "field keys must be unique")
  .superRefine((fields, ctx) => {
    for (const [i, f] of fields.entries()) {
      if (f.kind === "number" && f.min !== undefined && f.max !== undefined && f.min > f.max) {
        ctx.addIssue({ code: "custom", path: [i, "max"], message: `${f.label}: the largest value must not be below the smallest` });
      }
      if ((f.kind === "select" || f.kind === "multiselect") && new Set(f.options).size !== f.options.length) {
        ctx.addIssue({ code: "custom", path: [i, "options"], message: `${f.label}: each option only once` });
      }
    }
  });

export function parseFieldDefinitions(raw: unknown): FieldDefinition[] {
  return fieldDefinitionsSchema.parse(raw);
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
/** "2027-02-30" and "0000-00-00" have the shape of a date but name none: the Date is invalid or rolls over. */
const isRealDate = (v: string) => {
  const date = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(v);
};
/** What is left once blank input is taken out: anything but undefined. */
type Given = NonNullable<unknown> | null;
const blankAsUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** Blank input is "no value": an error for a required field, nothing stored for an optional one. */
function presence(field: FieldDefinition, inner: z.ZodType<FieldValue, Given>) {
  const missing = `${field.label} is required`;
  return z.preprocess(
    blankAsUndefined,
    field.required ? z.unknown().refine((v) => v !== undefined, { message: missing, abort: true }).pipe(inner) : inner.optional(),
  );
}

function valueSchema(field: FieldDefinition): z.ZodType<FieldValue | undefined> {
  switch (field.kind) {
    case "text":
    case "textarea":
      return presence(field, text().trim().max(field.maxLength, `${field.label} is at most ${field.maxLength} characters`));
    case "number": {
      let n = z.coerce.number<Given>({ error: `${field.label} must be a number` }).refine(Number.isFinite, `${field.label} must be a number`);
      if (field.integer) n = n.refine(Number.isInteger, `${field.label} must be a whole number`);
      if (field.min !== undefined) n = n.refine((v) => v >= field.min!, `${field.label} must be at least ${field.min}`);
      if (field.max !== undefined) n = n.refine((v) => v <= field.max!, `${field.label} must be at most ${field.max}`);
      return presence(field, n);
    }
    case "date":
      return presence(
        field,
        z
          .string({ error: `${field.label} must be a date` })
          .regex(isoDate, { message: `${field.label} must be a date (YYYY-MM-DD)`, abort: true })
          .refine(isRealDate, `${field.label} must be a real date`),
      );
    case "select":
      return presence(field, z.enum(field.options as [string, ...string[]], { error: `Choose one of the options for ${field.label}` }));
    case "multiselect": {
      const arr = z
        .preprocess(
          (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? (v as unknown[]) : [v]),
          z.array(z.enum(field.options as [string, ...string[]], { error: `Choose from the options for ${field.label}` })),
        )
        .transform((v) => [...new Set(v)]);
      return field.required ? arr.refine((v) => v.length > 0, `${field.label} is required`) : arr.transform((v) => (v.length ? v : undefined));
    }
    case "checkbox": {
      const b = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
      return field.required ? b.refine((v) => v, `${field.label} must be ticked`) : b;
    }
    case "person":
      return presence(field, text({ error: `Choose a co-worker for ${field.label}` }).trim().min(1).max(40, `Choose a co-worker for ${field.label}`));
    case "file": {
      // The browser sends the chosen files' names, the server the stored attachments' ids.
      const arr = z.preprocess(
        (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? (v as unknown[]) : [v]),
        z.array(text({ error: `${field.label} must be files` }).min(1).max(300)).max(20, `Attach at most 20 files to ${field.label}`),
      );
      return field.required ? arr.refine((v) => v.length > 0, `Attach a file to ${field.label}`) : arr.transform((v) => (v.length ? v : undefined));
    }
  }
}

/** The zod schema of one request type's field values, used by the form and by the server. */
export function fieldValuesSchema(fields: FieldDefinition[]) {
  return z.object(Object.fromEntries(fields.map((f) => [f.key, valueSchema(f)])));
}
