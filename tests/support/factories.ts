import crypto from "node:crypto";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { loadActor } from "@/lib/org/load-actor";
import type { FieldDefinitionInput } from "@/lib/validation/fields";

/** Unique data per call, so test files never depend on each other or on order. */
export const uid = () => crypto.randomBytes(4).toString("hex");

export async function seedDepartment(options: { name?: string; timeZone?: string } = {}) {
  const key = `T${uid().toUpperCase()}`; // 8 hex digits: 6 collided once in a full db run (1 in 16.7 million, over thousands of departments)
  return db().department.create({ data: { key, name: options.name ?? `Dept ${key}`, timeZone: options.timeZone ?? "Europe/Berlin" } });
}

type Grant = { role: "AGENT" | "HEAD" | "HR" | "ADMIN"; departmentId?: string };

export async function seedPerson(options: { departmentId: string; roles?: Grant[]; name?: string; active?: boolean }) {
  const id = uid();
  return db().person.create({
    data: {
      email: `person.${id}@test.example.com`,
      name: options.name ?? `Person ${id}`,
      departmentId: options.departmentId,
      active: options.active ?? true,
      roles: { create: (options.roles ?? []).map((g) => ({ role: g.role, departmentId: g.departmentId ?? null })) },
    },
  });
}

export async function actorOf(personId: string): Promise<Actor> {
  const actor = await loadActor(db(), personId);
  if (!actor) throw new Error(`no active person ${personId}`);
  return actor;
}

export async function seedRequestType(options: { departmentId: string; fields?: FieldDefinitionInput[]; defaultPriority?: "LOW" | "NORMAL" | "HIGH" | "URGENT" }) {
  return db().requestType.create({
    data: {
      departmentId: options.departmentId,
      slug: `type-${uid()}`,
      name: "Repair",
      fields: (options.fields ?? []),
      defaultPriority: options.defaultPriority ?? "NORMAL",
    },
  });
}

/** A providing department with an agent and a head, a requesting department with a requester. */
export async function seedDesk(fields?: FieldDefinitionInput[]) {
  const provider = await seedDepartment();
  const other = await seedDepartment();
  const type = await seedRequestType({ departmentId: provider.id, fields });
  const agent = await seedPerson({ departmentId: provider.id, roles: [{ role: "AGENT", departmentId: provider.id }] });
  const head = await seedPerson({ departmentId: provider.id, roles: [{ role: "HEAD", departmentId: provider.id }] });
  const requester = await seedPerson({ departmentId: other.id });
  const outsiderAgent = await seedPerson({ departmentId: other.id, roles: [{ role: "AGENT", departmentId: other.id }] });
  return {
    provider,
    other,
    type,
    agent: await actorOf(agent.id),
    head: await actorOf(head.id),
    requester: await actorOf(requester.id),
    outsiderAgent: await actorOf(outsiderAgent.id),
  };
}

export const roundTheClock = {
  timeZone: "UTC",
  hours: Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [["00:00", "24:00"]]])),
  holidays: [],
};

/** A calendar and an ordered list of policies for a department. */
export async function seedPolicies(
  departmentId: string,
  policies: { priorities?: ("LOW" | "NORMAL" | "HIGH" | "URGENT")[]; requestTypeIds?: string[]; firstResponse?: number; resolution?: number; nextReply?: number }[],
  definition: object = roundTheClock,
) {
  const calendar = await db().slaCalendar.create({ data: { departmentId, name: `Hours ${uid()}`, definition } });
  for (const [position, p] of policies.entries()) {
    await db().slaPolicy.create({
      data: {
        departmentId,
        name: `Policy ${position}`,
        position,
        calendarId: calendar.id,
        priorities: p.priorities ?? [],
        requestTypeIds: p.requestTypeIds ?? [],
        firstResponseMinutes: p.firstResponse ?? null,
        resolutionMinutes: p.resolution ?? null,
        nextReplyMinutes: p.nextReply ?? null,
      },
    });
  }
  return calendar;
}
