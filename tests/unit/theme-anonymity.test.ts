import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { monthsOf, type PeriodKey } from "@/lib/satisfaction/figure-periods";
import { periodsPublishedWith } from "@/lib/satisfaction/figure-periods";
import { releasePeriodThemes, subPeriods, type MonthComment, type ThemeRelease } from "@/lib/satisfaction/theme-release";

/**
 * Attacks the comment-theme release (lib/satisfaction/theme-release.ts) as an observer who sees
 * every published period forever. Histories: one providing department over a year, people in two
 * requesting departments, comments made of three words. The finest groups an observer can name are
 * atoms: a month × a requesting department (satisfaction figures of department pairs draw those
 * lines). The observer is given, on top of the themes, the exact number of commenters of every
 * union of atoms (more than any satisfaction figure tells), and knows the rule.
 *
 * A leak: for a term t shown in a period P and a group R of atoms of P with 1..k-1 commenters, the
 * observer can prove that someone in R used t. From "at least k people used t in P" that needs an
 * upper bound below k on how many of the rest of P used t: the rest's commenter count, or, for a
 * published period S that does not show t (where that certainly means "fewer than k used t in S"),
 * k - 1 plus the commenters of the rest outside S. Two such periods bound by 2(k - 1) >= k and can
 * prove nothing. Also checked: every shown theme really was used by k different people.
 */

const year = "2031";
const vocabulary = ["alpha", "beta", "gamma"] as const;
type Comment = MonthComment & { group: number };
type Publish = (options: { period: PeriodKey; comments: Comment[]; k: number; published: Map<PeriodKey, ThemeRelease> }) => ThemeRelease;

const ours: Publish = ({ period, comments, k, published }) => releasePeriodThemes({ period, comments, minCommenters: k, published: (p) => published.get(p) });

/** Publishes month by month, each quarter and the year with their last month, as the job does. */
function publishYear(comments: Comment[], k: number, publish: Publish): Map<PeriodKey, ThemeRelease> {
  const published = new Map<PeriodKey, ThemeRelease>();
  for (const month of monthsOf(year)) {
    for (const period of periodsPublishedWith(month)) {
      const inPeriod = new Set(monthsOf(period));
      published.set(period, publish({ period, comments: comments.filter((c) => inPeriod.has(c.month)), k, published }));
    }
  }
  return published;
}

const popcount = (x: number) => {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
};

function findLeak(comments: Comment[], published: Map<PeriodKey, ThemeRelease>, k: number, options: { knowsRule: boolean }): string | null {
  const people = [...new Set(comments.map((c) => c.authorId))];
  const bit = (person: string) => 1 << people.indexOf(person);
  const atoms = [...new Set(comments.map((c) => `${c.month}|${c.group}`))];
  const monthOfAtom = (a: string) => a.split("|")[0]!;
  const commenters = new Map<string, number>();
  const users = new Map<string, number>(); // `${term}|${atom}` -> people
  for (const c of comments) {
    const atom = `${c.month}|${c.group}`;
    commenters.set(atom, (commenters.get(atom) ?? 0) | bit(c.authorId));
    for (const term of c.text.split(" and ")) if (term !== "ok") users.set(`${term}|${atom}`, (users.get(`${term}|${atom}`) ?? 0) | bit(c.authorId));
  }
  const count = (list: string[]) => popcount(list.reduce((m, a) => m | (commenters.get(a) ?? 0), 0));
  const inPeriod = (p: PeriodKey) => new Set(monthsOf(p));

  // Whether "S does not show t" certainly means "fewer than k used t in S". Under our rule a period
  // may also leave t out because a published sub-period leaving a handful of others does; the
  // observer knows the counts, so knows which sub-periods those are.
  const boundsTerm = (s: PeriodKey, release: ThemeRelease, term: string) => {
    if (!release.shown || release.terms.includes(term)) return false;
    if (!options.knowsRule) return true;
    const sAtoms = atoms.filter((a) => inPeriod(s).has(monthOfAtom(a)));
    return subPeriods(s).every((sub) => {
      const r = published.get(sub);
      if (!r?.shown) return true;
      const rest = count(sAtoms.filter((a) => !inPeriod(sub).has(monthOfAtom(a))));
      return !(rest > 0 && rest < k) || r.terms.includes(term);
    });
  };

  for (const [period, release] of published) {
    if (!release.shown) continue;
    const pAtoms = atoms.filter((a) => inPeriod(period).has(monthOfAtom(a)));
    for (const term of release.terms) {
      const usedBy = popcount(pAtoms.reduce((m, a) => m | (users.get(`${term}|${a}`) ?? 0), 0));
      if (usedBy < k) return `${period} shows "${term}", used by only ${usedBy} people`;
      const bounding = [...published].filter(([s, r]) => boundsTerm(s, r, term)).map(([s]) => inPeriod(s));
      for (let mask = 1; mask < 1 << pAtoms.length; mask++) {
        const group = pAtoms.filter((_, i) => mask & (1 << i));
        const size = count(group);
        if (size === 0 || size >= k) continue;
        const rest = pAtoms.filter((_, i) => !(mask & (1 << i)));
        let bound = count(rest);
        for (const s of bounding) bound = Math.min(bound, k - 1 + count(rest.filter((a) => !s.has(monthOfAtom(a)))));
        if (k - bound >= 1) return `${period} shows "${term}": someone among the ${size} commenters of ${group.join(", ")} used it`;
      }
    }
  }
  return null;
}

