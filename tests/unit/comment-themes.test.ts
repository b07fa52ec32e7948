import { describe, expect, it } from "vitest";
import { listedThemes, termsOf, termUsers, words } from "@/lib/satisfaction/comment-themes";
import { periodsPublishedWith } from "@/lib/satisfaction/figure-periods";
import { releasePeriodThemes, subPeriods, type MonthComment, type ThemeRelease } from "@/lib/satisfaction/theme-release";

describe("comment terms", () => {
  it("splits words, lower-cases them and drops numbers and punctuation", () => {
    expect(words("The Printer's broken AGAIN, ticket #42!")).toEqual(["the", "printer's", "broken", "again", "ticket"]);
  });

  it("drops stop words and short words, and pairs adjacent meaningful words only", () => {
    expect([...termsOf("The laptop was slow to arrive, but the laptop setup was great")].sort()).toEqual(
      ["arrive", "great", "laptop", "laptop setup", "setup", "slow"].sort(),
    );
    // "slow to arrive": "to" is a stop word between them, so no phrase "slow arrive".
    expect(termsOf("slow to arrive").has("slow arrive")).toBe(false);
  });

  it("counts people, not comments: one person's many comments are one user of each term", () => {
    const { commenters, users } = termUsers([
      ...Array.from({ length: 10 }, () => ({ authorId: "ann", text: "Slow slow printer" })),
      { authorId: "bob", text: "slow" },
      { authorId: "cat", text: "   " },
    ]);
    expect([...commenters].sort()).toEqual(["ann", "bob"]);
    expect([...users.get("slow")!].sort()).toEqual(["ann", "bob"]);
    expect([...users.get("slow printer")!]).toEqual(["ann"]);
  });

  it("lists themes alphabetically, without a word a listed phrase already says", () => {
    expect(listedThemes(["slow", "printer", "broken printer", "broken", "friendly"])).toEqual(["broken printer", "friendly", "slow"]);
  });

  it("publishes a quarter with its last month and a year with December", () => {
    expect(periodsPublishedWith("2026-02")).toEqual(["2026-02"]);
    expect(periodsPublishedWith("2026-06")).toEqual(["2026-06", "2026-Q2"]);
    expect(periodsPublishedWith("2026-12")).toEqual(["2026-12", "2026-Q4", "2026"]);
    expect(subPeriods("2026-Q3")).toEqual(["2026-07", "2026-08", "2026-09"]);
    expect(subPeriods("2026")).toHaveLength(16);
  });
});

const say = (month: string, people: number, text: string, from = 0): MonthComment[] =>
  Array.from({ length: people }, (_, i) => ({ authorId: `p${from + i}`, text, month }));
const none = () => undefined;

describe("which themes a period publishes (k = 10)", () => {
  it("needs 10 different people per theme, however many comments one person writes", () => {
    const one = Array.from({ length: 25 }, () => ({ authorId: "ann", text: "broken printer", month: "2026-03" }));
    const others = say("2026-03", 19, "fine service", 1);
    expect(releasePeriodThemes({ period: "2026-03", comments: [...one, ...others], minCommenters: 10, published: none })).toEqual({ shown: true, terms: ["fine", "fine service", "service"] });
  });

  it("withholds a period in which fewer than 2k - 1 = 19 people commented, so rating counts cannot isolate a few of them", () => {
    const comments = say("2026-03", 18, "broken printer");
    expect(releasePeriodThemes({ period: "2026-03", comments, minCommenters: 10, published: none })).toEqual({ shown: false });
    expect(releasePeriodThemes({ period: "2026-03", comments: [...comments, ...say("2026-03", 1, "ok", 50)], minCommenters: 10, published: none }).shown).toBe(true);
  });

  it("shows a quarter theme although every month was withheld: only 10 people across the quarter can have said it", () => {
    const comments = [...say("2026-01", 7, "vpn broken"), ...say("2026-02", 7, "vpn broken", 7), ...say("2026-03", 7, "ok", 14)];
    const q = releasePeriodThemes({ period: "2026-Q1", comments, minCommenters: 10, published: none });
    expect(q).toEqual({ shown: true, terms: ["broken", "vpn", "vpn broken"] });
  });

  it("adds nothing to a published month when the rest of the quarter is a handful of people", () => {
    // January: 20 people, 9 say "vpn"; March: one person says "vpn". A quarter showing "vpn" while
    // January does not would tell what March's only commenter wrote.
    const january = [...say("2026-01", 9, "vpn down"), ...say("2026-01", 11, "friendly staff", 9)];
    const march = say("2026-03", 1, "vpn down", 40);
    const published = new Map<string, ThemeRelease>([["2026-01", releasePeriodThemes({ period: "2026-01", comments: january, minCommenters: 10, published: none })]]);
    expect(published.get("2026-01")).toEqual({ shown: true, terms: ["friendly", "friendly staff", "staff"] });
    const q = releasePeriodThemes({ period: "2026-Q1", comments: [...january, ...march], minCommenters: 10, published: (p) => published.get(p) });
    expect(q).toEqual({ shown: true, terms: ["friendly", "friendly staff", "staff"] });
    // With ten more people in March the rest is no longer a handful: the quarter may say "vpn".
    const more = say("2026-03", 10, "ok", 60);
    const q2 = releasePeriodThemes({ period: "2026-Q1", comments: [...january, ...march, ...more], minCommenters: 10, published: (p) => published.get(p) });
    expect(q2.shown && q2.terms).toContain("vpn");
  });
});
