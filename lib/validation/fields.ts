import { z } from "zod";

/**
 * Field definitions of a request type, as a department's catalogue declares them. The same
 * definitions render the form and build the zod schema that validates it on the client and server.
 */
const base = {
  /** Stable key of the value in Request.fieldValues: lower camel or snake case. */
  key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, "field keys are letters, digits and _ and start lowercase"),
  label: z.string().min(1).max(80),
  help: z.string().max(300).optional(),
  required: z.boolean().default(false),
};

export const fieldDefinitionSchema = z.discriminatedUnion("kind", [
  z.object({ ...base, kind: z.literal("text"), maxLength: z.number().int().min(1).max(500).default(200) }),
  z.object({ ...base, kind: z.literal("textarea"), maxLength: z.number().int().min(1).max(10_000).default(4000) }),
  z.object({ ...base, kind: z.literal("number"), min: z.number().optional(), max: z.number().optional(), integer: z.boolean().default(false) }),
  z.object({ ...base, kind: z.literal("date") }),
  z.object({ ...base, kind: z.literal("select"), options: z.array(z.string().min(1).max(80)).min(1).max(50) }),
  z.object({ ...base, kind: z.literal("multiselect"), options: z.array(z.string().min(1).max(80)).min(1).max(50) }),
  z.object({ ...base, kind: z.literal("checkbox") }),
]);

export type FieldDefinition = z.infer<typeof fieldDefinitionSchema>;
export type FieldDefinitionInput = z.input<typeof fieldDefinitionSchema>;
export type FieldValue = string | number | boolean | string[];

export const fieldDefinitionsSchema = z
  .array(fieldDefinitionSchema)
  .max(30)
  .refine((fields) => new Set(fields.map((f) => f.key)).size === fields.length, "field keys must be unique");

export function parseFieldDefinitions(raw: unknown): FieldDefinition[] {
  return fieldDefinitionsSchema.parse(raw);
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const blankAsUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** Blank input is "no value": an error for a required field, nothing stored for an optional one. */
function presence(field: FieldDefinition, inner: z.ZodType<FieldValue, any>) {
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
      return presence(field, z.string().trim().max(field.maxLength, `${field.label} is at most ${field.maxLength} characters`));
    case "number": {
      let n = z.coerce.number({ error: `${field.label} must be a number` }).refine(Number.isFinite, `${field.label} must be a number`);
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
          .regex(isoDate, `${field.label} must be a date (YYYY-MM-DD)`)
          .refine((v) => new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), `${field.label} must be a real date`),
      );
    case "select":
      return presence(field, z.enum(field.options as [string, ...string[]], { error: `Choose one of the options for ${field.label}` }));
    case "multiselect": {
      const arr = z
        .preprocess(
          (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
          z.array(z.enum(field.options as [string, ...string[]], { error: `Choose from the options for ${field.label}` })),
        )
        .transform((v) => [...new Set(v)]);
      return field.required ? arr.refine((v) => v.length > 0, `${field.label} is required`) : arr.transform((v) => (v.length ? v : undefined));
    }
    case "checkbox": {
      const b = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
      return field.required ? b.refine((v) => v, `${field.label} must be ticked`) : b;
    }
  }
}

/** The zod schema of one request type's field values, used by the form and by the server. */
export function fieldValuesSchema(fields: FieldDefinition[]) {
  return z.object(Object.fromEntries(fields.map((f) => [f.key, valueSchema(f)])));
}
