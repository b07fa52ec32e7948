import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { auditRow, isUniqueViolation } from "@/lib/org/audit";
import { createRequestTypeSchema, departmentRefSchema, type CreateRequestTypeInput } from "@/lib/validation/catalog-settings";
import { parseInput } from "@/lib/validation/parse";
import { assertOwnTeam, lockDepartment, requireCatalogEditor, slugTaken, typeSubject } from "./catalog-access";

/** A new request type at the end of the department's catalogue, offered at once, with no fields yet. */
export async function createRequestType(options: { actor: Actor; input: CreateRequestTypeInput }) {
  const { actor } = options;
  requireCatalogEditor(actor, parseInput(departmentRefSchema, options.input).departmentId);
  const input = parseInput(createRequestTypeSchema, options.input);
  try {
    return await db().$transaction(async (tx) => {
      await lockDepartment(tx, input.departmentId);
      await assertOwnTeam(tx, input.departmentId, input.defaultTeamId);
      if (await tx.requestType.findFirst({ where: { departmentId: input.departmentId, slug: input.slug }, select: { id: true } })) throw slugTaken();
      const last = await tx.requestType.findFirst({ where: { departmentId: input.departmentId }, orderBy: { sortOrder: "desc" }, select: { sortOrder: true } });
      const data = { name: input.name, slug: input.slug, description: input.description, defaultPriority: input.defaultPriority, defaultTeamId: input.defaultTeamId };
      const created = await tx.requestType.create({ data: { ...data, departmentId: input.departmentId, fields: [], sortOrder: (last?.sortOrder ?? -1) + 1 } });
      await tx.auditEvent.create({ data: auditRow(actor, "catalog.type.created", typeSubject(created.id), { departmentId: input.departmentId, ...data }) });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
}
