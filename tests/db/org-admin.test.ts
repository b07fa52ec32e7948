import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { importDirectory } from "@/lib/org/import-directory";
import { loadActor } from "@/lib/org/load-actor";
import { createDepartment, setDepartmentHead, updateDepartment } from "@/lib/org/manage-departments";
import { findApiToken } from "@/lib/api-tokens/authenticate-api-token";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { createPerson, deactivatePerson, reactivatePerson, setRoles, updatePerson } from "@/lib/org/manage-people";
import { createTeam, renameTeam, setTeamMembers } from "@/lib/org/manage-teams";
import { actorOf, seedDepartment, seedPerson, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";


/** Departments made by this file; afterEach removes them with their people, grants and teams. */
const departmentIds: string[] = [];
/** Admins of other test files parked (made inactive) by a last-admin test, restored afterwards. */
let parkedAdmins: string[] = [];

async function department(name?: string) {
  const d = await seedDepartment({ name });
  departmentIds.push(d.id);
  return d;
}

type Org = Awaited<ReturnType<typeof seedOrg>>;
async function seedOrg() {
  const fac = await department();
  const it = await department();
  const adminRow = await seedPerson({ departmentId: it.id, roles: [{ role: "ADMIN" }] });
  const agentRow = await seedPerson({ departmentId: fac.id, roles: [{ role: "AGENT", departmentId: fac.id }] });
  const headRow = await seedPerson({ departmentId: fac.id, roles: [{ role: "HEAD", departmentId: fac.id }, { role: "AGENT", departmentId: fac.id }] });
  const hrRow = await seedPerson({ departmentId: it.id, roles: [{ role: "HR" }] });
  const employeeRow = await seedPerson({ departmentId: it.id });
  return {
    fac,
    it,
    admin: await actorOf(adminRow.id),
    agent: await actorOf(agentRow.id),
    head: await actorOf(headRow.id),
    hr: await actorOf(hrRow.id),
    employee: await actorOf(employeeRow.id),
  };
}

const grantsOf = async (personId: string) =>
  (await db().roleGrant.findMany({ where: { personId }, select: { role: true, departmentId: true } })).map((g) => `${g.role}:${g.departmentId ?? ""}`).sort();
const person = (id: string) => db().person.findUniqueOrThrow({ where: { id } });
const auditFor = (subject: string) => db().auditEvent.findMany({ where: { subject }, orderBy: { id: "asc" } });

let org: Org;
beforeEach(async () => {
  org = await seedOrg();
});

afterEach(async () => {
  const ids = departmentIds.splice(0);
  await db().apiToken.deleteMany({ where: { person: { departmentId: { in: ids } } } });
  // A new department's built-in automation rules, and the people they act as.
  await db().automationRule.deleteMany({ where: { departmentId: { in: ids } } });
  await db().person.deleteMany({ where: { departmentId: { in: ids } } });
  await db().roleGrant.deleteMany({ where: { departmentId: { in: ids } } });
  await db().team.deleteMany({ where: { departmentId: { in: ids } } });
  await db().department.deleteMany({ where: { id: { in: ids } } });
  if (parkedAdmins.length) await db().person.updateMany({ where: { id: { in: parkedAdmins } }, data: { active: true } });
  parkedAdmins = [];
});

/** Makes the admins of this test the only active ones in the shared database, until afterEach. */
async function parkOtherAdmins(keep: string[]) {
  const others = await db().person.findMany({ where: { active: true, id: { notIn: keep }, roles: { some: { role: "ADMIN" } } }, select: { id: true } });
  parkedAdmins = others.map((p) => p.id);
  await db().person.updateMany({ where: { id: { in: parkedAdmins } }, data: { active: false } });
}

const newKey = () => `N${uid().toUpperCase().slice(0, 5)}`;

describe("departments", () => {
  it("creates a department with a canonical time zone and an audit event", async () => {
    const key = newKey();
    const created = await createDepartment({ actor: org.admin, input: { key, name: `Legal ${key}`, timeZone: "europe/lisbon", description: "Contracts" } });
    departmentIds.push(created.id);
    const row = await db().department.findUniqueOrThrow({ where: { key } });
    expect(row).toMatchObject({ name: `Legal ${key}`, timeZone: "Europe/Lisbon", description: "Contracts" });
    const events = await auditFor(`department:${row.id}`);
    expect(events.map((e) => [e.action, e.actorId])).toEqual([["department.created", org.admin.id]]);
  });

  it("reports a taken key or name, a bad key and a made-up time zone beside the field, and saves nothing", async () => {
    const before = await db().department.count();
    const dupKey = await expectAppError(createDepartment({ actor: org.admin, input: { key: org.fac.key, name: `X ${uid()}`, timeZone: "UTC" } }), "INVALID_INPUT");
    expect(dupKey.fieldErrors?.key?.[0]).toContain(org.fac.key);
    const dupName = await expectAppError(createDepartment({ actor: org.admin, input: { key: newKey(), name: org.fac.name.toLowerCase(), timeZone: "UTC" } }), "INVALID_INPUT");
    expect(dupName.fieldErrors?.name).toHaveLength(1);
    const bad = await expectAppError(createDepartment({ actor: org.admin, input: { key: "fac", name: `Y ${uid()}`, timeZone: "Mars/Olympus" } }), "INVALID_INPUT");
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["key", "timeZone"]);
    await expectAppError(createDepartment({ actor: org.admin, input: { key: newKey(), name: `Z ${uid()}`, timeZone: "+01:00" } }), "INVALID_INPUT");
    expect(await db().department.count()).toBe(before);
  });

  it("updates name, description and time zone but never the key", async () => {
    await updateDepartment({
      actor: org.admin,
      input: { departmentId: org.fac.id, name: `Facilities ${uid()}`, description: "Buildings", timeZone: "America/New_York", key: "HACK" } as never,
    });
    const row = await db().department.findUniqueOrThrow({ where: { id: org.fac.id } });
    expect(row).toMatchObject({ key: org.fac.key, description: "Buildings", timeZone: "America/New_York" });
    const [event] = await auditFor(`department:${org.fac.id}`);
    expect(event?.action).toBe("department.updated");
    const dup = await expectAppError(updateDepartment({ actor: org.admin, input: { departmentId: org.fac.id, name: org.it.name, timeZone: "UTC" } }), "INVALID_INPUT");
    expect(dup.fieldErrors?.name).toBeDefined();
  });

  it("sets a head: replaces the previous head, makes the new one an agent, signs both out", async () => {
    const newcomer = await seedPerson({ departmentId: org.fac.id });
    const oldHead = await person(org.head.id);
    await setDepartmentHead({ actor: org.admin, input: { departmentId: org.fac.id, personId: newcomer.id } });
    expect(await grantsOf(newcomer.id)).toEqual([`AGENT:${org.fac.id}`, `HEAD:${org.fac.id}`]);
    expect(await grantsOf(org.head.id)).toEqual([`AGENT:${org.fac.id}`]);
    expect((await person(newcomer.id)).authVersion).toBe(newcomer.authVersion + 1);
    expect((await person(org.head.id)).authVersion).toBe(oldHead.authVersion + 1);
    expect((await actorOf(newcomer.id)).headOf).toEqual([org.fac.id]);

    await setDepartmentHead({ actor: org.admin, input: { departmentId: org.fac.id, personId: null } });
    expect(await db().roleGrant.count({ where: { departmentId: org.fac.id, role: "HEAD" } })).toBe(0);
    expect((await auditFor(`department:${org.fac.id}`)).map((e) => e.action)).toEqual(["department.head_set", "department.head_set"]);
  });
});

