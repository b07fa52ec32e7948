import { z } from "zod";
import { text } from "@/lib/validation/text";
import { defaultReasons, type Reason } from "./reason-bands";

export { bandOf, defaultReasons, type Reason, type ReasonBand } from "./reason-bands";

const reasonSchema = z.object({
  key: z.string().regex(/^[a-z0-9_]{1,40}$/),
  label: text().trim().min(1, "Give every reason a name").max(60, "Keep a reason under 60 characters"),
  band: z.enum(["positive", "negative"]),
});
export const reasonListSchema = z
  .array(reasonSchema)
  .max(20, "At most 20 reasons")
  .refine((list) => new Set(list.map((r) => r.key)).size === list.length, { message: "Two reasons have the same name" });

/** The department's reasons: its own list if it has a valid one, the default set otherwise. */
export function reasonsOf(stored: unknown): readonly Reason[] {
  if (stored == null) return defaultReasons;
  const parsed = reasonListSchema.safeParse(stored);
  return parsed.success ? parsed.data : defaultReasons;
}

/** A key for a new reason's label: stable, lower case, never reusing a key already taken. */
export function reasonKeyFor(label: string, taken: ReadonlySet<string>): string {
  const base = label.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "").slice(0, 34) || "reason";
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}_${i}`;
  return key;
}

/**
 * Parses the editor's text: one reason per line, per band. Existing labels keep their keys (also
 * when a line is only re-cased or moved); new lines get new keys; a default's key is kept when its
 * label comes back.
 */
export function reasonsFromLines(options: { positive: string; negative: string; current: readonly Reason[] }): Reason[] {
  const byLabel = new Map([...defaultReasons, ...options.current].map((r) => [`${r.band}|${r.label.trim().toLowerCase()}`, r.key]));
  const taken = new Set([...defaultReasons, ...options.current].map((r) => r.key));
  const out: Reason[] = [];
  for (const band of ["positive", "negative"] as const) {
    for (const line of options[band].split(/\r?\n/)) {
      const label = line.trim();
      if (!label) continue;
      const known = byLabel.get(`${band}|${label.toLowerCase()}`);
      const key = known && !out.some((r) => r.key === known) ? known : reasonKeyFor(label, new Set([...taken, ...out.map((r) => r.key)]));
      out.push({ key, label, band });
    }
  }
  return out;
}
