import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { exportAuditLog, listAuditLog } from "@/lib/org/audit-log";
import { createDepartment, setDepartmentHead } from "@/lib/org/manage-departments";
import { createTeam } from "@/lib/org/manage-teams";
import { actorOf, seedDepartment, seedPerson, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";

const departmentIds: string[] = [];
let admin: Actor;
let head: Actor;
let fac: { id: string; name: string };
let it_: { id: string; name: string };

beforeEach(async () => {
  fac = await seedDepartment();
  it_ = await seedDepartment();
  departmentIds.push(fac.id, it_.id);
  admin = await actorOf((await seedPerson({ departmentId: it_.id, roles: [{ role: "ADMIN" }], name: `Ada Admin ${uid()}` })).id);
  head = await actorOf((await seedPerson({ departmentId: fac.id, roles: [{ role: "HEAD", departmentId: fac.id }, { role: "AGENT", departmentId: fac.id }] })).id);
});

afterEach(async () => {
  // Audit entries are kept for ever; the people and departments they name go (the log then says "removed").
  const ids = departmentIds.splice(0);
  await db().team.deleteMany({ where: { departmentId: { in: ids } } });
  await db().roleGrant.deleteMany({ where: { OR: [{ departmentId: { in: ids } }, { person: { departmentId: { in: ids } } }] } });
  // A new department's built-in automation rules act as people of it: they go first.
  await db().automationRule.deleteMany({ where: { departmentId: { in: ids } } });
  await db().person.deleteMany({ where: { departmentId: { in: ids } } });
  await db().department.deleteMany({ where: { id: { in: ids } } });
});

describe("the audit log", () => {
  it("reads as sentences naming people, departments and things, and filters by person, kind, department and day", async () => {
    const key = `A${uid().toUpperCase().slice(0, 5)}`;
    const created = await createDepartment({ actor: admin, input: { key, name: `Legal ${key}`, timeZone: "Europe/Berlin" } });
    departmentIds.push(created.id);
    const newHead = await seedPerson({ departmentId: fac.id, name: `Hana Head ${uid()}` });
    await setDepartmentHead({ actor: admin, input: { departmentId: fac.id, personId: newHead.id } });
    await createTeam({ actor: head, input: { departmentId: fac.id, name: "Night shift" } });

    const mine = await listAuditLog({ actor: admin, filters: { person: admin.id }, timeZone: "Europe/Berlin" });
    expect(mine.entries.map((e) => e.sentence)).toEqual([
      `${admin.name} made ${newHead.name} head of ${fac.name} (and an agent there).`,
      `${admin.name} created the department “Legal ${key}” (${key}).`,
    ]);
    expect(mine.entries[0]!.href).toMatch(/^\/admin\/departments\//);

    const facOnly = await listAuditLog({ actor: admin, filters: { department: fac.id }, timeZone: "UTC" });
    const sentences = facOnly.entries.map((e) => e.sentence);
    expect(sentences).toContain(`${head.name} created the team “Night shift” in ${fac.name}.`);
    expect(sentences).toContain(`${admin.name} made ${newHead.name} head of ${fac.name} (and an agent there).`);
    expect(sentences.some((s) => s.includes(`Legal ${key}`))).toBe(false);

    const teams = await listAuditLog({ actor: admin, filters: { person: head.id, action: "team" }, timeZone: "UTC" });
    expect(teams.entries.map((e) => e.action)).toEqual(["team.created"]);
    const departmentsByHead = await listAuditLog({ actor: admin, filters: { person: head.id, action: "department" }, timeZone: "UTC" });
    expect(departmentsByHead.entries).toEqual([]);
  });

  it("pages beyond the newest entries with a keyset, each entry once, newest first, and days count in the reader's zone", async () => {
    const base = Date.UTC(2026, 0, 10, 12);
    // 130 entries an hour apart: 10 Jan 12:00 UTC onwards.
    await db().auditEvent.createMany({
      data: Array.from({ length: 130 }, (_, i) => ({ actorId: admin.id, action: "person.availability_set", subject: `person:${head.id}`, detail: { available: i % 2 === 0 }, createdAt: new Date(base + i * 3_600_000) })),
    });
    const seen: string[] = [];
    let before: string | undefined;
    for (let page = 0; page < 5; page++) {
      const result = await listAuditLog({ actor: admin, filters: { person: admin.id, before }, timeZone: "UTC" });
      seen.push(...result.entries.map((e) => e.id));
      if (!result.nextBefore) break;
      before = result.nextBefore;
    }
    expect(seen).toHaveLength(130);
    expect(new Set(seen).size).toBe(130);
    expect([...seen].sort((a, b) => Number(BigInt(b) - BigInt(a)))).toEqual(seen);

    // 10 Jan in Tokyo (UTC+9) ends at 15:00 UTC: entries 12:00, 13:00 and 14:00 UTC.
    const tokyo = await listAuditLog({ actor: admin, filters: { person: admin.id, from: "2026-01-10", to: "2026-01-10" }, timeZone: "Asia/Tokyo" });
    expect(tokyo.entries).toHaveLength(3);
    const utc = await listAuditLog({ actor: admin, filters: { person: admin.id, from: "2026-01-10", to: "2026-01-10" }, timeZone: "UTC" });
    expect(utc.entries).toHaveLength(12);
    expect(utc.entries[0]!.sentence).toBe(`${admin.name} marked ${head.name} as away.`);

    const csv = await exportAuditLog({ actor: admin, filters: { person: admin.id }, timeZone: "UTC" });
    expect(csv.lines).toHaveLength(130);
    expect(csv.more).toBe(false);
  });

  it("refuses anyone but an administrator, and bad filters beside their field, showing nothing", async () => {
    await expectAppError(listAuditLog({ actor: head, filters: {}, timeZone: "UTC" }), "FORBIDDEN");
    await expectAppError(exportAuditLog({ actor: head, filters: {}, timeZone: "UTC" }), "FORBIDDEN");
    const dates = await expectAppError(listAuditLog({ actor: admin, filters: { from: "2026-02-01", to: "2026-01-01" }, timeZone: "UTC" }), "INVALID_INPUT");
    expect(dates.fieldErrors?.to?.[0]).toMatch(/end date comes before/);
    const junk = await expectAppError(listAuditLog({ actor: admin, filters: { action: "drop table", before: "-1", from: "2026-02-30" }, timeZone: "UTC" }), "INVALID_INPUT");
    expect(Object.keys(junk.fieldErrors ?? {}).sort()).toEqual(["action", "before", "from"]);
  });
});
