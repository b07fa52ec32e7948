import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { loadActor } from "@/lib/org/load-actor";
import { resolveSignIn } from "@/lib/org/resolve-sign-in";
import { seedDepartment, seedPerson, uid } from "../support/factories";

describe("signing in", () => {
  it("matches a known person by email, whatever the case", async () => {
    const dept = await seedDepartment();
    const person = await seedPerson({ departmentId: dept.id });
    const result = await resolveSignIn(db(), { email: person.email.toUpperCase(), policy: { unknownEmail: "refuse" } });
    expect(result).toEqual({ ok: true, personId: person.id, authVersion: 0 });
  });

  it("refuses an unknown email when so configured, and creates nobody", async () => {
    const email = `new.${uid()}@test.example.com`;
    expect(await resolveSignIn(db(), { email, policy: { unknownEmail: "refuse" } })).toEqual({ ok: false, reason: "unknown" });
    expect(await db().person.count({ where: { email } })).toBe(0);
  });

  it("creates an unknown email as an employee of the default department when so configured", async () => {
    const dept = await seedDepartment();
    const email = `new.${uid()}@test.example.com`;
    const dry = await resolveSignIn(db(), { email, name: "New Person", policy: { unknownEmail: "create", defaultDepartmentKey: dept.key }, dryRun: true });
    expect(dry.ok).toBe(true);
    expect(await db().person.count({ where: { email } })).toBe(0);
    const result = await resolveSignIn(db(), { email, name: "New Person", policy: { unknownEmail: "create", defaultDepartmentKey: dept.key } });
    expect(result.ok).toBe(true);
    const person = await db().person.findUniqueOrThrow({ where: { email }, include: { roles: true } });
    expect(person).toMatchObject({ name: "New Person", departmentId: dept.id, active: true });
    expect(person.roles).toEqual([]);
  });

  it("refuses a deactivated person and ends their sessions at once", async () => {
    const dept = await seedDepartment();
    const person = await seedPerson({ departmentId: dept.id, roles: [{ role: "AGENT", departmentId: dept.id }] });
    expect(await loadActor(db(), person.id)).toMatchObject({ agentOf: [dept.id] });
    await db().person.update({ where: { id: person.id }, data: { active: false, authVersion: { increment: 1 } } });
    expect(await resolveSignIn(db(), { email: person.email, policy: { unknownEmail: "create", defaultDepartmentKey: dept.key } })).toEqual({
      ok: false,
      reason: "deactivated",
    });
    expect(await loadActor(db(), person.id)).toBeNull();
  });

  it("rejects a malformed email", async () => {
    expect(await resolveSignIn(db(), { email: "not-an-email", policy: { unknownEmail: "refuse" } })).toEqual({ ok: false, reason: "invalid" });
  });
});
