import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { accessTo, reopenDeadline, requestViewer, type RequestFacts } from "@/lib/requests/request-policy";
import { statuses, type Status } from "@/lib/validation/requests";

const person = (id: string, extra: Partial<Actor> = {}): Actor => ({ id, email: `${id}@x`, name: id, departmentId: "home", agentOf: [], headOf: [], hr: false, admin: false, ...extra });
const requester = person("req");
const follower = person("fol");
const agent = person("agt", { agentOf: ["fac"] });
const resolvedAt = new Date("2026-01-01T10:00:00Z");
const facts = (status: Status, isWatcher = false): RequestFacts => ({ departmentId: "fac", requesterId: "req", status, resolvedAt: status === "RESOLVED" || status === "CLOSED" ? resolvedAt : null, isWatcher });

describe("the request policy's flags across statuses", () => {
  it("lets the requester cancel only a request still being worked, and reopen only a resolved one within the window", () => {
    for (const status of statuses) {
      const can = requestViewer(requester, facts(status), resolvedAt).can;
      expect(can.cancel).toBe(["NEW", "OPEN", "WAITING_ON_REQUESTER"].includes(status));
      expect(can.reopen).toBe(status === "RESOLVED");
      expect(can.reply).toBe(status !== "CLOSED");
      expect(can.rate).toBe(status === "RESOLVED" || status === "CLOSED");
    }
    const late = new Date(reopenDeadline(resolvedAt).getTime() + 1);
    const viewer = requestViewer(requester, facts("RESOLVED"), late);
    expect(viewer.can.reopen).toBe(false);
    expect(viewer.reopenWindowPassed).toBe(true);
  });

  it("lets the department's agent transfer only while the request is worked, and triage until it is closed", () => {
    for (const status of statuses) {
      const can = requestViewer(agent, facts(status)).can;
      expect(can.transfer).toBe(["NEW", "OPEN", "WAITING_ON_REQUESTER"].includes(status));
      expect(can.changeStatus).toBe(status !== "CLOSED");
      expect(can.merge).toBe(status !== "CLOSED");
      expect(can.seeInternal).toBe(true);
      expect(can.cancel || can.reopen || can.rate).toBe(false);
    }
  });

  it("gives a follower public replies only, and says they lose the request when they stop following", () => {
    const viewer = requestViewer(follower, facts("OPEN", true));
    expect(viewer.can).toMatchObject({ view: true, seeInternal: false, note: false, reply: true, cancel: false, unfollow: true, removeFollowers: false });
    expect(viewer.seesOnlyAsFollower).toBe(true);
    // An agent of the department who also follows keeps seeing it.
    expect(requestViewer(agent, facts("OPEN", true)).seesOnlyAsFollower).toBe(false);
    expect(requestViewer(follower, facts("OPEN", false)).can.view).toBe(false);
  });

  it("gives an approver the public side and the decision while approval is pending, never work on it", () => {
    const approver = person("apr");
    const pending = { ...facts("NEW"), isApprover: true, approvalState: "PENDING" as const };
    expect(requestViewer(approver, pending).can).toMatchObject({ view: true, approve: true, seeInternal: false, reply: false, note: false, changeStatus: false, follow: false });
    // Not asked (any more): nothing.
    expect(requestViewer(approver, { ...pending, isApprover: false }).can.view).toBe(false);
    // The requester never approves their own request, whatever a step names.
    expect(requestViewer(requester, { ...pending, isApprover: true }).can.approve).toBe(false);
    // The department waits: no triage, no reply as the department, no transfer or merge; notes are its own.
    expect(requestViewer(agent, { ...pending, isApprover: false }).can).toMatchObject({ view: true, approve: false, changeStatus: false, assign: false, reply: false, transfer: false, merge: false, note: true });
    expect(requestViewer(agent, { ...pending, isApprover: false, approvalState: "APPROVED" }).can).toMatchObject({ changeStatus: true, reply: true, transfer: true });
  });

  it("builds scopes from the table: HR and admins reach no request, an agent their departments", () => {
    expect(accessTo(person("hr", { hr: true, admin: true }), "request.view")).toEqual({ everything: false, asRequester: true, asWatcher: true, asApprover: true, departmentIds: [] });
    expect(accessTo(person("h", { agentOf: ["fac", "it"], headOf: ["it"] }), "request.viewInternal")).toEqual({ everything: false, asRequester: false, asWatcher: false, asApprover: false, departmentIds: ["fac", "it"] });
  });
});
