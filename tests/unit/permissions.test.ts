import { describe, expect, it } from "vitest";
import { can, permissionTable, type Actor } from "@/lib/auth/permissions";

const base: Actor = { id: "p", email: "p@x", name: "P", departmentId: "home", agentOf: [], headOf: [], hr: false, admin: false };

describe("permission table", () => {
  it("lets an employee file and browse but not work a queue", () => {
    expect(can(base, "request.file")).toBe(true);
    expect(can(base, "catalog.browse")).toBe(true);
    expect(can(base, "queue.view", { departmentId: "fac" })).toBe(false);
    expect(can(base, "request.note", { departmentId: "fac", isRequester: true })).toBe(false);
    expect(can(base, "request.viewInternal", { departmentId: "fac", isRequester: true })).toBe(false);
  });

  it("binds agent rights to the agent's own departments", () => {
    const agent = { ...base, agentOf: ["it"] };
    expect(can(agent, "request.triage", { departmentId: "it" })).toBe(true);
    expect(can(agent, "request.triage", { departmentId: "fac" })).toBe(false);
    expect(can(agent, "department.configure", { departmentId: "it" })).toBe(false);
  });

  it("gives a head configuration and insights of their department only", () => {
    const head = { ...base, agentOf: ["fac"], headOf: ["fac"] };
    expect(can(head, "department.configure", { departmentId: "fac" })).toBe(true);
    expect(can(head, "insights.department", { departmentId: "fac" })).toBe(true);
    expect(can(head, "insights.department", { departmentId: "it" })).toBe(false);
  });

  it("keeps HR to organisation-wide aggregates and away from requests", () => {
    const hr = { ...base, hr: true };
    expect(can(hr, "insights.organisation")).toBe(true);
    expect(can(hr, "request.viewInternal", { departmentId: "fac" })).toBe(false);
    expect(can(hr, "org.manage")).toBe(false);
  });

  it("reserves directory management to admins", () => {
    expect(can({ ...base, admin: true }, "org.manage")).toBe(true);
    expect(can({ ...base, agentOf: ["x"], headOf: ["x"], hr: true }, "org.manage")).toBe(false);
  });

  it("only lets the requester reopen", () => {
    expect(can({ ...base, agentOf: ["fac"] }, "request.reopen", { departmentId: "fac" })).toBe(false);
    expect(can(base, "request.reopen", { isRequester: true })).toBe(true);
    expect(Object.keys(permissionTable).length).toBeGreaterThan(10);
  });
});
