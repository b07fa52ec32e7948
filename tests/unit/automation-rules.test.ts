import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conditionsHold, type RequestFacts } from "@/lib/automation/conditions";
import { readClockFile } from "@/lib/time/clock";
import { priorities, statuses } from "@/lib/validation/request-values";
import { ruleConditionsSchema, type RuleConditions } from "@/lib/validation/automation";

const facts: fc.Arbitrary<RequestFacts> = fc.record({
  typeId: fc.constantFrom("t1", "t2"),
  priority: fc.constantFrom(...priorities),
  status: fc.constantFrom(...statuses),
  requesterDepartmentId: fc.constantFrom("d1", "d2"),
  teamId: fc.constantFrom("team1", null),
  tags: fc.uniqueArray(fc.constantFrom("a", "b", "c"), { maxLength: 3 }),
  fieldValues: fc.record({ site: fc.constantFrom("Berlin", "berlin ", "Paris", 3) }),
});

const conditions: fc.Arbitrary<RuleConditions> = fc.record({
  typeIds: fc.uniqueArray(fc.constantFrom("t1", "t2"), { maxLength: 2 }),
  priorities: fc.uniqueArray(fc.constantFrom(...priorities), { maxLength: 2 }),
  statuses: fc.uniqueArray(fc.constantFrom(...statuses), { maxLength: 2 }),
  requesterDepartmentIds: fc.uniqueArray(fc.constantFrom("d1", "d2"), { maxLength: 1 }),
  teamIds: fc.uniqueArray(fc.constantFrom("team1"), { maxLength: 1 }),
  tags: fc.uniqueArray(fc.constantFrom("a", "b"), { maxLength: 2 }),
  fields: fc.array(fc.record({ key: fc.constant("site"), value: fc.constantFrom("berlin", "paris", "3") }), { maxLength: 1 }),
});

describe("rule conditions", () => {
  it("no condition holds for every request", () => {
    fc.assert(fc.property(facts, (f) => conditionsHold(ruleConditionsSchema.parse({}), f)));
  });

  it("are a conjunction: adding a condition never makes a request match that did not", () => {
    fc.assert(
      fc.property(conditions, conditions, facts, (a, b, f) => {
        const both: RuleConditions = {
          typeIds: a.typeIds.length ? a.typeIds : b.typeIds,
          priorities: a.priorities.length ? a.priorities : b.priorities,
          statuses: a.statuses.length ? a.statuses : b.statuses,
          requesterDepartmentIds: a.requesterDepartmentIds.length ? a.requesterDepartmentIds : b.requesterDepartmentIds,
          teamIds: a.teamIds.length ? a.teamIds : b.teamIds,
          tags: a.tags.length ? a.tags : b.tags,
          fields: [...a.fields, ...b.fields],
        };
        if (conditionsHold(both, f)) expect(conditionsHold(a, f)).toBe(true);
      }),
    );
  });

  it("read field answers case-insensitively and trimmed; a team condition never matches a request without a team", () => {
    const c = ruleConditionsSchema.parse({ fields: [{ key: "site", value: "Berlin" }] });
    const base: RequestFacts = { typeId: "t", priority: "LOW", status: "OPEN", requesterDepartmentId: "d", teamId: null, tags: [], fieldValues: { site: " berlin " } };
    expect(conditionsHold(c, base)).toBe(true);
    expect(conditionsHold(c, { ...base, fieldValues: {} })).toBe(false);
    expect(conditionsHold(ruleConditionsSchema.parse({ teamIds: ["x"] }), base)).toBe(false);
  });
});

describe("the injected clock file", () => {
  it("reads an ISO instant, and nothing else", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clock-"));
    const file = path.join(dir, "now");
    expect(readClockFile(file)).toBeNull();
    fs.writeFileSync(file, "2026-12-24T09:30:00.000Z\n");
    expect(readClockFile(file)?.toISOString()).toBe("2026-12-24T09:30:00.000Z");
    for (const bad of ["", "tomorrow", "1700000000", "2026-13-45T99:00:00Z"]) {
      fs.writeFileSync(file, bad);
      expect(readClockFile(file), bad).toBeNull();
    }
  });
});
