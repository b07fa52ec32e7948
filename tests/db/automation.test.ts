import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { fireRule, ruleSelect } from "@/lib/automation/fire-rule";
import { createRule, moveRule, setRuleEnabled, updateRule } from "@/lib/automation/manage-rules";
import { ruleActor } from "@/lib/automation/rule-actor";
import { runEventRules } from "@/lib/automation/run-event-rules";
import { sweepTimeRules } from "@/lib/automation/sweep-time-rules";
import { automationLog, automationSettings } from "@/lib/automation/rule-settings";
import { applyMacro } from "@/lib/canned-responses/apply-macro";
import { createCannedResponse } from "@/lib/canned-responses/manage-canned-responses";
import { db } from "@/lib/db/client";
import { departmentCalendar, typicalDayMinutes } from "@/lib/experience/working-day";
import { createDepartment } from "@/lib/org/manage-departments";
import { addComment } from "@/lib/requests/add-comment";
import { fileRequest } from "@/lib/requests/file-request";
import { listQueue } from "@/lib/requests/list-queue";
import { setRequestTags } from "@/lib/requests/set-request-tags";
import { updateRequest } from "@/lib/requests/update-request";
import { addBusinessMinutes } from "@/lib/sla";
import type { CreateRuleInput } from "@/lib/validation/automation";
import { expectAppError } from "../support/expect-app-error";
import { actorOf, seedDesk, seedPerson, uid } from "../support/factories";

type Desk = Awaited<ReturnType<typeof seedDesk>>;
let desk: Desk;
beforeEach(async () => {
  desk = await seedDesk([{ key: "site", label: "Site", kind: "text" }]);
});

const file = (actor: Actor = desk.requester, fieldValues: Record<string, unknown> = {}) =>
  fileRequest({ actor, input: { typeId: desk.type.id, title: "Broken lamp", description: "It flickers", fieldValues, submissionKey: `k-${uid()}` } });

const rule = (input: Partial<CreateRuleInput> & Pick<CreateRuleInput, "trigger" | "actions">) =>
  createRule({ actor: desk.head, input: { departmentId: desk.provider.id, name: `Rule ${uid()}`, conditions: {}, ...input } });

/** Runs the event worker until the queue of this test's events is empty (bounded: a loop would never empty it). */
async function drain() {
  for (let i = 0; i < 50; i++) {
    const { claimed } = await runEventRules();
    if (claimed === 0) return i;
  }
  throw new Error("the automation queue never emptied: rules are triggering rules");
}

const runsOf = (requestId: string) => db().automationRun.findMany({ where: { requestId }, orderBy: { id: "asc" } });

