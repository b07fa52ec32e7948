/**
 * Narrowing the catalogue by what a person typed: pure, shared by the server (the no-JavaScript GET form)
 * and the browser (narrowing as you type), so both show the same departments and request types.
 * Every word must appear (case- and accent-insensitive) in the department's name, key or description, or in
 * the request type's name or description. A department that matches keeps all its types; otherwise it is
 * shown with the types that match, and left out when none does.
 */
export type CatalogEntry = {
  key: string;
  name: string;
  description: string | null;
  requestTypes: readonly { name: string; description?: string | null }[];
};

export const catalogQueryMax = 100;

const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase("en");

/** The words of a query, folded; a query longer than `catalogQueryMax` is cut there. */
export function queryWords(query: string | null | undefined): string[] {
  return fold((query ?? "").slice(0, catalogQueryMax)).split(/\s+/).filter(Boolean);
}

export function matchCatalog<D extends CatalogEntry>(departments: readonly D[], query: string | null | undefined): D[] {
  const words = queryWords(query);
  if (words.length === 0) return [...departments];
  const has = (...texts: (string | null | undefined)[]) => {
    const hay = fold(texts.filter(Boolean).join(" "));
    return words.every((w) => hay.includes(w));
  };
  const out: D[] = [];
  for (const d of departments) {
    if (has(d.name, d.key, d.description)) {
      out.push(d);
      continue;
    }
    // A word may name the department and another the type ("facilities desk").
    const types = d.requestTypes.filter((t) => has(d.name, d.key, t.name, t.description));
    if (types.length > 0) out.push({ ...d, requestTypes: types });
  }
  return out;
}
