import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/create-client";
import type { Sql } from "@/lib/db/sql";
import { formatReference, parseReference } from "./reference";
import type { Status } from "@/lib/validation/requests";
import { requestColumns, requestVisibleSql, visibleRequests } from "./request-policy";

type Client = Pick<Db, "request" | "requestAlias" | "department"> & Pick<Sql, "$queryRaw">;
type Found = { id: string; version: number; status: Status; mergedIntoId: string | null; departmentId: string; number: number; department: { key: string } };

/**
 * A request the actor may see by its reference, current (IT-2001) or from before a transfer
 * (FAC-1042); null when there is none or the actor may not see it, so the two cannot be told apart.
 */
export async function findVisibleByReference(client: Client, actor: Actor, reference: string) {
  const ref = parseReference(reference);
  if (!ref) return null;
  const select = { id: true, version: true, status: true, mergedIntoId: true, departmentId: true, number: true, department: { select: { key: true } } } as const;
  // One statement (Prisma's relation filter and select would make it two).
  const [row] = await client.$queryRaw<(Omit<Found, "department"> & { key: string })[]>`
    SELECT r.id, r.version, r.status::text AS status, r."mergedIntoId", r."departmentId", r.number, d.key
      FROM "Request" r JOIN "Department" d ON d.id = r."departmentId"
     WHERE d.key = ${ref.departmentKey} AND r.number = ${ref.number} AND ${requestVisibleSql(actor, requestColumns("r"))}`;
  const current: Found | null = row ? { id: row.id, version: row.version, status: row.status, mergedIntoId: row.mergedIntoId, departmentId: row.departmentId, number: row.number, department: { key: row.key } } : null;
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
