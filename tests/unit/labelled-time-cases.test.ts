// desk/labelled-time's cases for times written by hand, which need no type information: RuleTester
// parses each snippet with typescript-eslint's parser (no program, so the rule sees no types). The
// type-aware cases (toLocaleString on a Date, not on a number) are in labelled-time-rule.test.ts.
import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { describe, it } from "vitest";
import { labelledTime } from "../../eslint-rules/labelled-time.mjs";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: "module" } });
const error = (messageId: string) => ({ errors: [{ messageId }] });

tester.run("desk/labelled-time", labelledTime, {
  valid: [
    // A date, no clock: cut from an ISO stamp, or from date-fns with a day pattern.
    "const day = at.toISOString().slice(0, 10);",
    "const day = at.toISOString().substring(0, 10);",
    "const stamp = at.toISOString();",
    'import { format } from "date-fns"; const day = format(at, "yyyy-MM-dd");',
    // A clock with its zone token, and a pattern's quoted literal that only looks like one.
    'import { format } from "date-fns"; const t = format(at, "HH:mm zzz");',
    'import { formatInTimeZone } from "@date-fns/tz"; const t = formatInTimeZone(at, zone, "HH:mm O");',
    "import { format } from \"date-fns\"; const d = format(at, \"d MMM 'home'\");",
    // Another library's format, and hours used as numbers, not shown.
    'import { format } from "./money"; const s = format(1200, "HH:mm");',
    "const late = at.getHours() >= 18;",
    "const minutes = at.getHours() * 60 + at.getMinutes();",
    "const open = { hour: at.getUTCHours(), minute: at.getUTCMinutes() };",
    // Number formatting is not a time (needs no type to tell: only Dates have these methods).
    'const n = (1234.5).toFixed(2) + " h";',
  ],
  invalid: [
    { code: "const t = `${at.getHours()}:${at.getMinutes()}`;", ...error("handWritten") },
    { code: 'const t = `${String(at.getUTCHours()).padStart(2, "0")}:${String(at.getUTCMinutes()).padStart(2, "0")}`;', ...error("handWritten") },
    { code: "const t = `Due at ${pad(at.getHours())}h`;", ...error("handWritten") },
    { code: 'const t = at.getHours() + ":" + at.getMinutes();', ...error("handWritten") },
    { code: 'const t = "at " + (at.getMinutes() < 10 ? "0" + at.getMinutes() : at.getMinutes());', ...error("handWritten") },
    { code: 'import { getHours as hours } from "date-fns"; const t = `${hours(at)}:00`;', ...error("handWritten") },
    { code: "const t = at.toISOString().slice(11, 16);", ...error("isoClock") },
    { code: 'const t = at.toISOString().slice(0, 16).replace("T", " ");', ...error("isoClock") },
    { code: "const t = at.toISOString().substr(11, 5);", ...error("isoClock") },
    { code: "const t = at.toISOString().substring(11);", ...error("isoClock") },
    { code: 'import { format } from "date-fns"; const t = format(at, "HH:mm");', ...error("patternClock") },
    { code: 'import { format } from "date-fns"; const t = format(at, "d MMM, h:mm a");', ...error("patternClock") },
    { code: 'import { formatInTimeZone } from "@date-fns/tz"; const t = formatInTimeZone(at, "Europe/Berlin", "HH:mm");', ...error("patternClock") },
    // Methods only a Date has are refused whatever the checker knows (here it knows nothing: a JSON value).
    { code: "const t = (row as any).createdAt.toLocaleTimeString();", ...error("dateText") },
    { code: 'const t = new Date(json.at).toLocaleTimeString("en-GB", { hour: "2-digit" });', ...error("dateText") },
    { code: "const t = stamp.toTimeString();", ...error("dateText") },
  ],
});
