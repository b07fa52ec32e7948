import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { auditRow, isUniqueViolation } from "@/lib/org/audit";
import { updateRequestTypeSchema, type UpdateRequestTypeInput } from "@/lib/validation/catalog-settings";
import { parseInput } from "@/lib/validation/parse";
import { assertOwnTeam, lockDepartment, requestTypeFor, slugTaken, staleType, typeSubject } from "./catalog-access";

const keys = ["name", "slug", "description", "defaultPriority", "defaultTeamId"] as const;

/**
 * Name, address, description and defaults of a request type. The form carries the version it was
 * opened at: if someone saved in between, nothing is saved and the head is told (CONFLICT). Requests
 * already filed keep their priority and team; only new ones get the new defaults.
 */
export async function updateRequestType(options: { actor: Actor; input: UpdateRequestTypeInput }) {
  const { actor } = options;
  const { departmentId } = await requestTypeFor(actor, options.input);
  const input = parseInput(updateRequestTypeSchema, options.input);
  try {
    return await db().$transaction(async (tx) => {
      await lockDepartment(tx, departmentId);
      const before = await tx.requestType.findUniqueOrThrow({ where: { id: input.typeId } });
      if (before.version !== input.expectedVersion) throw staleType();
      await assertOwnTeam(tx, departmentId, input.defaultTeamId);
      if (input.slug !== before.slug && (await tx.requestType.findFirst({ where: { departmentId, slug: input.slug }, select: { id: true } }))) throw slugTaken();
      const moved = keys.filter((k) => before[k] !== input[k]);
      if (moved.length === 0) return before;
      const data = Object.fromEntries(moved.map((k) => [k, input[k]]));
      const updated = await tx.requestType.update({ where: { id: before.id }, data: { ...data, version: { increment: 1 } } });
      await tx.auditEvent.create({
        data: auditRow(actor, "catalog.type.updated", typeSubject(before.id), { departmentId, from: Object.fromEntries(moved.map((k) => [k, before[k]])), to: data }),
      });
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
}
