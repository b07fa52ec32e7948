// Generated hostile input for the fuzz tier: the strings, numbers, dates, arrays and objects a
// careless client or an attacker sends, shared by the schema, use-case and HTTP fuzz tests.
import fc from "fast-check";
import type { z } from "zod";

/** Characters that broke the desk before (NUL, lone surrogates), and controls, bidi overrides, emoji, escapes. */
const breaking = ["\u0000", "\uD800", "\uDFFF", "\uDBFF\u0041"];
const odd = ["\u0001", "\u001f", "\u007f", "\u202e", "\uFEFF", "😀", "\u0301", "%", "%ff", "%00", "'", '"', "\\", "<", "${", "\n", " "];

const nastyChar = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...breaking) }, { weight: 2, arbitrary: fc.constantFrom(...odd) });

/** Mostly plausible text with a nasty character in it (so it passes length checks), plus shapes that look like dates or ids. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), nastyChar, fc.string({ maxLength: 8 })).map(([a, c, b]) => `${a}${c}${b}`) },
  { weight: 1, arbitrary: fc.array(fc.oneof(nastyChar, fc.string({ maxLength: 6 }), fc.string({ unit: "binary", maxLength: 4 })), { maxLength: 8 }).map((parts) => parts.join("")) },
  { weight: 2, arbitrary: fc.constantFrom("", " ", "today", "2027-13-01", "0000-00-00", "2027-02-30", "9999-99-99", "2026-11-05T10:00:00Z", "-1", "NaN", "Infinity", "1e309", "null", "undefined", "__proto__", "constructor", "FAC-0", "FAC-99999999999", "A".repeat(5000)) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0, 1, -1, 2 ** 31, 2 ** 53, Number.MAX_VALUE, Number.MIN_VALUE, 0.5),
  fc.double(),
  fc.integer(),
);

export const hostileDate: fc.Arbitrary<Date> = fc.date({ noInvalidDate: false, min: new Date(-8.64e15), max: new Date(8.64e15) });

/**
 * Hostile values built on a pool of strings: what a JSON body or a form may carry in one field.
 * Give it real ids and keys (`known`), and a valid value per field name (`valid`), so that most
 * inputs are valid but for a field or two and get past "not found" to the code behind it.
 */
export function hostile(known: readonly string[] = [], valid: Readonly<Record<string, unknown>> = {}) {
  const string = known.length ? fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 2, arbitrary: fc.constantFrom(...known) }) : hostileString;
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      string,
      hostileNumber,
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      hostileDate,
      fc.array(tie("value"), { maxLength: 3 }),
      fc.dictionary(hostileString, tie("value"), { maxKeys: 3 }),
    ),
  }));
  // Most fields are text, so a field's hostile value is most often a string.
  const fieldValue = fc.oneof({ weight: 3, arbitrary: string }, { weight: 1, arbitrary: value });
  const field = <T>(key: string, bad: fc.Arbitrary<T>) => (key in valid ? fc.oneof({ weight: 2, arbitrary: fc.constant(valid[key]) }, { weight: 1, arbitrary: bad }) : bad);
  /** An object with the given keys (some left out), each valid or holding a hostile value, plus a stray key. */
  const object = (keys: readonly string[]): fc.Arbitrary<Record<string, unknown>> =>
    fc
      .tuple(fc.record(Object.fromEntries(keys.map((k) => [k, field(k, fieldValue)])), { requiredKeys: [] }), fc.dictionary(hostileString, value, { maxKeys: 1 }))
      .map(([given, stray]) => ({ ...stray, ...given }));
  /** A form post with the given keys: every value a string, as FormData gives them. */
  const form = (keys: readonly string[]): fc.Arbitrary<Record<string, unknown>> => fc.record(Object.fromEntries(keys.map((k) => [k, field(k, string)])), { requiredKeys: [] });
  /** Either of the two, as an action or an API call would pass it on. */
  const input = (keys: readonly string[]) => (keys.length ? fc.oneof(object(keys), form(keys)) : fc.oneof(string, value));
  return { string, value, object, form, input };
}

export const { value: hostileValue, input: hostileInput } = hostile();

/** The keys an object schema reads, looking through defaults, pipes and preprocessing. */
export function keysOf(schema: z.ZodType): string[] {
  const def = schema._zod.def as { type: string; shape?: Record<string, unknown>; in?: z.ZodType; out?: z.ZodType; innerType?: z.ZodType };
  if (def.type === "object" && def.shape) return Object.keys(def.shape);
  if (def.type === "pipe") return [...new Set([...keysOf(def.in!), ...keysOf(def.out!)])];
  if (def.innerType) return keysOf(def.innerType);
  return [];
}

/** Every string anywhere inside a value, with its path, for asserting on what a schema let through. */
export function* stringsIn(value: unknown, path = ""): Generator<[string, string]> {
  if (typeof value === "string") yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* stringsIn(v, `${path}.${i}`);
  else if (value && typeof value === "object" && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) {
      yield [`${path}.<key>`, k];
      yield* stringsIn(v, `${path}.${k}`);
    }
  }
}
