import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/create-client";
import { formatReference, parseReference } from "./reference";
import { visibleRequests } from "./request-policy";

type Client = Pick<Db, "request" | "requestAlias" | "department">;

/**
 * A request the actor may see by its reference, current (IT-2001) or from before a transfer
 * (FAC-1042); null when there is none or the actor may not see it, so the two cannot be told apart.
 */
export async function findVisibleByReference(client: Client, actor: Actor, reference: string) {
  const ref = parseReference(reference);
  if (!ref) return null;
  const select = { id: true, version: true, status: true, mergedIntoId: true, departmentId: true, number: true, department: { select: { key: true } } } as const;
  const current = await client.request.findFirst({ where: { AND: [{ number: ref.number, department: { key: ref.departmentKey } }, visibleRequests(actor)] }, select });
  const found =
    current ??
    (await (async () => {
      const department = await client.department.findUnique({ where: { key: ref.departmentKey }, select: { id: true } });
      if (!department) return null;
      const alias = await client.requestAlias.findUnique({ where: { departmentId_number: { departmentId: department.id, number: ref.number } }, select: { requestId: true } });
      if (!alias) return null;
      return client.request.findFirst({ where: { AND: [{ id: alias.requestId }, visibleRequests(actor)] }, select });
    })());
  return found ? { ...found, reference: formatReference(found.department.key, found.number) } : null;
}
