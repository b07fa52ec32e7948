// desk/labelled-time (eslint-rules/labelled-time.mjs), which `npm run lint` runs over app/ and lib/:
// a time shown without the reader's zone label fails the lint. It must refuse each way of writing
// one in the fixture and let numbers, ISO stamps and date-only labels pass.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import desk from "../../eslint-rules/labelled-time.mjs";

describe("desk/labelled-time", () => {
  it("refuses every unlabelled time of the fixture and nothing else", { timeout: 120_000 }, async () => {
    const eslint = new ESLint({ ignore: false, overrideConfig: { files: ["tests/unit/fixtures/**"], plugins: { desk }, rules: { "desk/labelled-time": "error" } } });
    const [result] = await eslint.lintFiles(["tests/unit/fixtures/unlabelled-time.ts"]);
    const found = result!.messages.filter((m) => m.ruleId === "desk/labelled-time").map((m) => m.line);
    // Lines 7 to 11 are the refused list; 15 to 18 the allowed one.
    expect(found).toEqual([7, 8, 9, 10, 11]);
    expect(result!.messages.filter((m) => m.ruleId !== "desk/labelled-time" && m.severity === 2)).toEqual([]);
  });
});