describe("event rules", () => {
  it("fire once per trigger in position order, acting as the rule's own person through the use cases", async () => {
    const team = await db().team.create({ data: { departmentId: desk.provider.id, name: `Desk ${uid()}` } });
    const first = await rule({ trigger: "request_filed", conditions: { fields: [{ key: "site", value: "berlin" }] }, actions: { setTeamId: team.id, addTags: ["Berlin"], note: "Filed from {{request.reference}}" } });
    const second = await rule({ trigger: "request_filed", actions: { setPriority: "HIGH", addFollowerIds: [desk.agent.id] } });
    const filed = await file(desk.requester, { site: "Berlin" });
    await drain();
    await drain();

    const request = await db().request.findUniqueOrThrow({ where: { id: filed.id }, include: { watchers: true } });
    expect(request).toMatchObject({ teamId: team.id, tags: ["berlin"], priority: "HIGH" });
    expect(request.watchers.map((w) => w.personId)).toContain(desk.agent.id);
    const runs = await runsOf(filed.id);
    expect(runs.map((r) => [r.ruleId, r.outcome])).toEqual([
      [first.id, "done"],
      [second.id, "done"],
    ]);
    const note = await db().comment.findFirstOrThrow({ where: { requestId: filed.id, visibility: "INTERNAL" } });
    expect(note).toMatchObject({ authorId: first.actorId, body: `Filed from ${filed.reference}` });
    const actors = await db().requestEvent.findMany({ where: { requestId: filed.id, type: { in: ["team_changed", "tags_changed", "priority_changed"] } }, select: { actorId: true } });
    expect(new Set(actors.map((a) => a.actorId))).toEqual(new Set([first.actorId, second.actorId]));
    // The rules' own changes queued nothing: rules never trigger rules.
    expect(await db().automationPending.count({ where: { requestId: filed.id } })).toBe(0);
    // The agents' log on the request says what fired and why.
    const log = await automationLog({ actor: desk.agent, requestId: filed.id });
    expect(log.map((l) => l.ruleName)).toEqual([first.name, second.name]);
    expect(log[0]!.detail).toContain("The request was filed.");
    await expectAppError(automationLog({ actor: desk.requester, requestId: filed.id }), "NOT_FOUND");
  });

  it("a condition that does not hold fires nothing; the requester's reply fires its rule, an agent's does not", async () => {
    await rule({ trigger: "request_filed", conditions: { priorities: ["URGENT"] }, actions: { addTags: ["urgent"] } });
    const replied = await rule({ trigger: "requester_replied", actions: { setStatus: "OPEN", note: "The requester answered." } });
    const filed = await file();
    await updateRequest({ actor: desk.agent, input: { requestId: filed.id, status: "WAITING_ON_REQUESTER" } });
    await addComment({ actor: desk.agent, input: { requestId: filed.id, body: "Which lamp?", visibility: "PUBLIC" } });
    await drain();
    expect(await runsOf(filed.id)).toEqual([]);
    await addComment({ actor: desk.requester, input: { requestId: filed.id, body: "The one by the window", visibility: "PUBLIC" } });
    await drain();
    const runs = await runsOf(filed.id);
    expect(runs.map((r) => [r.ruleId, r.outcome])).toEqual([[replied.id, "done"]]);
    expect((await db().request.findUniqueOrThrow({ where: { id: filed.id } })).tags).toEqual([]);
  });

  it("a disabled rule does not fire; switched on again it counts from then, not from the past", async () => {
    const r = await rule({ trigger: "status_changed", actions: { addTags: ["moved"] } });
    await setRuleEnabled({ actor: desk.head, input: { ruleId: r.id, enabled: false } });
    const filed = await file();
    await updateRequest({ actor: desk.agent, input: { requestId: filed.id, status: "OPEN" } });
    await drain();
    expect(await runsOf(filed.id)).toEqual([]);
    const on = await setRuleEnabled({ actor: desk.head, input: { ruleId: r.id, enabled: true } });
    expect(on.activeFrom.getTime()).toBeGreaterThan(r.activeFrom.getTime());
    await updateRequest({ actor: desk.agent, input: { requestId: filed.id, status: "WAITING_ON_REQUESTER" } });
    await drain();
    expect((await runsOf(filed.id)).length).toBe(1);
  });

  it("a rule cannot act outside its department", async () => {
    const r = await rule({ trigger: "request_filed", actions: { setPriority: "URGENT" } });
    const loaded = await db().automationRule.findUniqueOrThrow({ where: { id: r.id }, select: ruleSelect });
    const otherType = await db().requestType.create({ data: { departmentId: desk.other.id, slug: `t-${uid()}`, name: "Other", fields: [], defaultPriority: "NORMAL" } });
    const elsewhere = await fileRequest({ actor: desk.agent, input: { typeId: otherType.id, title: "Elsewhere", description: "Not ours", fieldValues: {}, submissionKey: `k-${uid()}` } });
    expect(await fireRule({ rule: loaded, requestId: elsewhere.id, occurrence: "event:test", why: "Test." })).toBe("not_matched");
    // Its person is an agent of its own department only: the policy hides other requests from it.
    await expectAppError(updateRequest({ actor: ruleActor(loaded), input: { requestId: elsewhere.id, priority: "URGENT" } }), "NOT_FOUND");
    expect((await db().request.findUniqueOrThrow({ where: { id: elsewhere.id } })).priority).toBe("NORMAL");
    expect(await runsOf(elsewhere.id)).toEqual([]);
  });

  it("a refused action is logged as failed and stops the rest", async () => {
    const r = await rule({ trigger: "status_changed", actions: { note: "Closing note", setPriority: "HIGH" } });
    const filed = await file();
    await updateRequest({ actor: desk.agent, input: { requestId: filed.id, status: "CLOSED" } });
    await drain();
    const [run] = await runsOf(filed.id);
    expect(run).toMatchObject({ ruleId: r.id, outcome: "failed" });
    expect(run!.detail).toContain("closed");
    expect((await db().request.findUniqueOrThrow({ where: { id: filed.id } })).priority).toBe("NORMAL");
  });
});

