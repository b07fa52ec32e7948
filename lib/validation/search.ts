import { z } from "zod";
import { text } from "./text";

const blankAsUndefined = (v: unknown) => (v === "" ? undefined : v);

/**
 * A search from the GET form: plain words, "a phrase" in quotes, -word to exclude (PostgreSQL's
 * websearch syntax), or a request number such as FAC-1042. Control characters are blanked first:
 * PostgreSQL refuses NUL in text, and the snippet markers are control characters.
 */
export const searchSchema = z.object({
  query: z
    .string({ error: "Type something to search for" })
    .transform((s) => s.replace(/[\u0000-\u001f\u007f]/g, " "))
    .pipe(text().trim().min(1, "Type something to search for").max(200, "Keep the search under 200 characters")),
  cursor: z.preprocess(blankAsUndefined, text().max(300, "This page link is not valid").optional()),
});
export type SearchInput = z.input<typeof searchSchema>;

/** The catalogue's search box (a GET form): anything else, a repeated `q` included, reads as no search. */
export const catalogSearchSchema = z.object({
  q: z
    .string()
    .max(1000)
    .transform((s) => s.replace(/[\u0000-\u001f\u007f]/g, " ").replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, ""))
    .optional()
    .catch(undefined),
});
