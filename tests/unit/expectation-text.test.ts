import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectationLine, expectationText, typeExpectation, workingTime } from "@/lib/experience/expectation-text";

describe("what to expect, in words", () => {
  it("says minutes, hours and working days, rounded up", () => {
    expect(workingTime(0.2, 480)).toBe("1 working minute");
    expect(workingTime(45, 480)).toBe("45 working minutes");
    expect(workingTime(61, 480)).toBe("2 working hours");
    expect(workingTime(180, 480)).toBe("3 working hours");
    expect(workingTime(480, 480)).toBe("1 working day");
    expect(workingTime(900, 480)).toBe("2 working days");
    expect(workingTime(900, 600)).toBe("2 working days");
  });

  it("words the history as the issue asks, and says when there is too little", () => {
    expect(expectationText({ windowDays: 90, requests: 214, firstResponseP50: 170, resolutionP80: 900, dayMinutes: 480 })).toEqual({
      history: "Usually answered within 3 working hours; 80 % resolved within 2 working days (last 90 days, 214 requests)",
      tooLittle: false,
    });
    expect(expectationText({ windowDays: 90, requests: 30, firstResponseP50: null, resolutionP80: 200, dayMinutes: 480 }).history).toBe("80 % resolved within 4 working hours (last 90 days, 30 requests)");
    expect(expectationText({ windowDays: 90, requests: 3, firstResponseP50: null, resolutionP80: null, dayMinutes: 480 })).toEqual({ history: null, tooLittle: true });
    expect(expectationText(null)).toEqual({ history: null, tooLittle: true });
  });

  it("words a request type's figures, history and target, in one line", () => {
    const e = typeExpectation([90, 214, 170, 900, 480, 30, 480]);
    expect(e).toEqual({
      history: "Usually answered within 3 working hours; 80 % resolved within 2 working days (last 90 days, 214 requests)",
      tooLittle: false,
      target: "Target: first reply within 30 working minutes, resolution within 1 working day",
    });
    expect(expectationLine(e)).toBe(`${e.history} ${e.target}.`);
    expect(typeExpectation([90, 3, null, null, 480, null, 960])).toEqual({ history: null, tooLittle: true, target: "Target: resolution within 2 working days" });
    expect(expectationLine(typeExpectation([0, 0, null, null, 480, null, null]))).toBe("Too little recent history to say what to expect.");
  });

  it("words minutes rounded up to whole ones as it words the exact figure (the catalogue sends whole minutes)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100_000, noNaN: true }), fc.integer({ min: 60, max: 1440 }), (minutes, dayMinutes) => {
        expect(workingTime(Math.ceil(minutes), dayMinutes)).toBe(workingTime(minutes, dayMinutes));
      }),
    );
  });
});