describe("managing rules", () => {
  it("heads create, edit, reorder and switch rules, each change audited; the rule's person follows its name", async () => {
    const a = await rule({ name: "Tag VIPs", trigger: "request_filed", actions: { addTags: ["vip"] } });
    const b = await rule({ name: "Chase", trigger: "no_activity_hours", triggerCount: 4, actions: { note: "Nothing for 4 hours" } });
    expect(b.position).toBe(a.position + 1);
    await updateRule({ actor: desk.head, input: { ruleId: a.id, name: "Tag very important people", trigger: "request_filed", conditions: {}, actions: { addTags: ["vip"] } } });
    expect((await db().person.findUniqueOrThrow({ where: { id: a.actorId } })).name).toBe("Automation: Tag very important people");
    await moveRule({ actor: desk.head, input: { ruleId: b.id, direction: "up" } });
    const settings = await automationSettings({ actor: desk.head, departmentKey: desk.provider.key });
    expect(settings.rules.map((r) => r.id)).toEqual([b.id, a.id]);
    await setRuleEnabled({ actor: desk.head, input: { ruleId: a.id, enabled: false } });
    const audit = await db().auditEvent.findMany({ where: { subject: { in: [`automation-rule:${a.id}`, `automation-rule:${b.id}`] } }, orderBy: { id: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["automation_rule.created", "automation_rule.created", "automation_rule.updated", "automation_rule.moved", "automation_rule.disabled"]);
    // The rule's person is nobody's co-worker: inactive, with no role.
    const person = await db().person.findUniqueOrThrow({ where: { id: a.actorId }, include: { roles: true } });
    expect(person).toMatchObject({ active: false, roles: [] });
  });

  it("a non-head cannot edit rules: agents are refused, everyone else finds nothing", async () => {
    const r = await rule({ trigger: "request_filed", actions: { addTags: ["x"] } });
    const otherHead = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "HEAD", departmentId: desk.other.id }] })).id);
    const input = { departmentId: desk.provider.id, name: "Mine", trigger: "request_filed" as const, conditions: {}, actions: { addTags: ["y"] } };
    await expectAppError(createRule({ actor: desk.agent, input }), "FORBIDDEN");
    await expectAppError(updateRule({ actor: desk.agent, input: { ruleId: r.id, name: "Mine", trigger: "request_filed", conditions: {}, actions: { addTags: ["y"] } } }), "FORBIDDEN");
    await expectAppError(setRuleEnabled({ actor: desk.agent, input: { ruleId: r.id, enabled: false } }), "FORBIDDEN");
    for (const actor of [desk.requester, otherHead, desk.outsiderAgent]) {
      await expectAppError(createRule({ actor, input }), "NOT_FOUND");
      await expectAppError(moveRule({ actor, input: { ruleId: r.id, direction: "down" } }), "NOT_FOUND");
      await expectAppError(automationSettings({ actor, departmentKey: desk.provider.key }), "NOT_FOUND");
    }
    expect(await db().automationRule.count({ where: { departmentId: desk.provider.id } })).toBe(1);
    expect((await db().automationRule.findUniqueOrThrow({ where: { id: r.id } })).enabled).toBe(true);
  });

  it("bad rule input gives a message beside the field and changes nothing", async () => {
    const otherTeam = await db().team.create({ data: { departmentId: desk.other.id, name: `T ${uid()}` } });
    const base = { departmentId: desk.provider.id, name: "Fine", trigger: "request_filed" as const, conditions: {}, actions: { addTags: ["ok"] } };
    const cases: [Partial<CreateRuleInput>, string][] = [
      [{ name: " " }, "name"],
      [{ trigger: "sometimes" as never }, "trigger"],
      [{ trigger: "waiting_on_requester" }, "triggerCount"],
      [{ trigger: "waiting_on_requester", triggerCount: 0 }, "triggerCount"],
      [{ actions: {} }, "actions._actions"],
      [{ actions: { addTags: ["two words"] } }, "actions.addTags.0"],
      [{ actions: { setTeamId: otherTeam.id } }, "actions.setTeamId"],
      [{ actions: { setAssigneeId: desk.requester.id } }, "actions.setAssigneeId"],
      [{ actions: { transferToDepartmentId: desk.provider.id } }, "actions.transferToDepartmentId"],
      [{ actions: { notifyPersonIds: [desk.agent.id] } }, "actions.notifyMessage"],
      [{ conditions: { typeIds: ["nope"] } }, "conditions.typeIds"],
      [{ conditions: { priorities: ["SOON" as never] } }, "conditions.priorities.0"],
    ];
    for (const [change, field] of cases) {
      const error = await expectAppError(createRule({ actor: desk.head, input: { ...base, ...change } }), "INVALID_INPUT");
      expect(Object.keys(error.fieldErrors ?? {}), JSON.stringify(change)).toContain(field);
    }
    expect(await db().automationRule.count({ where: { departmentId: desk.provider.id } })).toBe(0);
    await createRule({ actor: desk.head, input: base });
    await expectAppError(createRule({ actor: desk.head, input: { ...base, name: "FINE" } }), "INVALID_INPUT");
  });
});

