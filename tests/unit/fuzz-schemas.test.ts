// The fuzz tier's first part: every input schema in lib/validation (what Server Actions, use cases
// and the API parse with) takes generated hostile input without throwing, and whatever it accepts
// can be stored: no NUL and no lone surrogate gets past it into the database.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldValuesSchema, parseFieldDefinitions } from "@/lib/validation/fields";
import { isStorableText } from "@/lib/validation/text";
import { hostileInput, keysOf, stringsIn } from "../support/hostile";

const modules = import.meta.glob<Record<string, unknown>>("../../lib/validation/*.ts", { eager: true });

// Shapes of the API's answers, not of anything it reads.
const responseSchemas = new Set(["requestSummarySchema", "requestListSchema", "commentViewSchema", "eventViewSchema", "requestDetailSchema", "requestEnvelopeSchema", "commentCreatedSchema", "requestTypesSchema", "errorSchema", "articleListSchema", "articleEnvelopeSchema"]);

const inputSchemas = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter(([name, value]) => value instanceof z.ZodType && !responseSchemas.has(name))
    .map(([name, schema]) => ({ name: `${file.replace(/^.*\//, "")} ${name}`, schema: schema as z.ZodType })),
);

const everyKind = fieldValuesSchema(
  parseFieldDefinitions([
    { key: "line", label: "Line", kind: "text", required: true },
    { key: "notes", label: "Notes", kind: "textarea" },
    { key: "count", label: "Count", kind: "number", integer: true, min: 1, max: 10 },
    { key: "needed", label: "Needed by", kind: "date", required: true },
    { key: "model", label: "Model", kind: "select", options: ["A", "B"] },
    { key: "extras", label: "Extras", kind: "multiselect", options: ["A", "B"] },
    { key: "agree", label: "Agree", kind: "checkbox" },
    { key: "who", label: "Who", kind: "person" },
    { key: "files", label: "Files", kind: "file" },
  ]),
);

// Request field values are validated per request type by fieldValuesSchema (below) before storing.
const validatedLater = (path: string) => path.startsWith(".fieldValues");

describe("every input schema against hostile input", () => {
  it.each([...inputSchemas, { name: "fields.ts fieldValuesSchema (every kind)", schema: everyKind }])("$name", ({ schema }) => {
    expect(inputSchemas.length).toBeGreaterThan(40);
    fc.assert(
      fc.property(hostileInput(keysOf(schema)), (input) => {
        const result = schema.safeParse(input);
        if (!result.success) return;
        for (const [path, value] of stringsIn(result.data)) {
          if (!validatedLater(path)) expect(isStorableText(value), `${path} let through ${JSON.stringify(value)}`).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("the text every schema starts from", () => {
  const schema = everyKind;
  const ok = { line: "x", needed: "2026-12-01" };

  it("refuses NUL and lone surrogates with a message beside the field", () => {
    for (const bad of ["a\u0000b", "\uD800", "x\uDC00y", "\uDBFF"]) {
      const r = schema.safeParse({ ...ok, line: bad });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]).toMatchObject({ path: ["line"], message: expect.stringContaining("cannot be saved") });
    }
    expect(schema.safeParse({ ...ok, line: "emoji 😀 and accents é" }).success).toBe(true);
  });

  it("says an invalid date is not a date instead of throwing", () => {
    for (const bad of ["today", "2027-13-01", "0000-00-00", "2027-02-30", "2026-11-05T10:00:00Z", "+275760-09-14"]) {
      const r = schema.safeParse({ ...ok, needed: bad });
      expect(r.success).toBe(false);
      expect(r.error?.issues).toEqual([expect.objectContaining({ path: ["needed"], message: expect.stringMatching(/^Needed by must be a (real )?date/) })]);
    }
  });
});
