import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { addTeamMember, createTeam, removeTeamMember, renameTeam, setTeamRule } from "@/lib/org/manage-teams";
import { setAvailability } from "@/lib/org/set-availability";
import { searchDepartmentAgents, teamSettings } from "@/lib/org/team-settings";
import { assignByTeamRule } from "@/lib/requests/assign-by-rule";
import { fileRequest } from "@/lib/requests/file-request";
import { updateRequest } from "@/lib/requests/update-request";
import { actorOf, seedDesk, seedPerson, seedPolicies, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";

type Desk = Awaited<ReturnType<typeof seedDesk>>;
let desk: Desk;
beforeEach(async () => {
  desk = await seedDesk();
});

const auditFor = (subject: string) => db().auditEvent.findMany({ where: { subject }, orderBy: { id: "asc" } });

async function agent(name: string, options: { active?: boolean } = {}) {
  const row = await seedPerson({ departmentId: desk.provider.id, name, active: options.active, roles: [{ role: "AGENT", departmentId: desk.provider.id }] });
  return row;
}

/** A team of the desk's department with these members and rule, default team of the desk's request type. */
async function staffedTeam(rule: "ROUND_ROBIN" | "LEAST_LOADED" | "MANUAL", memberIds: string[]) {
  const team = await createTeam({ actor: desk.head, input: { departmentId: desk.provider.id, name: `Team ${uid()}` } });
  for (const personId of memberIds) await addTeamMember({ actor: desk.head, input: { teamId: team.id, personId } });
  await setTeamRule({ actor: desk.head, input: { teamId: team.id, rule } });
  await db().requestType.update({ where: { id: desk.type.id }, data: { defaultTeamId: team.id } });
  return team;
}

const file = (requester: Actor = desk.requester) =>
  fileRequest({ actor: requester, input: { typeId: desk.type.id, title: "Lamp broken", description: "In 2.01", fieldValues: {}, submissionKey: `k-${uid()}` } });
const assigneeOf = async (id: string) => (await db().request.findUniqueOrThrow({ where: { id }, select: { assigneeId: true } })).assigneeId;

describe("teams for the head", () => {
  it("creates, renames, staffs and sets the rule of a team, with an audit event for each change", async () => {
    const a = await agent("Anna Agent");
    const team = await createTeam({ actor: desk.head, input: { departmentId: desk.provider.id, name: "Plumbing" } });
    await renameTeam({ actor: desk.head, input: { teamId: team.id, name: "Plumbing & heating" } });
    expect(await addTeamMember({ actor: desk.head, input: { teamId: team.id, personId: a.id } })).toEqual({ added: true });
    expect(await addTeamMember({ actor: desk.head, input: { teamId: team.id, personId: a.id } })).toEqual({ added: false });
    await addTeamMember({ actor: desk.head, input: { teamId: team.id, personId: desk.agent.id } });
    await removeTeamMember({ actor: desk.head, input: { teamId: team.id, personId: desk.agent.id } });
    await setTeamRule({ actor: desk.head, input: { teamId: team.id, rule: "LEAST_LOADED" } });

    const row = await db().team.findUniqueOrThrow({ where: { id: team.id }, include: { members: true } });
    expect(row).toMatchObject({ name: "Plumbing & heating", assignmentRule: "LEAST_LOADED" });
    expect(row.members.map((m) => m.personId)).toEqual([a.id]);
    expect((await auditFor(`team:${team.id}`)).map((e) => e.action)).toEqual([
      "team.created",
      "team.renamed",
      "team.member_added",
      "team.member_added",
      "team.member_removed",
      "team.rule_set",
    ]);
    const settings = await teamSettings({ actor: desk.head, departmentKey: desk.provider.key.toLowerCase() });
    expect(settings.teams.map((t) => [t.name, t.rule, t.members.map((m) => m.id)])).toEqual([["Plumbing & heating", "LEAST_LOADED", [a.id]]]);
    expect((await searchDepartmentAgents({ actor: desk.head, departmentId: desk.provider.id, query: "anna" })).map((p) => p.id)).toEqual([a.id]);
  });

  it("refuses bad input with a message beside the field and changes nothing", async () => {
    const team = await createTeam({ actor: desk.head, input: { departmentId: desk.provider.id, name: "Electrics" } });
    const deactivated = await agent("Gone Agent", { active: false });
    const cases: [() => Promise<unknown>, string][] = [
      [() => createTeam({ actor: desk.head, input: { departmentId: desk.provider.id, name: "x" } }), "name"],
      [() => createTeam({ actor: desk.head, input: { departmentId: desk.provider.id, name: "ELECTRICS" } }), "name"],
      [() => renameTeam({ actor: desk.head, input: { teamId: team.id, name: "y".repeat(81) } }), "name"],
      [() => addTeamMember({ actor: desk.head, input: { teamId: team.id, personId: desk.requester.id } }), "personId"],
      [() => addTeamMember({ actor: desk.head, input: { teamId: team.id, personId: desk.outsiderAgent.id } }), "personId"],
      [() => addTeamMember({ actor: desk.head, input: { teamId: team.id, personId: deactivated.id } }), "personId"],
      [() => removeTeamMember({ actor: desk.head, input: { teamId: team.id, personId: desk.agent.id } }), "personId"],
      [() => setTeamRule({ actor: desk.head, input: { teamId: team.id, rule: "RANDOM" as never } }), "rule"],
    ];
    for (const [call, field] of cases) {
      const error = await expectAppError(call(), "INVALID_INPUT");
      expect(Object.keys(error.fieldErrors ?? {})).toContain(field);
    }
    const row = await db().team.findUniqueOrThrow({ where: { id: team.id }, include: { members: true } });
    expect(row).toMatchObject({ name: "Electrics", assignmentRule: "MANUAL" });
    expect(row.members).toEqual([]);
    expect(await db().team.count({ where: { departmentId: desk.provider.id } })).toBe(1);
  });

  it("refuses agents (FORBIDDEN), and hides the teams from other heads and requesters (NOT_FOUND)", async () => {
    const team = await createTeam({ actor: desk.head, input: { departmentId: desk.provider.id, name: "Locks" } });
    const otherHead = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "HEAD", departmentId: desk.other.id }, { role: "AGENT", departmentId: desk.other.id }] })).id);
    const calls = (actor: Actor) => [
      () => createTeam({ actor, input: { departmentId: desk.provider.id, name: "Shadow" } }),
      () => renameTeam({ actor, input: { teamId: team.id, name: "Renamed" } }),
      () => addTeamMember({ actor, input: { teamId: team.id, personId: desk.agent.id } }),
      () => removeTeamMember({ actor, input: { teamId: team.id, personId: desk.agent.id } }),
      () => setTeamRule({ actor, input: { teamId: team.id, rule: "ROUND_ROBIN" } }),
    ];
    for (const call of calls(desk.agent)) await expectAppError(call(), "FORBIDDEN");
    for (const actor of [otherHead, desk.requester, desk.outsiderAgent]) {
      for (const call of calls(actor)) await expectAppError(call(), "NOT_FOUND");
      await expectAppError(teamSettings({ actor, departmentKey: desk.provider.key }), "NOT_FOUND");
      await expectAppError(searchDepartmentAgents({ actor, departmentId: desk.provider.id, query: "pe" }), "NOT_FOUND");
    }
    await expectAppError(teamSettings({ actor: desk.agent, departmentKey: desk.provider.key }), "NOT_FOUND");
    const row = await db().team.findUniqueOrThrow({ where: { id: team.id }, include: { members: true } });
    expect(row).toMatchObject({ name: "Locks", assignmentRule: "MANUAL", members: [] });
    expect(await db().team.count({ where: { departmentId: desk.provider.id } })).toBe(1);
  });
});