describe("the built-in defaults", () => {
  it("a new department gets the three defaults, switched on", async () => {
    const admin = await actorOf((await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "ADMIN" }] })).id);
    const key = `D${uid().toUpperCase().slice(0, 5)}`;
    const department = await createDepartment({ actor: admin, input: { key, name: `New ${key}`, timeZone: "Europe/Berlin" } });
    const rules = await db().automationRule.findMany({ where: { departmentId: department.id }, orderBy: { position: "asc" } });
    expect(rules.map((r) => [r.builtIn, r.trigger, r.triggerCount, r.enabled])).toEqual([
      ["remind", "waiting_on_requester", 3, true],
      ["resolve", "waiting_on_requester", 10, true],
      ["close", "resolved_for_days", 7, true],
    ]);
  });

  it("remind the requester at 3 business days, resolve at 10 with a notice, close 7 days later", async () => {
    const { createDefaultRules } = await import("@/lib/automation/default-rules");
    await db().$transaction((tx) => createDefaultRules(tx, desk.provider.id));
    const rules = await db().automationRule.findMany({ where: { departmentId: desk.provider.id }, orderBy: { position: "asc" } });
    const filed = await file();
    await updateRequest({ actor: desk.agent, input: { requestId: filed.id, status: "WAITING_ON_REQUESTER" } });
    const since = (await db().requestEvent.findFirstOrThrow({ where: { requestId: filed.id, type: "status_changed" }, orderBy: { id: "desc" } })).createdAt;
    const calendar = departmentCalendar({ timeZone: desk.provider.timeZone, definitions: [] });
    const day = typicalDayMinutes(calendar);
    const at = (days: number, plusMinutes = 0) => new Date(addBusinessMinutes(calendar, since, days * day).getTime() + plusMinutes * 60_000);
    const publicReplies = () => db().comment.findMany({ where: { requestId: filed.id, visibility: "PUBLIC" }, orderBy: { createdAt: "asc" } });

    await sweepTimeRules({ now: at(3, -1) });
    expect(await publicReplies()).toEqual([]);
    await sweepTimeRules({ now: at(3, 1) });
    await sweepTimeRules({ now: at(3, 2) });
    const reminded = await publicReplies();
    expect(reminded).toHaveLength(1);
    expect(reminded[0]).toMatchObject({ authorId: rules[0]!.actorId });
    expect(reminded[0]!.body).toContain(filed.reference);
    expect((await db().request.findUniqueOrThrow({ where: { id: filed.id } })).status).toBe("WAITING_ON_REQUESTER");

    await sweepTimeRules({ now: at(10, -1) });
    expect((await db().request.findUniqueOrThrow({ where: { id: filed.id } })).status).toBe("WAITING_ON_REQUESTER");
    await sweepTimeRules({ now: at(10, 1) });
    const resolved = await db().request.findUniqueOrThrow({ where: { id: filed.id } });
    expect(resolved.status).toBe("RESOLVED");
    expect(await publicReplies()).toHaveLength(2);

    // Resolved by the rule at the sweep's (injected) clock: 7 days count from that firing.
    const resolvedAt = at(10, 1).getTime();
    await sweepTimeRules({ now: new Date(resolvedAt + 7 * 86_400_000 - 60_000) });
    expect((await db().request.findUniqueOrThrow({ where: { id: filed.id } })).status).toBe("RESOLVED");
    await sweepTimeRules({ now: new Date(resolvedAt + 7 * 86_400_000 + 60_000) });
    expect((await db().request.findUniqueOrThrow({ where: { id: filed.id } })).status).toBe("CLOSED");
    expect((await runsOf(filed.id)).map((r) => [r.ruleId, r.outcome])).toEqual(rules.map((r) => [r.id, "done"]));
  });

  it("a requester who answers in time stops the clock: the stretch of waiting that fires is the current one", async () => {
    const { createDefaultRules } = await import("@/lib/automation/default-rules");
    await db().$transaction((tx) => createDefaultRules(tx, desk.provider.id));
    const filed = await file();
    await updateRequest({ actor: desk.agent, input: { requestId: filed.id, status: "WAITING_ON_REQUESTER" } });
    await addComment({ actor: desk.requester, input: { requestId: filed.id, body: "Here you go", visibility: "PUBLIC" } });
    await sweepTimeRules({ now: new Date(Date.now() + 30 * 86_400_000) });
    expect(await runsOf(filed.id)).toEqual([]);
    expect((await db().request.findUniqueOrThrow({ where: { id: filed.id } })).status).toBe("OPEN");
  });
});

