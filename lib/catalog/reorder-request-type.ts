import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { auditRow } from "@/lib/org/audit";
import { reorderRequestTypeSchema, type ReorderRequestTypeInput } from "@/lib/validation/catalog-settings";
import { parseInput } from "@/lib/validation/parse";
import { lockDepartment, requestTypeFor, typeSubject } from "./catalog-access";

/** Moves a request type one place up or down in its department's catalogue (sortOrder 0..n-1). */
export async function reorderRequestType(options: { actor: Actor; input: ReorderRequestTypeInput }) {
  const { actor } = options;
  const { departmentId } = await requestTypeFor(actor, options.input);
  const input = parseInput(reorderRequestTypeSchema, options.input);
  return db().$transaction(async (tx) => {
    await lockDepartment(tx, departmentId);
    const rows = await tx.requestType.findMany({ where: { departmentId }, orderBy: [{ sortOrder: "asc" }, { name: "asc" }, { id: "asc" }], select: { id: true, sortOrder: true } });
    const ids = rows.map((r) => r.id);
    const from = ids.indexOf(input.typeId);
    const to = input.direction === "up" ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= ids.length) return ids;
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    const current = new Map(rows.map((r) => [r.id, r.sortOrder]));
    for (const [sortOrder, id] of ids.entries()) {
      if (current.get(id) !== sortOrder) await tx.requestType.update({ where: { id }, data: { sortOrder } });
    }
    await tx.auditEvent.create({ data: auditRow(actor, "catalog.type.reordered", typeSubject(input.typeId), { departmentId, from, to, order: ids }) });
    return ids;
  });
}
