import { describe, expect, it } from "vitest";
import { keyFromLabel, slugFromName } from "@/lib/validation/catalog-settings";
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

describe("person and file fields", () => {
  const schema = fieldValuesSchema(
    parseFieldDefinitions([
      { key: "manager", label: "Manager", kind: "person", required: true },
      { key: "deputy", label: "Deputy", kind: "person" },
      { key: "quote", label: "Quote", kind: "file", required: true },
      { key: "photos", label: "Photos", kind: "file" },
    ]),
  );
  const messages = (input: unknown) => {
    const r = schema.safeParse(input);
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
  };

  it("keeps a chosen person's id and a file field's names or ids as a list", () => {
    expect(schema.parse({ manager: " cm1abc ", deputy: "", quote: "quote.pdf", photos: [] })).toEqual({ manager: "cm1abc", deputy: undefined, quote: ["quote.pdf"], photos: undefined });
    expect(schema.parse({ manager: "cm1abc", quote: ["a1", "a2"], photos: ["p1"] })).toMatchObject({ quote: ["a1", "a2"], photos: ["p1"] });
  });

  it("says what is missing or malformed", () => {
    expect(messages({ manager: "", quote: [] })).toEqual({ manager: "Manager is required", quote: "Attach a file to Quote" });
    expect(messages({ manager: { id: "x" }, quote: [3], photos: Array.from({ length: 21 }, (_, i) => `p${i}`) })).toEqual({
      manager: "Choose a co-worker for Manager",
      quote: "Quote must be files",
      photos: "Attach at most 20 files to Photos",
    });
  });

  it("accepts the new kinds as definitions and refuses impossible settings", () => {
    expect(parseFieldDefinitions([{ key: "who", label: "Who", kind: "person" }, { key: "doc", label: "Doc", kind: "file", required: true }])).toEqual([
      { key: "who", label: "Who", kind: "person", required: false },
      { key: "doc", label: "Doc", kind: "file", required: true },
    ]);
    expect(() => parseFieldDefinitions([{ key: "n", label: "N", kind: "number", min: 5, max: 1 }])).toThrow(/largest value/);
    expect(() => parseFieldDefinitions([{ key: "s", label: "S", kind: "select", options: ["A", "A"] }])).toThrow(/each option only once/);
  });
});

describe("catalogue editor suggestions", () => {
  it("derives a field key from its label and a type's address from its name", () => {
    expect(keyFromLabel("Cost centre (if any)")).toBe("costCentreIfAny");
    expect(keyFromLabel("Größe des Büros")).toBe("grosseDesBuros");
    expect(keyFromLabel("2nd approver")).toBe("ndApprover");
    expect(keyFromLabel("!!!")).toBe("");
    expect(slugFromName("New laptop (Mac) — urgent")).toBe("new-laptop-mac-urgent");
    expect(slugFromName("Café ß")).toBe("cafe-ss");
    for (const label of ["Cost centre (if any)", "Größe des Büros", "2nd approver", "x".repeat(90)]) {
      expect(parseFieldDefinitions([{ key: keyFromLabel(label), label: label.slice(0, 80), kind: "text" }])).toHaveLength(1);
    }
  });
});

describe("request references", () => {
  it("round-trips and rejects junk", () => {
    expect(parseReference(formatReference("FAC", 1042))).toEqual({ departmentKey: "FAC", number: 1042 });
    expect(parseReference("fac-7")).toEqual({ departmentKey: "FAC", number: 7 });
    for (const junk of ["", "FAC", "FAC-", "-12", "FAC-12; drop", "1FAC-2"]) expect(parseReference(junk)).toBeNull();
  });
});
