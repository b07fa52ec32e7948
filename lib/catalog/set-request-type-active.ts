import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { auditRow } from "@/lib/org/audit";
import { setRequestTypeActiveSchema, type SetRequestTypeActiveInput } from "@/lib/validation/catalog-settings";
import { parseInput } from "@/lib/validation/parse";
import { lockDepartment, requestTypeFor, typeSubject } from "./catalog-access";

/**
 * Takes a request type out of the catalogue or offers it again. Types are never deleted: requests
 * filed with one keep pointing at it, and agents still work them.
 */
export async function setRequestTypeActive(options: { actor: Actor; input: SetRequestTypeActiveInput }) {
  const { actor } = options;
  const { departmentId } = await requestTypeFor(actor, options.input);
  const input = parseInput(setRequestTypeActiveSchema, options.input);
  return db().$transaction(async (tx) => {
    await lockDepartment(tx, departmentId);
    const before = await tx.requestType.findUniqueOrThrow({ where: { id: input.typeId } });
    if (before.active === input.active) return before;
    const updated = await tx.requestType.update({ where: { id: before.id }, data: { active: input.active } });
    await tx.auditEvent.create({ data: auditRow(actor, input.active ? "catalog.type.reactivated" : "catalog.type.deactivated", typeSubject(before.id), { departmentId }) });
    return updated;
  });
}
