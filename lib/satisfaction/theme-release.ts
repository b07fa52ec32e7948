import { termUsers, type AuthoredComment } from "./comment-themes";
import { monthsOf, periodGrain, periodsOfMonth, type PeriodKey } from "./figure-periods";

/** One department's comment themes for one period, as published: the terms, or withheld (too few people commented, or nobody). */
export type ThemeRelease = { shown: true; terms: string[] } | { shown: false };

export type MonthComment = AuthoredComment & { month: PeriodKey };

/** The published periods a period is made of: a quarter's months; a year's quarters and months. */
export function subPeriods(period: PeriodKey): PeriodKey[] {
  const grain = periodGrain(period);
  if (grain === "month") return [];
  const months = monthsOf(period);
  return grain === "quarter" ? months : [...new Set(months.map((m) => periodsOfMonth(m)[1])), ...months];
}

/**
 * The comment themes of one department for one closed period, with k = the comments threshold.
 *
 * What a theme says: "at least k different people used this term in this period". Nothing else is
 * published: no count, no order by count (listedThemes), so from all the published themes an
 * observer learns only facts "at least k used t in P" (shown) and, at most, "fewer than k used t
 * in P" (not shown in a period whose themes were published; under rule 3 it may also mean that a
 * sub-period did not show t). Three rules keep those facts from pointing at a group of fewer than k
 * commenters; call such a group small.
 *
 * 1. A term is shown only if at least k distinct people used it in the period: one person's ten
 *    comments are one person.
 * 2. A period's themes are published only if at least 2k - 1 distinct people commented in it.
 *    Satisfaction figures publish rating counts, and a count bounds the commenters among those
 *    raters. Take any small group G inside the period: the others number at least
 *    (2k - 1) - (k - 1) = k, so counts covering the others add up to at least k, and "at least k used
 *    t" minus "at most that many of the others did" leaves nothing to attribute to G, whatever
 *    figures (months, departments, agents) the satisfaction rules publish.
 * 3. Comparing periods: if a quarter shows t and one of its months, whose themes were published,
 *    does not, then at least one person used t in the quarter's other two months. That is harmless
 *    when those months' commenters are none or at least k, and exactly the leak of a withheld
 *    month's words otherwise. So where a published sub-period S leaves a small group of commenters
 *    in the rest of the period (0 < commenters of P \ S < k), the period shows only terms S shows
 *    too: it adds nothing that S did not already say. Subtracting more at once proves nothing: two
 *    sub-periods bound the rest by 2(k - 1) >= k, one and any commenter count by (k - 1) + 1. A year's quarters and months are its
 *    sub-periods. The rule depends on what was published for S, so the release is sticky: the
 *    caller passes the sub-periods as published, never recomputed.
 *
 * Whether a period's themes are withheld depends only on how many people commented, never on what
 * they wrote. Not guaranteed: a theme that every commenter of a period used tells that each of them
 * used it (as "everyone rated 4-5" does for ratings), and anyone who knows who else commented can
 * reason about the rest.
 */
export function releasePeriodThemes(options: {
  period: PeriodKey;
  /** The department's rating comments given in the period, each with its month. */
  comments: readonly MonthComment[];
  minCommenters: number;
  /** What was published for the department's sub-periods (subPeriods); undefined for withheld or none. */
  published: (period: PeriodKey) => ThemeRelease | undefined;
}): ThemeRelease {
  const k = options.minCommenters;
  const { commenters, users } = termUsers(options.comments);
  if (commenters.size < 2 * k - 1) return { shown: false };
  let terms = [...users].filter(([, people]) => people.size >= k).map(([term]) => term);
  const byMonth = new Map<PeriodKey, Set<string>>();
  for (const c of options.comments) if (c.text.trim()) (byMonth.get(c.month) ?? byMonth.set(c.month, new Set()).get(c.month)!).add(c.authorId);
  for (const sub of subPeriods(options.period)) {
    const release = options.published(sub);
    if (!release?.shown) continue;
    const inSub = new Set(monthsOf(sub));
    const rest = new Set([...byMonth].filter(([month]) => !inSub.has(month)).flatMap(([, people]) => [...people])).size;
    if (rest > 0 && rest < k) {
      const shownInSub = new Set(release.terms);
      terms = terms.filter((t) => shownInSub.has(t));
    }
  }
  return { shown: true, terms: terms.sort((a, b) => a.localeCompare(b)) };
}
