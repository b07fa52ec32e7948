import { z } from "zod";

// NUL (PostgreSQL refuses it in text and jsonb) and a UTF-16 surrogate without its partner (jsonb
// refuses its escape; text would silently store U+FFFD instead of what was sent).
const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether the database can store this string as it is. */
export const isStorableText = (value: string) => !unstorable.test(value);

export const unstorableTextMessage = "This text holds a character that cannot be saved (a NUL or a broken Unicode character): remove it and try again.";

/**
 * The string every input schema starts from (lib/validation): any text a person or a client sends
 * may be stored or searched, so it is refused here, with a message beside the field, before it can
 * reach the database and fail there.
 */
export function text(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine(isStorableText, { message: unstorableTextMessage, abort: true });
}