describe("teams", () => {
  it("creates, renames and staffs a team with agents of its department only", async () => {
    const team = await createTeam({ actor: org.admin, input: { departmentId: org.fac.id, name: "Plumbing" } });
    await renameTeam({ actor: org.admin, input: { teamId: team.id, name: "Plumbing & heating" } });
    await setTeamMembers({ actor: org.admin, input: { teamId: team.id, personIds: [org.agent.id, org.head.id] } });
    const row = await db().team.findUniqueOrThrow({ where: { id: team.id }, include: { members: true } });
    expect(row.name).toBe("Plumbing & heating");
    expect(row.members.map((m) => m.personId).sort()).toEqual([org.agent.id, org.head.id].sort());
    expect((await auditFor(`team:${team.id}`)).map((e) => e.action)).toEqual(["team.created", "team.renamed", "team.members_set"]);

    const outsider = await expectAppError(setTeamMembers({ actor: org.admin, input: { teamId: team.id, personIds: [org.agent.id, org.employee.id] } }), "INVALID_INPUT");
    expect(outsider.fieldErrors?.personIds).toBeDefined();
    expect(await db().teamMember.count({ where: { teamId: team.id } })).toBe(2);

    await setTeamMembers({ actor: org.admin, input: { teamId: team.id, personIds: [org.head.id] } });
    expect(await db().teamMember.count({ where: { teamId: team.id } })).toBe(1);
    const dup = await expectAppError(createTeam({ actor: org.admin, input: { departmentId: org.fac.id, name: "plumbing & HEATING" } }), "INVALID_INPUT");
    expect(dup.fieldErrors?.name).toBeDefined();
  });
});

