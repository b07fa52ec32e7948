import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchCatalog, queryWords } from "@/lib/catalog/match-catalog";
import { catalogSearchSchema } from "@/lib/validation/search";

const catalogue = [
  { key: "IT", name: "IT", description: "Laptops, accounts and access", requestTypes: [{ name: "New laptop", description: null }, { name: "Password reset", description: "Locked out" }] },
  { key: "FAC", name: "Facilities", description: null, requestTypes: [{ name: "Parking permit", description: null }, { name: "Broken chair", description: "Furniture" }] },
  { key: "FIN", name: "Finance", description: "Money matters", requestTypes: [{ name: "Expense claim", description: "Reimburse a café bill" }] },
];

describe("narrowing the catalogue as you type", () => {
  it("shows everything for an empty or blank query", () => {
    expect(matchCatalog(catalogue, "")).toEqual(catalogue);
    expect(matchCatalog(catalogue, "   ")).toEqual(catalogue);
    expect(matchCatalog(catalogue, undefined)).toEqual(catalogue);
  });

  it("keeps a matching department whole and narrows the others to their matching types", () => {
    expect(matchCatalog(catalogue, "facil").map((d) => [d.key, d.requestTypes.length])).toEqual([["FAC", 2]]);
    const parking = matchCatalog(catalogue, "PARKING");
    expect(parking.map((d) => d.key)).toEqual(["FAC"]);
    expect(parking[0]!.requestTypes.map((t) => t.name)).toEqual(["Parking permit"]);
  });

  it("needs every word, which may name the department and the type", () => {
    expect(matchCatalog(catalogue, "facilities chair")[0]!.requestTypes.map((t) => t.name)).toEqual(["Broken chair"]);
    expect(matchCatalog(catalogue, "laptop chair")).toEqual([]);
  });

  it("ignores case and accents and searches descriptions", () => {
    expect(matchCatalog(catalogue, "CAFE")[0]!.requestTypes.map((t) => t.name)).toEqual(["Expense claim"]);
    expect(matchCatalog(catalogue, "locked")[0]!.requestTypes.map((t) => t.name)).toEqual(["Password reset"]);
  });

  it("never invents a department or a type, whatever is typed", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (q) => {
        const out = matchCatalog(catalogue, q);
        for (const d of out) {
          const source = catalogue.find((c) => c.key === d.key)!;
          expect(d.requestTypes.length).toBeGreaterThan(0);
          for (const t of d.requestTypes) expect(source.requestTypes).toContainEqual(t);
        }
        expect(queryWords(q).join(" ").length).toBeLessThanOrEqual(200);
      }),
    );
  });

  it("reads a repeated or odd q from the address as no search", () => {
    expect(catalogSearchSchema.parse({ q: ["a", "b"] })).toEqual({ q: undefined });
    expect(catalogSearchSchema.parse({ q: "x".repeat(2000) })).toEqual({ q: undefined });
    expect(catalogSearchSchema.parse({ q: "printer" })).toEqual({ q: "printer" });
  });
});
