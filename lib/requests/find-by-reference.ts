import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/create-client";
import type { Sql } from "@/lib/db/sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { formatReference, parseReference } from "./reference";
import type { Status } from "@/lib/validation/requests";
import { mayReadSql, requestColumns, requestVisibleSql, visibleRequests } from "./request-policy";

/** A request found by its reference before the actor was loaded (visibleByReferenceSql), as resolveReference answers. */
export type FoundRequest = { id: string; version: number; reference: string };

/**
 * findVisibleByReference's first statement as a scalar subquery for a statement that reads the
 * person too (an API call's authentication): the request by its current reference as JSON (id,
 * version, key, number), when the person `personId` may see it by the request policy read from the
 * request's side (`mayReadSql`: the same table as `requestVisibleSql`, with the person's roles read
 * in SQL); NULL when there is none, the person may not see it, or the reference is from before a
 * transfer: the caller cannot tell those apart, and resolves the reference again in full.
 * Null when the text is no reference at all.
 */
export function visibleByReferenceSql(personId: Prisma.Sql, reference: string): Prisma.Sql | null {
  const ref = parseReference(reference);
  if (!ref) return null;
  return Prisma.sql`(SELECT json_build_object('id', r.id, 'version', r.version, 'key', d.key, 'number', r.number)
      FROM "Request" r JOIN "Department" d ON d.id = r."departmentId" JOIN "Person" vp ON vp.id = ${personId}
     WHERE d.key = ${ref.departmentKey} AND r.number = ${ref.number}::int AND ${mayReadSql("vp", requestColumns("r"), { internal: false })})`;
}

/** visibleByReferenceSql's JSON as the request found, or null. */
export function foundOf(json: unknown): FoundRequest | null {
  if (json === null || json === undefined) return null;
  const row = json as { id: string; version: number; key: string; number: number };
  return { id: row.id, version: row.version, reference: formatReference(row.key, row.number) };
}

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
