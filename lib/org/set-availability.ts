import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { setAvailabilitySchema, type SetAvailabilityInput } from "@/lib/validation/org";
import { auditRow } from "./audit";

/**
 * Marks an agent available or away; the teams' assignment rules skip agents who are away. Agents
 * set it for themselves; a head (or an admin) for the agents of their department. Anyone else
 * cannot see the person through this use case.
 */
export async function setAvailability(options: { actor: Actor; input: SetAvailabilityInput }) {
  const { actor } = options;
  const input = parseInput(setAvailabilitySchema, options.input);
  const personId = input.personId ?? actor.id;
  const self = personId === actor.id;
  if (self && actor.agentOf.length === 0) throw forbidden("Only agents take part in assignment: there is nothing to be away from.");
  return db().$transaction(async (tx) => {
    const person = await tx.person.findFirst({
      where: { id: personId, roles: { some: { role: { in: ["AGENT", "HEAD"] }, departmentId: { not: null } } } },
      select: { id: true, available: true, roles: { where: { role: { in: ["AGENT", "HEAD"] } }, select: { departmentId: true } } },
    });
    if (!person) throw notFound("This agent");
    if (!self) {
      const departments = person.roles.flatMap((r) => (r.departmentId ? [r.departmentId] : []));
      if (!departments.some((departmentId) => can(actor, "department.configure", { departmentId }))) {
        if (departments.some((d) => actor.agentOf.includes(d))) throw forbidden("Only the head of the department can set a colleague away or available.");
        throw notFound("This agent");
      }
    }
    if (person.available === input.available) return { available: person.available };
    await tx.person.update({ where: { id: person.id }, data: { available: input.available } });
    await tx.auditEvent.create({ data: auditRow(actor, "person.availability_set", `person:${person.id}`, { available: input.available }) });
    return { available: input.available };
  });
}
