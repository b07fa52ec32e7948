import { describe, expect, it } from "vitest";
import { fieldValuesSchema, parseFieldDefinitions } from "@/lib/validation/fields";
import { formatReference, parseReference } from "@/lib/requests/reference";

const fields = parseFieldDefinitions([
  { key: "model", label: "Model", kind: "select", options: ["13 inch", "15 inch"], required: true },
  { key: "count", label: "How many", kind: "number", integer: true, min: 1, max: 10 },
  { key: "needed", label: "Needed by", kind: "date" },
  { key: "extras", label: "Extras", kind: "multiselect", options: ["Dock", "Mouse"] },
  { key: "agree", label: "I agree", kind: "checkbox", required: true },
  { key: "note", label: "Note", kind: "textarea", maxLength: 10 },
]);
const schema = fieldValuesSchema(fields);

const messages = (input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe("request type fields", () => {
  it("accepts a well-filled form and coerces what a form posts", () => {
    expect(schema.parse({ model: "13 inch", count: "2", needed: "2026-12-01", extras: "Dock", agree: "on", note: "" })).toEqual({
      model: "13 inch",
      count: 2,
      needed: "2026-12-01",
      extras: ["Dock"],
      agree: true,
      note: undefined,
    });
  });

  it("says what is wrong with each field", () => {
    expect(messages({ model: "", count: "2.5", needed: "2026-02-30", extras: ["Laser"], agree: "", note: "x".repeat(11) })).toEqual({
      model: "Model is required",
      count: "How many must be a whole number",
      needed: "Needed by must be a real date",
      extras: "Choose from the options for Extras",
      agree: "I agree must be ticked",
      note: "Note is at most 10 characters",
    });
    expect(messages({ model: "17 inch", count: "11", agree: true })).toEqual({
      model: "Choose one of the options for Model",
      count: "How many must be at most 10",
    });
  });

  it("rejects malformed definitions", () => {
    expect(() => parseFieldDefinitions([{ key: "Bad Key", label: "x", kind: "text" }])).toThrow();
    expect(() => parseFieldDefinitions([{ key: "a", label: "x", kind: "text" }, { key: "a", label: "y", kind: "text" }])).toThrow(/unique/);
    expect(() => parseFieldDefinitions([{ key: "a", label: "x", kind: "select", options: [] }])).toThrow();
  });
});

describe("request references", () => {
  it("round-trips and rejects junk", () => {
    expect(parseReference(formatReference("FAC", 1042))).toEqual({ departmentKey: "FAC", number: 1042 });
    expect(parseReference("fac-7")).toEqual({ departmentKey: "FAC", number: 7 });
    for (const junk of ["", "FAC", "FAC-", "-12", "FAC-12; drop", "1FAC-2"]) expect(parseReference(junk)).toBeNull();
  });
});