const histories = fc
  .record({
    k: fc.constantFrom(3, 4),
    months: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 5 }),
    comments: fc.array(
      fc.record({ person: fc.integer({ min: 0, max: 15 }), month: fc.nat(), words: fc.subarray([...vocabulary]) }),
      { maxLength: 60 },
    ),
  })
  .map(({ k, months, comments }) => ({
    k,
    comments: comments.map(
      (c): Comment => ({
        authorId: `p${c.person}`,
        group: c.person % 2,
        month: `${year}-${String(months[c.month % months.length]).padStart(2, "0")}`,
        text: c.words.length ? c.words.join(" and ") : "ok",
      }),
    ),
  }));

describe("comment themes under attack", () => {
  it("never let an observer of every published period prove what a group of fewer than k commenters wrote", () => {
    fc.assert(
      fc.property(histories, ({ k, comments }) => {
        const leak = findLeak(comments, publishYear(comments, k, ours), k, { knowsRule: true });
        expect(leak).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  // The attack has teeth: the rules it replaces fail it.
  const at = (month: string, people: number[], text: string, group = 0): Comment[] => people.map((p) => ({ authorId: `p${p}`, group, month: `${year}-${month}`, text }));
  const threshold =
    (countComments: boolean): Publish =>
    ({ comments, k }) => {
      const people = new Set(comments.map((c) => c.authorId));
      if ((countComments ? comments.length : people.size) < k) return { shown: false };
      const terms = vocabulary.filter((t) => {
        const using = comments.filter((c) => c.text.split(" and ").includes(t));
        return (countComments ? using.length : new Set(using.map((c) => c.authorId)).size) >= k;
      });
      return { shown: true, terms: [...terms] };
    };

  it("catches themes that count comments: one person's three comments", () => {
    const comments = [...at("02", [1, 1, 1], "alpha"), ...at("02", [2, 3], "ok")];
    expect(findLeak(comments, publishYear(comments, 3, threshold(true)), 3, { knowsRule: false })).toMatch(/used by only 1 people/);
    expect(findLeak(comments, publishYear(comments, 3, ours), 3, { knowsRule: true })).toBeNull();
  });

  it("catches a quarter that shows what a withheld month's single commenter wrote", () => {
    // January: five people, two say "alpha"; March: one person, who says "alpha".
    const comments = [...at("01", [1, 2], "alpha"), ...at("01", [3, 4, 5], "beta"), ...at("03", [6], "alpha")];
    expect(findLeak(comments, publishYear(comments, 3, threshold(false)), 3, { knowsRule: false })).toMatch(/2031-Q1 shows "alpha": someone among the 1 commenters of 2031-03/);
    expect(findLeak(comments, publishYear(comments, 3, ours), 3, { knowsRule: true })).toBeNull();
    expect(publishYear(comments, 3, ours).get(`${year}-Q1`)).toEqual({ shown: true, terms: ["beta"] });
  });

  it("catches a theme that rating counts narrow down to a handful of people", () => {
    // Four commenters: two in January's group 0, two in group 1, three of them say "alpha". A pair
    // figure counting group 0's two leaves group 1's two, at least one of whom said "alpha".
    const comments = [...at("01", [1, 2], "alpha", 0), ...at("01", [3], "alpha", 1), ...at("01", [5], "ok", 1)];
    expect(findLeak(comments, publishYear(comments, 3, threshold(false)), 3, { knowsRule: false })).toMatch(/2031-01 shows "alpha"/);
    expect(findLeak(comments, publishYear(comments, 3, ours), 3, { knowsRule: true })).toBeNull();
  });
});
