// A person who can no longer work a department holds none of its open requests: deactivation gives
// every open request back to its queue (team places stay, for a reactivation), and losing the agent
// or head role of a department gives back that department's open work and team places. Each change
// is an `assigned` event to nobody by the desk and is counted in the audit entry; resolved work keeps
// its assignee. Refused callers change nothing.
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { deactivatePerson, reactivatePerson, setRoles } from "@/lib/org/manage-people";
import { fileRequest } from "@/lib/requests/file-request";
import { updateRequest } from "@/lib/requests/update-request";
import { expectAppError } from "../support/expect-app-error";
import { actorOf, seedDepartment, seedDesk, seedPerson, seedRequestType, uid } from "../support/factories";

let desk: Awaited<ReturnType<typeof seedDesk>>;
let admin: Actor;

beforeEach(async () => {
  desk = await seedDesk();
  admin = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "ADMIN" }] })).id);
});

const file = (typeId: string, title: string) =>
  fileRequest({ actor: desk.requester, input: { typeId, title, description: "x", fieldValues: {}, submissionKey: `rw-${uid()}` } });
const assignee = async (requestId: string) => (await db().request.findUniqueOrThrow({ where: { id: requestId } })).assigneeId;
const lastAssignEvent = async (requestId: string) =>
  db().requestEvent.findFirst({ where: { requestId, type: "assigned" }, orderBy: { id: "desc" }, select: { actorId: true, from: true, to: true } });
const lastAudit = async (personId: string) => db().auditEvent.findFirst({ where: { subject: `person:${personId}` }, orderBy: { id: "desc" } });

/** An agent of the desk's provider and of a second department, with open work in both and a resolved request. */
async function busyAgent() {
  const second = await seedDepartment();
  const secondType = await seedRequestType({ departmentId: second.id });
  const secondHead = await actorOf((await seedPerson({ departmentId: second.id, roles: [{ role: "HEAD", departmentId: second.id }] })).id);
  const row = await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "AGENT", departmentId: desk.provider.id }, { role: "AGENT", departmentId: second.id }] });
  const team = await db().team.create({ data: { departmentId: desk.provider.id, name: `Team ${uid()}`, members: { create: { personId: row.id } } } });
  const secondTeam = await db().team.create({ data: { departmentId: second.id, name: `Team ${uid()}`, members: { create: { personId: row.id } } } });
  const open = await file(desk.type.id, "Open here");
  const done = await file(desk.type.id, "Resolved here");
  const elsewhere = await file(secondType.id, "Open in the second department");
  await updateRequest({ actor: desk.head, input: { requestId: open.id, expectedVersion: 1, assigneeId: row.id } });
  await updateRequest({ actor: desk.head, input: { requestId: done.id, expectedVersion: 1, assigneeId: row.id } });
  await updateRequest({ actor: desk.head, input: { requestId: done.id, expectedVersion: 2, status: "RESOLVED" } });
  await updateRequest({ actor: secondHead, input: { requestId: elsewhere.id, expectedVersion: 1, assigneeId: row.id } });
  return { second, person: row, team, secondTeam, open, done, elsewhere };
}

describe("deactivation gives open work back", () => {
  it("unassigns every open request of the person, in every department, by the desk; resolved work and team places stay", async () => {
    const w = await busyAgent();
    await deactivatePerson({ actor: admin, input: { personId: w.person.id } });

    expect(await assignee(w.open.id)).toBeNull();
    expect(await assignee(w.elsewhere.id)).toBeNull();
    expect(await assignee(w.done.id)).toBe(w.person.id);
    expect(await lastAssignEvent(w.open.id)).toMatchObject({ actorId: null, from: { assigneeId: w.person.id }, to: { assigneeId: null } });
    expect(await lastAssignEvent(w.elsewhere.id)).toMatchObject({ actorId: null, to: { assigneeId: null } });
    expect((await lastAudit(w.person.id))?.detail).toMatchObject({ unassigned: 2 });
    expect(await db().teamMember.count({ where: { personId: w.person.id } })).toBe(2);

    // Reactivation brings the person back, not the work: it has been in the queue since.
    await reactivatePerson({ actor: admin, input: { personId: w.person.id } });
    expect(await assignee(w.open.id)).toBeNull();
  });

  it("a refused deactivation (not an admin) unassigns nothing", async () => {
    const w = await busyAgent();
    await expectAppError(deactivatePerson({ actor: desk.head, input: { personId: w.person.id } }), "FORBIDDEN");
    expect(await assignee(w.open.id)).toBe(w.person.id);
    expect(await assignee(w.elsewhere.id)).toBe(w.person.id);
  });
});

describe("losing a department's role gives its work back", () => {
  it("the department left loses the person's open requests and team place; the one kept keeps both", async () => {
    const w = await busyAgent();
    await setRoles({ actor: admin, input: { personId: w.person.id, grants: [{ role: "AGENT", departmentId: w.second.id }] } });

    expect(await assignee(w.open.id)).toBeNull();
    expect(await lastAssignEvent(w.open.id)).toMatchObject({ actorId: null, to: { assigneeId: null } });
    expect(await assignee(w.done.id)).toBe(w.person.id);
    expect(await assignee(w.elsewhere.id)).toBe(w.person.id);
    expect(await db().teamMember.findMany({ where: { personId: w.person.id }, select: { teamId: true } })).toEqual([{ teamId: w.secondTeam.id }]);
    expect((await lastAudit(w.person.id))?.detail).toMatchObject({ leftDepartments: [desk.provider.id], unassigned: 1, teamsLeft: 1 });
  });

  it("an agent becoming head of the same department keeps their work", async () => {
    const w = await busyAgent();
    await setRoles({
      actor: admin,
      input: { personId: w.person.id, grants: [{ role: "HEAD", departmentId: desk.provider.id }, { role: "AGENT", departmentId: w.second.id }] },
    });
    expect(await assignee(w.open.id)).toBe(w.person.id);
    expect(await db().teamMember.count({ where: { personId: w.person.id } })).toBe(2);
  });

  it("a bad grant list is refused and nothing is unassigned", async () => {
    const w = await busyAgent();
    await expectAppError(setRoles({ actor: admin, input: { personId: w.person.id, grants: [{ role: "AGENT" }] } }), "INVALID_INPUT");
    expect(await assignee(w.open.id)).toBe(w.person.id);
    expect(await db().teamMember.count({ where: { personId: w.person.id } })).toBe(2);
  });
});
