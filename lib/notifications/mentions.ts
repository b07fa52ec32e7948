/**
 * @mentions in replies and notes: `@` followed by a person's email local part (`@frank.fischer`),
 * or their whole email (`@frank.fischer@example.com`) when several people share a local part. A
 * local part shared by two active people is ambiguous and mentions nobody. A trailing full stop is
 * punctuation, not part of the mention. The `@` must start a word, so `a@b.com` is not a mention.
 */
const MENTION = /(^|[^\w.@+-])@([a-z0-9](?:[a-z0-9._+-]{0,62}[a-z0-9])?(?:@[a-z0-9-]+(?:\.[a-z0-9-]+)+)?)/gi;

/** At most this many distinct people are looked up per comment. */
export const MAX_MENTIONS = 20;

/** The distinct handles mentioned in a text, lower-cased, in order of appearance. */
export function mentionHandles(text: string): string[] {
  const handles = new Set<string>();
  for (const m of text.matchAll(MENTION)) {
    handles.add(m[2]!.toLowerCase());
    if (handles.size >= MAX_MENTIONS) break;
  }
  return [...handles];
}

export type TextPart = { text: string } | { handle: string; raw: string };

/** The text cut into plain runs and mentions, for rendering. */
export function splitMentions(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(MENTION)) {
    const at = m.index + m[1]!.length;
    if (at > last) parts.push({ text: text.slice(last, at) });
    const raw = `@${m[2]!}`;
    parts.push({ handle: m[2]!.toLowerCase(), raw });
    last = at + raw.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** Which handle of `handles` names the person with this email, if any. */
export function handleMatches(handle: string, email: string): boolean {
  const e = email.toLowerCase();
  return handle.includes("@") ? e === handle : e.startsWith(`${handle}@`);
}