describe("availability", () => {
  it("lets an agent set themself away and back, and the head set it for their agents", async () => {
    await setAvailability({ actor: desk.agent, input: { available: false } });
    expect((await db().person.findUniqueOrThrow({ where: { id: desk.agent.id } })).available).toBe(false);
    await setAvailability({ actor: desk.head, input: { personId: desk.agent.id, available: true } });
    expect((await db().person.findUniqueOrThrow({ where: { id: desk.agent.id } })).available).toBe(true);
    expect((await auditFor(`person:${desk.agent.id}`)).map((e) => [e.action, e.actorId])).toEqual([
      ["person.availability_set", desk.agent.id],
      ["person.availability_set", desk.head.id],
    ]);
  });

  it("refuses colleagues, other heads, requesters and bad input, and changes nothing", async () => {
    const colleague = await actorOf((await agent("Carl Colleague")).id);
    const otherHead = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "HEAD", departmentId: desk.other.id }] })).id);
    await expectAppError(setAvailability({ actor: colleague, input: { personId: desk.agent.id, available: false } }), "FORBIDDEN");
    await expectAppError(setAvailability({ actor: otherHead, input: { personId: desk.agent.id, available: false } }), "NOT_FOUND");
    await expectAppError(setAvailability({ actor: desk.requester, input: { personId: desk.agent.id, available: false } }), "NOT_FOUND");
    await expectAppError(setAvailability({ actor: desk.requester, input: { available: false } }), "FORBIDDEN");
    await expectAppError(setAvailability({ actor: desk.head, input: { personId: desk.requester.id, available: false } }), "NOT_FOUND");
    await expectAppError(setAvailability({ actor: desk.agent, input: { available: "no" as never } }), "INVALID_INPUT");
    expect((await db().person.findUniqueOrThrow({ where: { id: desk.agent.id } })).available).toBe(true);
    expect(await db().auditEvent.count({ where: { subject: `person:${desk.agent.id}` } })).toBe(0);
  });
});