describe("people", () => {
  it("creates a person with a lower-case unique email and updates name, title and department", async () => {
    const email = `New.Person.${uid()}@Test.Example.com`;
    const created = await createPerson({ actor: org.admin, input: { email, name: "New Person", title: "Clerk", departmentId: org.fac.id } });
    expect((await person(created.id)).email).toBe(email.toLowerCase());
    const dup = await expectAppError(createPerson({ actor: org.admin, input: { email: email.toUpperCase(), name: "Twin", departmentId: org.fac.id } }), "INVALID_INPUT");
    expect(dup.fieldErrors?.email).toBeDefined();
    const badDepartment = await expectAppError(createPerson({ actor: org.admin, input: { email: `x.${uid()}@test.example.com`, name: "X", departmentId: "nope" } }), "INVALID_INPUT");
    expect(badDepartment.fieldErrors?.departmentId).toBeDefined();

    await updatePerson({ actor: org.admin, input: { personId: created.id, name: "Renamed", title: "Lead clerk", departmentId: org.it.id } });
    expect(await person(created.id)).toMatchObject({ name: "Renamed", title: "Lead clerk", departmentId: org.it.id });
    expect((await auditFor(`person:${created.id}`)).map((e) => e.action)).toEqual(["person.created", "person.updated"]);
  });

  it("replaces roles and bumps authVersion so the old session ends", async () => {
    const before = await person(org.agent.id);
    await setRoles({ actor: org.admin, input: { personId: org.agent.id, grants: [{ role: "HEAD", departmentId: org.it.id }, { role: "HR" }] } });
    expect(await grantsOf(org.agent.id)).toEqual([`AGENT:${org.it.id}`, `HEAD:${org.it.id}`, "HR:"].sort());
    const after = await loadActor(db(), org.agent.id);
    expect(after?.authVersion).toBe(before.authVersion + 1);
    expect(after).toMatchObject({ agentOf: [org.it.id], headOf: [org.it.id], hr: true });
    expect((await auditFor(`person:${org.agent.id}`)).map((e) => e.action)).toEqual(["person.roles_set"]);

    const invalid = await expectAppError(setRoles({ actor: org.admin, input: { personId: org.agent.id, grants: [{ role: "AGENT" }] } }), "INVALID_INPUT");
    expect(invalid.fieldErrors).toHaveProperty(["grants.0.departmentId"]);
    expect((await person(org.agent.id)).authVersion).toBe(before.authVersion + 1);
  });

  it("deactivation ends sessions at once; reactivation brings the person back", async () => {
    const before = await person(org.employee.id);
    await deactivatePerson({ actor: org.admin, input: { personId: org.employee.id } });
    const row = await person(org.employee.id);
    expect(row.active).toBe(false);
    expect(row.authVersion).toBe(before.authVersion + 1);
    expect(await loadActor(db(), org.employee.id)).toBeNull();

    await reactivatePerson({ actor: org.admin, input: { personId: org.employee.id } });
    const back = await loadActor(db(), org.employee.id);
    expect(back?.authVersion).toBe(before.authVersion + 2);
    expect((await auditFor(`person:${org.employee.id}`)).map((e) => e.action)).toEqual(["person.deactivated", "person.reactivated"]);
  });

  it("revokes the person's API tokens, so a token made before deactivation stays dead after reactivation", async () => {
    const { secret } = await createApiToken({ actor: org.employee, input: { name: "script" } });
    await expect(findApiToken({ authorization: `Bearer ${secret}` })).resolves.toMatchObject({ personId: org.employee.id });
    await deactivatePerson({ actor: org.admin, input: { personId: org.employee.id } });
    await reactivatePerson({ actor: org.admin, input: { personId: org.employee.id } });
    await expectAppError(findApiToken({ authorization: `Bearer ${secret}` }), "UNAUTHENTICATED");
    expect(await db().apiToken.count({ where: { personId: org.employee.id, revokedAt: null } })).toBe(0);
  });

  it("an admin cannot deactivate themself", async () => {
    await expectAppError(deactivatePerson({ actor: org.admin, input: { personId: org.admin.id } }), "INVALID_INPUT");
    expect((await person(org.admin.id)).active).toBe(true);
  });

  it("the last active admin can neither lose ADMIN nor be deactivated", async () => {
    const second = await actorOf((await seedPerson({ departmentId: org.it.id, roles: [{ role: "ADMIN" }] })).id);
    await parkOtherAdmins([org.admin.id, second.id]);

    await setRoles({ actor: org.admin, input: { personId: second.id, grants: [] } }); // two admins: fine
    const own = await expectAppError(setRoles({ actor: org.admin, input: { personId: org.admin.id, grants: [{ role: "HR" }] } }), "INVALID_INPUT");
    expect(own.fieldErrors?.grants?.[0]).toContain("last active administrator");
    expect(await grantsOf(org.admin.id)).toEqual(["ADMIN:"]);

    // `second` still holds a session object from when they were an admin.
    const stale: Actor = second;
    const gone = await expectAppError(deactivatePerson({ actor: stale, input: { personId: org.admin.id } }), "INVALID_INPUT");
    expect(gone.userMessage).toContain("last active administrator");
    expect((await person(org.admin.id)).active).toBe(true);
  });
});