describe("tags and macros", () => {
  it("agents tag requests and the queue filters by tag; requesters and other departments cannot", async () => {
    const a = await file();
    const b = await file();
    await setRequestTags({ actor: desk.agent, input: { requestId: a.id, tags: "printer, Urgent-fix" } });
    expect((await db().request.findUniqueOrThrow({ where: { id: a.id } })).tags).toEqual(["printer", "urgent-fix"]);
    const queue = await listQueue({ actor: desk.agent, departmentKey: desk.provider.key, filter: { tag: "printer" } });
    expect(queue.rows.map((r) => r.id)).toEqual([a.id]);
    await expectAppError(setRequestTags({ actor: desk.requester, input: { requestId: b.id, tags: "mine" } }), "FORBIDDEN");
    await expectAppError(setRequestTags({ actor: desk.outsiderAgent, input: { requestId: b.id, tags: "mine" } }), "NOT_FOUND");
    const bad = await expectAppError(setRequestTags({ actor: desk.agent, input: { requestId: b.id, tags: "no/slashes" } }), "INVALID_INPUT");
    expect(Object.keys(bad.fieldErrors ?? {})).toContain("tags.0");
    expect((await db().request.findUniqueOrThrow({ where: { id: b.id } })).tags).toEqual([]);
    const events = await db().requestEvent.findMany({ where: { requestId: a.id, type: "tags_changed" } });
    expect(events).toHaveLength(1);
  });

  it("a canned response can also set status, priority and assignee in one step", async () => {
    const macro = await createCannedResponse({
      actor: desk.head,
      input: { departmentId: desk.provider.id, title: `Need info ${uid()}`, body: "Hello {{requester.firstName}}, which room?", changes: { setStatus: "WAITING_ON_REQUESTER", setPriority: "HIGH", setAssigneeId: desk.agent.id } },
    });
    const filed = await file();
    const result = await applyMacro({ actor: desk.agent, input: { requestId: filed.id, cannedResponseId: macro.id } });
    expect(result.changed).toEqual(["status", "priority", "assignee"]);
    expect(await db().request.findUniqueOrThrow({ where: { id: filed.id } })).toMatchObject({ status: "WAITING_ON_REQUESTER", priority: "HIGH", assigneeId: desk.agent.id });
    await expectAppError(applyMacro({ actor: desk.requester, input: { requestId: filed.id, cannedResponseId: macro.id } }), "NOT_FOUND");
    await expectAppError(applyMacro({ actor: desk.outsiderAgent, input: { requestId: filed.id, cannedResponseId: macro.id } }), "NOT_FOUND");
    const bad = await expectAppError(
      createCannedResponse({ actor: desk.head, input: { departmentId: desk.provider.id, title: `Bad ${uid()}`, body: "x", changes: { setAssigneeId: desk.requester.id } } }),
      "INVALID_INPUT",
    );
    expect(Object.keys(bad.fieldErrors ?? {})).toContain("changes.setAssigneeId");
  });
});

