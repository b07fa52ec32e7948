import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { minRatersForAggregate } from "@/lib/satisfaction/anonymity";
import { csatFigure } from "@/lib/satisfaction/csat-figure";
import { ratingLinkKey, signRatingLink, verifyRatingLink } from "@/lib/satisfaction/rating-link";
import { ratingAnswerSchema } from "@/lib/validation/ratings";

describe("CSAT figure", () => {
  const counts = fc
    .record({ raters: fc.integer({ min: 0, max: 500 }), extra: fc.integer({ min: 0, max: 500 }), satisfiedShare: fc.double({ min: 0, max: 1, noNaN: true }) })
    .map(({ raters, extra, satisfiedShare }) => {
      const ratings = raters + (raters ? extra : 0);
      return { raters, ratings, satisfied: Math.floor(ratings * satisfiedShare) };
    });

  it("never shows a figure or a count under the threshold, and (4s and 5s) / all from it", () => {
    fc.assert(
      fc.property(counts, (c) => {
        const figure = csatFigure(c);
        if (c.raters < minRatersForAggregate) {
          expect(figure).toEqual({ shown: false, minRaters: minRatersForAggregate });
        } else {
          expect(figure).toEqual({ shown: true, satisfied: c.satisfied, ratings: c.ratings, percent: Math.round((c.satisfied / c.ratings) * 1000) / 10 });
        }
      }),
    );
  });
});

describe("rating link", () => {
  const key = ratingLinkKey("unit-test-secret-unit-test-secret-0123")!;
  it("any change of a character breaks it", () => {
    const token = signRatingLink({ requestId: "req_1", cycle: 1, personId: "person_1" }, key);
    expect(verifyRatingLink(token, key).ok).toBe(true);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), fc.constantFrom(...alphabet), (at, char) => {
        fc.pre(token[at] !== char);
        const changed = token.slice(0, at) + char + token.slice(at + 1);
        const check = verifyRatingLink(changed, key);
        // A changed last character can decode to the same bytes (base64url's unused low bits).
        if (check.ok) expect(Buffer.from(changed.split(".")[1] ?? "", "base64url")).toEqual(Buffer.from(token.split(".")[1]!, "base64url"));
      }),
    );
  });
});

describe("rating link signed before the shared signer (lib/security/signed-link.ts)", () => {
  it("a link sent by the earlier code still verifies, with its claims", () => {
    // Produced by the rating-link module as it was before signing moved to lib/security/signed-link.ts.
    const old = "eyJyIjoicmVxXzEiLCJjIjoyLCJwIjoicF8xIiwiZSI6MTc5ODUwMjQwMH0.h6XRB-dJxN5KwDmJjkrNHX7B1GuUxMXTfGmnIbTgRmA";
    const check = verifyRatingLink(old, ratingLinkKey("secret-0123456789-secret-0123456789"), new Date("2026-12-02T00:00:00Z"));
    expect(check).toEqual({ ok: true, claims: { requestId: "req_1", cycle: 2, personId: "p_1", expiresAt: new Date("2026-12-29T00:00:00Z") } });
    expect(verifyRatingLink(old, ratingLinkKey("another-secret-0123456789-0123456789")).ok).toBe(false);
  });
});

describe("rating answer", () => {
  it("requires a comment at 1 and 2 only", () => {
    for (const score of [1, 2, 3, 4, 5]) {
      expect(ratingAnswerSchema.safeParse({ score: String(score), comment: "" }).success).toBe(score >= 3);
      expect(ratingAnswerSchema.safeParse({ score, comment: "Slow" }).success).toBe(true);
    }
    expect(ratingAnswerSchema.safeParse({ score: null, comment: "x" }).success).toBe(false);
    expect(ratingAnswerSchema.safeParse({ score: "0" }).success).toBe(false);
  });
});
