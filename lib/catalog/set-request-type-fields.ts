import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditRow } from "@/lib/org/audit";
import { setRequestTypeFieldsSchema, type SetRequestTypeFieldsInput } from "@/lib/validation/catalog-settings";
import { parseInput } from "@/lib/validation/parse";
import { lockDepartment, requestTypeFor, staleType, typeSubject } from "./catalog-access";

/**
 * Replaces the fields of a request type's form. Requests already filed keep their stored values:
 * the request page shows a removed field's value under its key. Version-checked like the type's form.
 */
export async function setRequestTypeFields(options: { actor: Actor; input: SetRequestTypeFieldsInput }) {
  const { actor } = options;
  const { departmentId } = await requestTypeFor(actor, options.input);
  const input = parseInput(setRequestTypeFieldsSchema, options.input);
  return db().$transaction(async (tx) => {
    await lockDepartment(tx, departmentId);
    const before = await tx.requestType.findUniqueOrThrow({ where: { id: input.typeId } });
    if (before.version !== input.expectedVersion) throw staleType();
    const fields = input.fields as Prisma.InputJsonArray;
    if (JSON.stringify(before.fields) === JSON.stringify(fields)) return before;
    const updated = await tx.requestType.update({ where: { id: before.id }, data: { fields, version: { increment: 1 } } });
    const keysOf = (list: unknown) => (Array.isArray(list) ? list.map((f) => String((f as { key?: unknown }).key)) : []);
    await tx.auditEvent.create({
      data: auditRow(actor, "catalog.type.fields_set", typeSubject(before.id), {
        departmentId,
        from: keysOf(before.fields),
        to: keysOf(input.fields),
        fields,
      }),
    });
    return updated;
  });
}
