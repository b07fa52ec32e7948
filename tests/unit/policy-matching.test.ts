import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anyOtherType, effectivePolicies, matchPolicy, newlyUnreachable, placeNewPolicy, policyPriorities, unreachablePolicies, type MatchablePolicy } from "@/lib/sla/policy-matching";

const p = (id: string, over: Partial<MatchablePolicy> = {}): MatchablePolicy => ({ id, name: id, active: true, requestTypeIds: [], priorities: [], ...over });
const types = ["repair", "move"];

describe("which policy a request gets", () => {
  it("takes the first active policy naming its type and priority", () => {
    const list = [p("off", { active: false }), p("urgent-repair", { requestTypeIds: ["repair"], priorities: ["URGENT"] }), p("all")];
    expect(matchPolicy(list, "repair", "URGENT")?.id).toBe("urgent-repair");
    expect(matchPolicy(list, "repair", "LOW")?.id).toBe("all");
    expect(matchPolicy(list, "move", "URGENT")?.id).toBe("all");
    expect(matchPolicy([p("only", { requestTypeIds: ["move"] })], "repair", "LOW")).toBeNull();
  });

  it("lists for each type and priority the policy it gets", () => {
    const table = effectivePolicies([p("urgent", { priorities: ["URGENT"] }), p("moves", { requestTypeIds: ["move"] })], [{ id: "repair", name: "Repair" }, { id: "move", name: "Move" }]);
    expect(table.map((r) => [r.type.name, r.byPriority.map((c) => c.policy?.id ?? null)])).toEqual([
      ["Repair", [null, null, null, "urgent"]],
      ["Move", ["moves", "moves", "moves", "urgent"]],
    ]);
  });
});

describe("policies that could never apply", () => {
  it("finds a policy after a catch-all, and what hides it", () => {
    const list = [p("all"), p("urgent", { priorities: ["URGENT"] }), p("off", { active: false })];
    expect(unreachablePolicies(list, types).map((u) => [u.policy.id, u.shadowedBy?.id])).toEqual([["urgent", "all"]]);
    // Hidden by two narrower policies together.
    const pair = [p("low", { priorities: ["LOW", "NORMAL"] }), p("high", { priorities: ["HIGH", "URGENT"] }), p("rest")];
    expect(unreachablePolicies(pair, types).map((u) => u.policy.id)).toEqual(["rest"]);
  });

  it("counts a request type the department adds later: a catch-all still applies to it", () => {
    const list = [p("repair", { requestTypeIds: ["repair"] }), p("move", { requestTypeIds: ["move"] }), p("all")];
    expect(unreachablePolicies(list, types)).toEqual([]);
    expect(matchPolicy(list, anyOtherType, "LOW")?.id).toBe("all");
  });

  it("places a new policy above the catch-all that would hide it, and refuses a second catch-all", () => {
    const list = [p("vip", { requestTypeIds: ["repair"], priorities: ["URGENT"] }), p("all")];
    expect(placeNewPolicy(list, p("new", { priorities: ["HIGH"] }), types)).toEqual({ index: 1, movedAbove: list[1] });
    expect(placeNewPolicy(list, p("new", { requestTypeIds: ["move"], priorities: ["URGENT"] }), types)).toEqual({ index: 1, movedAbove: list[1] });
    expect(placeNewPolicy([p("narrow", { priorities: ["LOW"] })], p("new"), types)).toEqual({ index: 1, movedAbove: null });
    expect(placeNewPolicy(list, p("again"), types)).toBeNull();
    // Switched off, it hides nothing and stays last.
    expect(placeNewPolicy(list, p("later", { active: false }), types)).toEqual({ index: 2, movedAbove: null });
  });

  it("wherever a new policy is placed, no policy requests reached before is lost, and the new one is reached", () => {
    const policy = fc.record({
      id: fc.uuid(),
      name: fc.constant("x"),
      active: fc.boolean(),
      requestTypeIds: fc.subarray(types),
      priorities: fc.subarray([...policyPriorities]),
    });
    fc.assert(
      fc.property(fc.array(policy, { maxLength: 6 }), policy, (existing, added) => {
        const place = placeNewPolicy(existing, added, types);
        if (!place) return;
        const order = [...existing.slice(0, place.index), added, ...existing.slice(place.index)];
        expect(newlyUnreachable(existing, order, types)).toEqual([]);
      }),
    );
  });
});
