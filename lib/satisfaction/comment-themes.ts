/**
 * Comment themes for HR: the most frequent meaningful words and two-word phrases of rating comments,
 * never a comment itself. Pure (no database): lib/satisfaction/department-comment-themes.ts feeds it
 * the comments of a department and period that passed the anonymity thresholds.
 *
 * A term counts once per comment however often that comment repeats it, and is shown only when at
 * least `minCommentsPerTerm` different comments use it (never fewer than 3), so a phrase only one or
 * two people wrote cannot be read back to them.
 */

export const MIN_COMMENTS_PER_TERM = 3;

export type Theme = { term: string; comments: number };

// Common English function words, and words every rating comment is full of without saying anything.
const stopWords = new Set(
  (
    "a about above after again against all also am an and any are aren't as at be because been before being below between both but by " +
    "can can't cannot could couldn't did didn't do does doesn't doing don't down during each even ever every few for from further get got " +
    "had hadn't has hasn't have haven't having he her here hers herself him himself his how i i'm i've if in into is isn't it it's its itself " +
    "just let's like me more most much must mustn't my myself no nor not now of off on once one only or other ought our ours ourselves out over own " +
    "quite really same shan't she should shouldn't so some still such than that that's the their theirs them themselves then there there's " +
    "these they they're this those through to too under until up upon us very was wasn't we we're were weren't what when where which while who " +
    "whom why will with won't would wouldn't yet you you're your yours yourself yourselves " +
    "thanks thank thx please okay bit lot lots gets well"
  ).split(" "),
);

/** The words of a comment in order, lower-cased; apostrophes kept inside words, numbers dropped. */
export function words(comment: string): string[] {
  return (comment.toLowerCase().normalize("NFKC").match(/\p{L}+(?:['’]\p{L}+)*/gu) ?? []).map((w) => w.replace("’", "'"));
}

const meaningful = (word: string) => word.length >= 3 && !stopWords.has(word);

/** The distinct terms of one comment: meaningful words, and pairs of adjacent meaningful words. */
export function termsOf(comment: string): Set<string> {
  const terms = new Set<string>();
  const list = words(comment);
  list.forEach((word, i) => {
    if (!meaningful(word)) return;
    terms.add(word);
    const next = list[i + 1];
    if (next !== undefined && meaningful(next)) terms.add(`${word} ${next}`);
  });
  return terms;
}

/**
 * The `limit` terms used by the most comments, most used first (a phrase before a single word at the
 * same count, then alphabetically). A single word is left out when a shown phrase containing it is
 * used by as many comments: it would say the same thing twice.
 */
export function commentThemes(options: { comments: readonly string[]; minCommentsPerTerm?: number; limit?: number }): Theme[] {
  const threshold = Math.max(MIN_COMMENTS_PER_TERM, options.minCommentsPerTerm ?? MIN_COMMENTS_PER_TERM);
  const limit = options.limit ?? 10;
  const counts = new Map<string, number>();
  for (const comment of options.comments) for (const term of termsOf(comment)) counts.set(term, (counts.get(term) ?? 0) + 1);
  const frequent = [...counts].filter(([, n]) => n >= threshold).map(([term, comments]) => ({ term, comments }));
  const isPhrase = (t: Theme) => t.term.includes(" ");
  frequent.sort((a, b) => b.comments - a.comments || Number(isPhrase(b)) - Number(isPhrase(a)) || a.term.localeCompare(b.term));
  const shown: Theme[] = [];
  for (const theme of frequent) {
    if (shown.length >= limit) break;
    if (!isPhrase(theme) && shown.some((s) => isPhrase(s) && s.comments === theme.comments && s.term.split(" ").includes(theme.term))) continue;
    shown.push(theme);
  }
  return shown;
}
