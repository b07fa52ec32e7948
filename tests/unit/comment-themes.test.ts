import { describe, expect, it } from "vitest";
import { commentThemes, termsOf, words } from "@/lib/satisfaction/comment-themes";

describe("comment themes", () => {
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

  it("counts a term once per comment and shows only terms of at least 3 different comments", () => {
    const themes = commentThemes({
      comments: ["Slow slow slow response", "slow response again", "Very slow", "friendly staff", "friendly staff"],
    });
    expect(themes).toEqual([
      { term: "slow", comments: 3 },
    ]);
  });

  it("never goes under 3 comments per term, whatever it is asked", () => {
    const comments = ["quick fix", "quick fix"];
    expect(commentThemes({ comments, minCommentsPerTerm: 1 })).toEqual([]);
    expect(commentThemes({ comments: [...comments, "quick fix"], minCommentsPerTerm: 1 })).toEqual([{ term: "quick fix", comments: 3 }]);
  });

  it("ranks by comments, a phrase before its own words at the same count, and honours a higher threshold and the limit", () => {
    const comments = ["quick fix by the team", "a quick fix", "Quick fix, friendly team", "quick and friendly team", "friendly"];
    expect(commentThemes({ comments })).toEqual([
      { term: "quick", comments: 4 },
      { term: "quick fix", comments: 3 },
      { term: "friendly", comments: 3 },
      { term: "team", comments: 3 },
    ]);
    expect(commentThemes({ comments, minCommentsPerTerm: 4 })).toEqual([{ term: "quick", comments: 4 }]);
    expect(commentThemes({ comments, limit: 2 })).toHaveLength(2);
  });

  it("leaves out a word said as often as a shown phrase containing it", () => {
    const comments = ["broken printer", "broken printer today", "the broken printer"];
    expect(commentThemes({ comments })).toEqual([{ term: "broken printer", comments: 3 }]);
  });
});
