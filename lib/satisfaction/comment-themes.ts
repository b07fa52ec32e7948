/**
 * Comment themes for HR: meaningful words and two-word phrases that many different people used in
 * their rating comments, never a comment itself. Pure (no database): theme-release.ts decides which
 * themes of a period may be published, lib/satisfaction/publish-comment-themes.ts stores them.
 *
 * Themes count people, not comments: a term is used by a person when any of their comments in the
 * period contains it, however many comments they wrote and however often they repeat it.
 */

export type AuthoredComment = { authorId: string; text: string };

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

/** Who commented at all (a comment with any text), and, for every term, the distinct people who used it. */
export function termUsers(comments: readonly AuthoredComment[]): { commenters: Set<string>; users: Map<string, Set<string>> } {
  const commenters = new Set<string>();
  const users = new Map<string, Set<string>>();
  for (const c of comments) {
    if (!c.text.trim()) continue;
    commenters.add(c.authorId);
    for (const term of termsOf(c.text)) (users.get(term) ?? users.set(term, new Set()).get(term)!).add(c.authorId);
  }
  return { commenters, users };
}

/**
 * The themes as a page lists them: alphabetical (an order by how many people used each term would
 * publish comparisons between counts, which periods can be combined into), and without a single
 * word when a listed phrase already contains it ("broken printer" says "printer"). Both depend only
 * on which terms are published, so they reveal nothing the published set does not.
 */
export function listedThemes(terms: readonly string[]): string[] {
  const phrases = terms.filter((t) => t.includes(" "));
  const covered = new Set(phrases.flatMap((p) => p.split(" ")));
  return [...new Set(terms)].filter((t) => t.includes(" ") || !covered.has(t)).sort((a, b) => a.localeCompare(b));
}
