import { describe, expect, it } from "vitest";
import { expectationText, workingTime } from "@/lib/experience/expectation-text";

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
});