describe("assignment by the team's rule", () => {
  it("round robin: takes turns in name order on filing, skipping members who are away or deactivated", async () => {
    const ann = await agent(`Ann ${uid()}`);
    const bob = await agent(`Bob ${uid()}`);
    const cat = await agent(`Cat ${uid()}`);
    const dan = await agent(`Dan ${uid()}`);
    await staffedTeam("ROUND_ROBIN", [ann.id, bob.id, cat.id, dan.id]);
    const picks: (string | null)[] = [];
    for (let i = 0; i < 4; i++) picks.push(await assigneeOf((await file()).id));
    expect(picks).toEqual([ann.id, bob.id, cat.id, dan.id]);

    await setAvailability({ actor: desk.head, input: { personId: ann.id, available: false } });
    await db().person.update({ where: { id: cat.id }, data: { active: false } });
    for (let i = 0; i < 3; i++) picks.push(await assigneeOf((await file()).id));
    expect(picks.slice(4)).toEqual([bob.id, dan.id, bob.id]);
  });

  it("records the assignment exactly as a manual one, attributed to the desk, and notifies the assignee", async () => {
    const ann = await agent(`Ann ${uid()}`);
    await seedPolicies(desk.provider.id, [{ firstResponse: 60, resolution: 600 }]);
    await staffedTeam("ROUND_ROBIN", [ann.id]);
    const auto = await file();
    await db().requestType.update({ where: { id: desk.type.id }, data: { defaultTeamId: null } });
    const manual = await file();
    await updateRequest({ actor: desk.head, input: { requestId: manual.id, expectedVersion: 1, assigneeId: ann.id } });

    const shape = async (id: string) => {
      const r = await db().request.findUniqueOrThrow({ where: { id }, include: { events: { orderBy: { id: "asc" } }, slaClocks: { orderBy: { metric: "asc" } } } });
      return {
        status: r.status,
        version: r.version,
        assigneeId: r.assigneeId,
        events: r.events.map((e) => ({ type: e.type, from: e.from, to: e.type === "created" ? null : e.to })),
        clocks: r.slaClocks.map((c) => ({ metric: c.metric, state: c.state, targetMinutes: c.targetMinutes })),
      };
    };
    expect(await shape(auto.id)).toEqual(await shape(manual.id));
    const events = await db().requestEvent.findMany({ where: { requestId: auto.id, type: { in: ["assigned", "status_changed"] } } });
    expect(events.map((e) => e.actorId)).toEqual([null, null]);
    const notices = await db().notification.findMany({ where: { requestId: auto.id, kind: "assigned" } });
    expect(notices.map((n) => n.personId)).toEqual([ann.id]);
    expect(notices[0]!.body).toContain("The desk");
  });

  it("least loaded: the member with the fewest open requests in the department, ties in turn order", async () => {
    const ann = await agent(`Ann ${uid()}`);
    const bob = await agent(`Bob ${uid()}`);
    const cat = await agent(`Cat ${uid()}`);
    const busy = await file();
    const busier = await file();
    const done = await file();
    await updateRequest({ actor: desk.head, input: { requestId: busy.id, expectedVersion: 1, assigneeId: ann.id } });
    await updateRequest({ actor: desk.head, input: { requestId: busier.id, expectedVersion: 1, assigneeId: ann.id } });
    await updateRequest({ actor: desk.head, input: { requestId: done.id, expectedVersion: 1, assigneeId: bob.id } });
    await updateRequest({ actor: desk.head, input: { requestId: done.id, expectedVersion: 2, status: "RESOLVED" } });
    await staffedTeam("LEAST_LOADED", [ann.id, bob.id, cat.id]);

    // Loads: Ann 2, Bob 0 (his one is resolved), Cat 0: Bob first in turn order, then Cat, then Bob (1) ties Cat (1): Bob again after Cat.
    const picks: (string | null)[] = [];
    for (let i = 0; i < 4; i++) picks.push(await assigneeOf((await file()).id));
    expect(picks).toEqual([bob.id, cat.id, bob.id, cat.id]);
    const fifth = await assigneeOf((await file()).id);
    expect(fifth).toBe(ann.id); // everyone at 2: Ann is next in turn after Cat
  });

  it("concurrent filings never give the same agent two requests in a row", async () => {
    const ann = await agent(`Ann ${uid()}`);
    const bob = await agent(`Bob ${uid()}`);
    await staffedTeam("ROUND_ROBIN", [ann.id, bob.id]);
    const requesters = await Promise.all(Array.from({ length: 10 }, async () => actorOf((await seedPerson({ departmentId: desk.other.id })).id)));
    const filed = await Promise.all(requesters.map((r) => file(r)));
    const assignees = await Promise.all(filed.map((f) => assigneeOf(f.id)));
    expect(assignees.filter((a) => a === ann.id)).toHaveLength(5);
    expect(assignees.filter((a) => a === bob.id)).toHaveLength(5);
    // In the order the team assigned them (numbers are taken before, so they need not follow it).
    const inOrder = await db().requestEvent.findMany({ where: { requestId: { in: filed.map((f) => f.id) }, type: "assigned" }, orderBy: { id: "asc" }, select: { to: true } });
    const turns = inOrder.map((e) => (e.to as { assigneeId: string }).assigneeId);
    expect(turns).toHaveLength(10);
    for (let i = 1; i < turns.length; i++) expect(turns[i]).not.toBe(turns[i - 1]);
  });

  it("concurrent 'assign by team rule' on two requests picks two different agents (the team row is locked)", async () => {
    const ann = await agent(`Ann ${uid()}`);
    const bob = await agent(`Bob ${uid()}`);
    const team = await staffedTeam("MANUAL", [ann.id, bob.id]);
    const [one, two] = [await file(), await file()];
    await setTeamRule({ actor: desk.head, input: { teamId: team.id, rule: "ROUND_ROBIN" } });
    const results = await Promise.all([one, two].map((r) => assignByTeamRule({ actor: desk.agent, input: { requestId: r.id, expectedVersion: 1 } })));
    expect(results.map((r) => r.assigneeId).sort()).toEqual([ann.id, bob.id].sort());
  });

  it("leaves the request unassigned, without an error, when no member is eligible or the team assigns by hand", async () => {
    const away = await agent(`Away ${uid()}`);
    await db().person.update({ where: { id: away.id }, data: { available: false } });
    const team = await staffedTeam("ROUND_ROBIN", [away.id]);
    const filed = await file();
    const row = await db().request.findUniqueOrThrow({ where: { id: filed.id }, include: { events: true } });
    expect(row).toMatchObject({ assigneeId: null, status: "NEW", version: 1, teamId: team.id });
    expect(row.events.map((e) => e.type)).toEqual(["created"]);
    expect(await assignByTeamRule({ actor: desk.agent, input: { requestId: filed.id, expectedVersion: 1 } })).toEqual({ version: 1, assigneeId: null, changed: false });

    await setTeamRule({ actor: desk.head, input: { teamId: team.id, rule: "MANUAL" } });
    await db().person.update({ where: { id: away.id }, data: { available: true } });
    expect(await assigneeOf((await file()).id)).toBeNull();
  });

  it("assigns on demand from the request page by the team's rule, for agents of the department only", async () => {
    const ann = await agent(`Ann ${uid()}`);
    const bob = await agent(`Bob ${uid()}`);
    const team = await staffedTeam("MANUAL", [ann.id, bob.id]);
    const filed = await file();
    await expectAppError(assignByTeamRule({ actor: desk.agent, input: { requestId: filed.id, expectedVersion: 1 } }), "INVALID_INPUT");
    await setTeamRule({ actor: desk.head, input: { teamId: team.id, rule: "ROUND_ROBIN" } });

    await expectAppError(assignByTeamRule({ actor: desk.outsiderAgent, input: { requestId: filed.id, expectedVersion: 1 } }), "NOT_FOUND");
    await expectAppError(assignByTeamRule({ actor: desk.requester, input: { requestId: filed.id, expectedVersion: 1 } }), "FORBIDDEN");
    await expectAppError(assignByTeamRule({ actor: desk.agent, input: { requestId: filed.id, expectedVersion: 7 } }), "STALE_VERSION");
    await expectAppError(assignByTeamRule({ actor: desk.agent, input: { requestId: "", expectedVersion: 1 } }), "INVALID_INPUT");
    expect(await assigneeOf(filed.id)).toBeNull();

    const result = await assignByTeamRule({ actor: desk.agent, input: { requestId: filed.id, expectedVersion: 1 } });
    expect(result).toEqual({ version: 2, assigneeId: ann.id, changed: true });
    const events = await db().requestEvent.findMany({ where: { requestId: filed.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.type, e.actorId])).toEqual([["created", desk.requester.id], ["assigned", desk.agent.id], ["status_changed", desk.agent.id]]);

    await db().requestType.update({ where: { id: desk.type.id }, data: { defaultTeamId: null } });
    const teamless = await file();
    await expectAppError(assignByTeamRule({ actor: desk.agent, input: { requestId: teamless.id, expectedVersion: 1 } }), "INVALID_INPUT");
  });
});