describe("properties", () => {
  it("rules never loop and fire exactly once per trigger, with concurrent workers and people changing requests at once", async () => {
    // Rules whose actions would trigger each other (and themselves) if rule changes were events for rules.
    await rule({ trigger: "status_changed", actions: { setPriority: "HIGH", addTags: ["touched"] } });
    await rule({ trigger: "field_matches", actions: { setStatus: "OPEN" } });
    await rule({ trigger: "requester_replied", actions: { setStatus: "WAITING_ON_REQUESTER", note: "Back to you" } });
    const step = fc.constantFrom("status", "priority", "reply", "note", "work");
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 8 }), fc.integer({ min: 2, max: 4 }), async (steps, workers) => {
        const filed = await file();
        const people = steps.map(async (s, i) => {
          try {
            if (s === "status") await updateRequest({ actor: desk.agent, input: { requestId: filed.id, status: i % 2 ? "OPEN" : "WAITING_ON_REQUESTER" } });
            if (s === "priority") await updateRequest({ actor: desk.agent, input: { requestId: filed.id, priority: i % 2 ? "LOW" : "URGENT" } });
            if (s === "reply") await addComment({ actor: desk.requester, input: { requestId: filed.id, body: `Reply ${i}`, visibility: "PUBLIC" } });
            if (s === "note") await addComment({ actor: desk.agent, input: { requestId: filed.id, body: `Note ${i}`, visibility: "INTERNAL" } });
            if (s === "work") await runEventRules();
          } catch {
            // A person's change refused at the moment (e.g. nothing to change) is not the point here.
          }
        });
        await Promise.all([...people, ...Array.from({ length: workers }, () => runEventRules())]);
        await Promise.all(Array.from({ length: workers }, () => drain()));
        await drain();

        const events = await db().requestEvent.findMany({ where: { requestId: filed.id }, select: { id: true, type: true, actorId: true, to: true } });
        const ruleActors = new Set((await db().automationRule.findMany({ where: { departmentId: desk.provider.id }, select: { actorId: true } })).map((r) => r.actorId));
        const runs = await runsOf(filed.id);
        // Never recursive: no run was triggered by an event a rule wrote.
        for (const run of runs) {
          const eventId = BigInt(run.occurrence.replace("event:", ""));
          const event = events.find((e) => e.id === eventId);
          expect(event && !ruleActors.has(event.actorId ?? "")).toBe(true);
        }
        // Exactly once: one run per (rule, triggering event), and every triggering event of a person was looked at.
        expect(new Set(runs.map((r) => `${r.ruleId}/${r.occurrence}`)).size).toBe(runs.length);
        const byPeople = events.filter((e) => !ruleActors.has(e.actorId ?? ""));
        const statusChanges = byPeople.filter((e) => e.type === "status_changed").length;
        expect(runs.filter((r) => r.detail.startsWith("The status changed.")).length).toBe(statusChanges);
        expect(await db().automationPending.count({ where: { requestId: filed.id } })).toBe(0);
      }),
      { numRuns: 8 },
    );
  });
});
