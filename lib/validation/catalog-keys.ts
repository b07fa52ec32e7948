// The suggested address of a request type and key of a field, with no zod: the catalogue editor's
// forms import these in the browser.
const plain = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss");

/** "New laptop (Mac)" → "new-laptop-mac": the suggested address of a request type. */
export function slugFromName(name: string): string {
  return plain(name)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

/** "Cost centre (if any)" → "costCentreIfAny": the suggested key of a field's value. */
export function keyFromLabel(label: string): string {
  const words = plain(label)
    .replace(/[^A-Za-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
  const key = words.map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())).join("");
  const start = key.replace(/^[^a-z]+/, "");
  return (start || (key ? `f${key}` : "")).slice(0, 40);
}