describe("only admins manage the organisation (heads also their own teams)", () => {
  it("refuses every use case to agents, heads, HR and employees, and changes nothing", async () => {
    const team = await createTeam({ actor: org.admin, input: { departmentId: org.fac.id, name: "Electrics" } });
    const snapshot = async () => ({
      departments: await db().department.findMany({ where: { id: { in: [org.fac.id, org.it.id] } }, orderBy: { id: "asc" } }),
      people: await db().person.findMany({ where: { departmentId: { in: [org.fac.id, org.it.id] } }, orderBy: { id: "asc" } }),
      grants: await db().roleGrant.count({ where: { departmentId: { in: [org.fac.id, org.it.id] } } }),
      team: await db().team.findUniqueOrThrow({ where: { id: team.id }, include: { members: true } }),
      audit: await db().auditEvent.count(),
      departmentCount: await db().department.count(),
    });
    const before = await snapshot();
    const csv = `email,name,title,department,roles\nsneaky.${uid()}@test.example.com,Sneaky,,${org.fac.key},admin`;
    for (const actor of [org.agent, org.head, org.hr, org.employee]) {
      const calls: Promise<unknown>[] = [
        createDepartment({ actor, input: { key: newKey(), name: `Nope ${uid()}`, timeZone: "UTC" } }),
        updateDepartment({ actor, input: { departmentId: org.fac.id, name: "Renamed", timeZone: "UTC" } }),
        setDepartmentHead({ actor, input: { departmentId: org.fac.id, personId: actor.id } }),
        createPerson({ actor, input: { email: `n.${uid()}@test.example.com`, name: "N", departmentId: org.fac.id } }),
        updatePerson({ actor, input: { personId: org.employee.id, name: "Renamed", departmentId: org.fac.id } }),
        setRoles({ actor, input: { personId: actor.id, grants: [{ role: "ADMIN" }] } }),
        deactivatePerson({ actor, input: { personId: org.admin.id } }),
        reactivatePerson({ actor, input: { personId: org.employee.id } }),
        importDirectory({ actor, csv }),
        importDirectory({ actor, csv, dryRun: true }),
      ];
      for (const call of calls) await expectAppError(call, "FORBIDDEN");
    }
    // Teams are the department's settings, which its head also manages (tests/db/teams-assignment.test.ts):
    // its agents are refused, anyone outside the department does not see them.
    for (const actor of [org.agent, org.hr, org.employee]) {
      const code = actor === org.agent ? "FORBIDDEN" : "NOT_FOUND";
      await expectAppError(createTeam({ actor, input: { departmentId: org.fac.id, name: "Shadow team" } }), code);
      await expectAppError(renameTeam({ actor, input: { teamId: team.id, name: "Renamed" } }), code);
      await expectAppError(setTeamMembers({ actor, input: { teamId: team.id, personIds: [org.agent.id] } }), code);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("directory import", () => {
  const header = "email,name,title,department,roles";
  const email = (label: string) => `${label}.${uid()}@test.example.com`;
  const peopleCount = () => db().person.count();

  it("creates new people and updates existing ones, roles included, in one go", async () => {
    const existing = await person(org.employee.id);
    const newAgent = email("new.agent");
    const newHead = email("new.head");
    const csv = [
      header,
      `${newAgent},New Agent,Technician,${org.fac.key},agent:${org.fac.key}`,
      `"${newHead.toUpperCase()}","Head, New",Manager,${org.it.key.toLowerCase()},head:${org.it.key};hr`,
      `${existing.email},Employee Renamed,Analyst,${org.fac.key},agent:${org.fac.key}`,
      `${(await person(org.hr.id)).email},${(await person(org.hr.id)).name},,${org.it.key},hr`,
    ].join("\n");

    const countBefore = await peopleCount();
    const check = await importDirectory({ actor: org.admin, csv, dryRun: true });
    expect(check).toEqual({ ok: true, dryRun: true, created: 2, updated: 1, unchanged: 1 });
    expect(await peopleCount()).toBe(countBefore);

    const result = await importDirectory({ actor: org.admin, csv });
    expect(result).toEqual({ ok: true, dryRun: false, created: 2, updated: 1, unchanged: 1 });
    expect(await peopleCount()).toBe(countBefore + 2);
    const agentRow = await db().person.findUniqueOrThrow({ where: { email: newAgent } });
    expect(agentRow).toMatchObject({ name: "New Agent", title: "Technician", departmentId: org.fac.id, active: true });
    expect(await grantsOf(agentRow.id)).toEqual([`AGENT:${org.fac.id}`]);
    const headRow = await db().person.findUniqueOrThrow({ where: { email: newHead } });
    expect(headRow.name).toBe("Head, New");
    expect(await grantsOf(headRow.id)).toEqual([`AGENT:${org.it.id}`, `HEAD:${org.it.id}`, "HR:"].sort());
    const updated = await person(existing.id);
    expect(updated).toMatchObject({ name: "Employee Renamed", title: "Analyst", departmentId: org.fac.id, authVersion: existing.authVersion + 1 });
    expect(await grantsOf(existing.id)).toEqual([`AGENT:${org.fac.id}`]);
    expect((await auditFor("directory"))).toContainEqual(expect.objectContaining({ action: "directory.imported", actorId: org.admin.id }));
  });

  it("reports every bad row with its line and changes nothing when one row is bad", async () => {
    const good = email("good");
    const dup = email("dup");
    const csv = [
      header,
      `${good},Good Person,,${org.fac.key},`,
      "",
      `${dup},Dup One,,${org.fac.key},`,
      `not-an-email,Bad Email,,${org.fac.key},`,
      `${dup.toUpperCase()},Dup Two,,${org.fac.key},`,
      `${email("nodept")},No Dept,,NOPE,`,
      `${email("roles")},Roles,,${org.fac.key},boss;agent;head:NOPE;hr:${org.fac.key}`,
      `${email("noname")},,"multi`,
      `line title",${org.fac.key},admin`,
      `${email("fine")},Fine,,${org.fac.key},agent:${org.fac.key}`,
    ].join("\n");
    const countBefore = await peopleCount();
    const auditBefore = await db().auditEvent.count();
    const result = await importDirectory({ actor: org.admin, csv });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.line)).toEqual([5, 6, 7, 8, 9]);
    const at = (line: number) => result.errors.find((e) => e.line === line)!.messages.join(" | ");
    expect(at(5)).toMatch(/not a valid email/);
    expect(at(6)).toMatch(/Duplicate email.*line 4/);
    expect(result.errors.find((e) => e.line === 6)?.email).toBe(dup.toUpperCase());
    expect(at(7)).toMatch(/Unknown department key "NOPE"/);
    expect(at(8)).toMatch(/Unknown role "boss"/);
    expect(at(8)).toMatch(/"agent" needs a department/);
    expect(at(8)).toMatch(/Unknown department key "NOPE" in role "head:NOPE"/);
    expect(at(8)).toMatch(/whole organisation/);
    expect(at(9)).toMatch(/Name is missing/);
    expect(await peopleCount()).toBe(countBefore);
    expect(await db().auditEvent.count()).toBe(auditBefore);
    expect(await db().person.count({ where: { email: good } })).toBe(0);
  });

  it("refuses malformed CSV, a wrong header, an empty file and an oversized file as file-level errors", async () => {
    const countBefore = await peopleCount();
    const unclosed = await expectAppError(importDirectory({ actor: org.admin, csv: `${header}\n${email("a")},"Unclosed,,${org.fac.key},\n` }), "INVALID_INPUT");
    expect(unclosed.fieldErrors?.csv?.[0]).toMatch(/never closed/);
    const columns = await expectAppError(importDirectory({ actor: org.admin, csv: `${header}\n${email("a")},A,B,${org.fac.key},,extra\n` }), "INVALID_INPUT");
    expect(columns.fieldErrors?.csv?.[0]).toMatch(/line 2 has 6 values, the header has 5/);
    const wrongHeader = await expectAppError(importDirectory({ actor: org.admin, csv: `mail,name,title,department,roles\nx@y.z,X,,${org.fac.key},` }), "INVALID_INPUT");
    expect(wrongHeader.fieldErrors?.csv?.[0]).toMatch(/missing the column email/);
    await expectAppError(importDirectory({ actor: org.admin, csv: "  \n" }), "INVALID_INPUT");
    await expectAppError(importDirectory({ actor: org.admin, csv: `${header}\n` }), "INVALID_INPUT");
    const big = await expectAppError(importDirectory({ actor: org.admin, csv: `${header}\n${"x".repeat(1_000_001)}` }), "INVALID_INPUT");
    expect(big.fieldErrors?.csv?.[0]).toMatch(/limit is 1 MB/);
    const manyRows = [header, ...Array.from({ length: 5_001 }, (_, i) => `p${i}@t.example.com,P,,${org.fac.key},`)].join("\n");
    const many = await expectAppError(importDirectory({ actor: org.admin, csv: manyRows }), "INVALID_INPUT");
    expect(many.fieldErrors?.csv?.[0]).toMatch(/limit is 5,000/);
    expect(await peopleCount()).toBe(countBefore);
  });

  it("will not take ADMIN away from the last active admin", async () => {
    await parkOtherAdmins([org.admin.id]);
    const adminRow = await person(org.admin.id);
    const csv = `${header}\n${adminRow.email},${adminRow.name},,${org.it.key},hr\n`;
    const result = await importDirectory({ actor: org.admin, csv });
    expect(result).toEqual({ ok: false, errors: [{ line: 2, email: adminRow.email, messages: [expect.stringContaining("no active administrator")] }] });
    expect(await grantsOf(org.admin.id)).toEqual(["ADMIN:"]);

    const handover = `${header}\n${adminRow.email},${adminRow.name},,${org.it.key},hr\n${(await person(org.hr.id)).email},HR Admin,,${org.it.key},hr;admin\n`;
    expect(await importDirectory({ actor: org.admin, csv: handover })).toMatchObject({ ok: true, updated: 2 });
    expect(await grantsOf(org.hr.id)).toEqual(["ADMIN:", "HR:"]);
  });
});
