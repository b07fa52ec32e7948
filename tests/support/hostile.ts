// Generated hostile input for the fuzz tier: the strings, numbers, dates, arrays and objects a
// careless client or an attacker sends, shared by the schema, use-case and HTTP fuzz tests.
import fc from "fast-check";

/** Characters that broke the desk before: NUL, lone surrogates, controls, bidi overrides, emoji. */
const nasty = ["\u0000", "\uD800", "\uDFFF", "\uDBFF\u0041", "\u0001", "\u001f", "\u007f", "\u202e", "\uFEFF", "😀", "\u0301", "%", "%ff", "%00", "'", '"', "\\", "<", "${", "\n", " "];

const nastyChar = fc.constantFrom(...nasty);

/** Strings built from plain text and the characters above, plus shapes that look like dates or ids. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.oneof(nastyChar, fc.string({ maxLength: 6 }), fc.string({ unit: "binary", maxLength: 4 })), { maxLength: 8 }).map((parts) => parts.join("")),
  fc.constantFrom("", " ", "today", "2027-13-01", "0000-00-00", "2027-02-30", "9999-99-99", "2026-11-05T10:00:00Z", "-1", "NaN", "Infinity", "1e309", "null", "undefined", "__proto__", "constructor", "FAC-0", "FAC-99999999999", "A".repeat(5000)),
  fc.string({ unit: "grapheme", maxLength: 30 }),
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0, 1, -1, 2 ** 31, 2 ** 53, Number.MAX_VALUE, Number.MIN_VALUE, 0.5),
  fc.double(),
  fc.integer(),
);

export const hostileDate: fc.Arbitrary<Date> = fc.date({ noInvalidDate: false, min: new Date(-8.64e15), max: new Date(8.64e15) });

/** Any JSON-ish value, nested a little: what a JSON body or a form may carry in one field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    hostileDate,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(hostileString, tie("value"), { maxKeys: 3 }),
  ),
})).value;

/** An object with the given keys (some left out), each holding a hostile value, plus a stray key. */
export const hostileObject = (keys: readonly string[]): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(fc.record(Object.fromEntries(keys.map((k) => [k, hostileValue])), { requiredKeys: [] }), fc.dictionary(hostileString, hostileValue, { maxKeys: 1 }))
    .map(([known, stray]) => ({ ...stray, ...known }));

/** A form post with the given keys: every value a string, as FormData gives them. */
export const hostileForm = (keys: readonly string[]): fc.Arbitrary<Record<string, string | undefined>> =>
  fc.record(Object.fromEntries(keys.map((k) => [k, hostileString])), { requiredKeys: [] });

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
