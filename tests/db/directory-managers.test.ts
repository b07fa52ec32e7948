import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { importDirectory } from "@/lib/org/import-directory";
import { setManager } from "@/lib/org/manage-people";
import { actorOf, seedDepartment, seedPerson, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";

/** People have a manager: the admin sets it on the person's page, or the CSV import's `manager` column. */
describe("managers in the directory", () => {
  async function seed() {
    const dept = await seedDepartment();
    const admin = await actorOf((await seedPerson({ departmentId: dept.id, roles: [{ role: "ADMIN" }] })).id);
    const agent = await actorOf((await seedPerson({ departmentId: dept.id, roles: [{ role: "AGENT", departmentId: dept.id }] })).id);
    const boss = await seedPerson({ departmentId: dept.id });
    const worker = await seedPerson({ departmentId: dept.id });
    return { dept, admin, agent, boss, worker };
  }
  const managerOf = async (id: string) => (await db().person.findUniqueOrThrow({ where: { id } })).managerId;

  it("an admin sets and clears a manager, never oneself or a loop; others are refused", async () => {
    const s = await seed();
    await expectAppError(setManager({ actor: s.agent, input: { personId: s.worker.id, managerId: s.boss.id } }), "FORBIDDEN");
    await setManager({ actor: s.admin, input: { personId: s.worker.id, managerId: s.boss.id } });
    expect(await managerOf(s.worker.id)).toBe(s.boss.id);
    expect(await db().auditEvent.count({ where: { subject: `person:${s.worker.id}`, action: "person.manager_set" } })).toBe(1);
    expect((await expectAppError(setManager({ actor: s.admin, input: { personId: s.boss.id, managerId: s.worker.id } }), "INVALID_INPUT")).fieldErrors?.managerId).toBeTruthy();
    await expectAppError(setManager({ actor: s.admin, input: { personId: s.boss.id, managerId: s.boss.id } }), "INVALID_INPUT");
    await expectAppError(setManager({ actor: s.admin, input: { personId: s.boss.id, managerId: "nobody" } }), "INVALID_INPUT");
    await setManager({ actor: s.admin, input: { personId: s.worker.id, managerId: "" } });
    expect(await managerOf(s.worker.id)).toBeNull();
  });

  it("the CSV import takes a manager column by email: in the file or the directory; unknown, self and loops refused with their line", async () => {
    const s = await seed();
    const key = s.dept.key;
    const a = `a.${uid()}@test.example.com`;
    const b = `b.${uid()}@test.example.com`;
    const boss = (await db().person.findUniqueOrThrow({ where: { id: s.boss.id } })).email;
    const header = "email,name,title,department,roles,manager";
    const ok = await importDirectory({ actor: s.admin, csv: `${header}\n${a},A,,${key},,${b}\n${b},B,,${key},,${boss}` });
    expect(ok).toMatchObject({ ok: true, created: 2 });
    const [pa, pb] = await Promise.all([db().person.findUniqueOrThrow({ where: { email: a } }), db().person.findUniqueOrThrow({ where: { email: b } })]);
    expect([pa.managerId, pb.managerId]).toEqual([pb.id, s.boss.id]);

    const bad = await importDirectory({
      actor: s.admin,
      csv: `${header}\n${a},A,,${key},,nobody.${uid()}@test.example.com\n${b},B,,${key},,${b}\nc.${uid()}@test.example.com,C,,${key},,not-an-email`,
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => [e.line, e.messages[0]!.slice(0, 20)])).toEqual([[2, "Unknown manager \"nob"], [3, "A person cannot be t"], [4, "Manager \"not-an-emai"]]);
    const loop = await importDirectory({ actor: s.admin, csv: `${header}\n${a},A,,${key},,${b}\n${b},B,,${key},,${a}` });
    expect(loop.ok).toBe(false);
    expect(await managerOf(pb.id)).toBe(s.boss.id);

    // Without the column, managers stay; an empty cell clears one.
    await importDirectory({ actor: s.admin, csv: `email,name,title,department,roles\n${a},A2,,${key},` });
    expect(await managerOf(pa.id)).toBe(pb.id);
    await importDirectory({ actor: s.admin, csv: `${header}\n${a},A2,,${key},,` });
    expect(await managerOf(pa.id)).toBeNull();
  });
});
