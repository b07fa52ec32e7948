import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
import { notFound } from "@/lib/errors";
import { parseFieldDefinitions } from "@/lib/validation/fields";

type CatalogRow = { id: string; key: string; name: string; description: string; typeId: string; slug: string; typeName: string; typeDescription: string };

/**
 * Every department that offers services, with its active request types, in one statement through
 * lib/db/sql.ts (the catalogue is a requester's first page: the query compiler's cost of a nested
 * model read was a fifth of its CPU).
 */
export async function listCatalog(_options: { actor: Actor }) {
  const rows = await sql().$queryRaw<CatalogRow[]>`
    SELECT d."id", d."key", d."name", d."description", t."id" AS "typeId", t."slug", t."name" AS "typeName", t."description" AS "typeDescription"
    FROM "Department" d JOIN "RequestType" t ON t."departmentId" = d."id" AND t."active"
    ORDER BY d."name", d."id", t."sortOrder", t."name", t."id"`;
  const departments: { id: string; key: string; name: string; description: string; requestTypes: { id: string; slug: string; name: string; description: string }[] }[] = [];
  for (const r of rows) {
    let department = departments.at(-1);
    if (department?.id !== r.id) departments.push((department = { id: r.id, key: r.key, name: r.name, description: r.description, requestTypes: [] }));
    department.requestTypes.push({ id: r.typeId, slug: r.slug, name: r.typeName, description: r.typeDescription });
  }
  return departments;
}

/** One request type with its parsed field definitions, for the filing form. */
export async function getRequestType(options: { actor: Actor; departmentKey: string; slug: string }) {
  const [type] = await sql({ prepared: true }).$queryRaw<
    { id: string; slug: string; name: string; description: string; fields: unknown; departmentId: string; departmentKey: string; departmentName: string }[]
  >`
    SELECT t."id", t."slug", t."name", t."description", t."fields", d."id" AS "departmentId", d."key" AS "departmentKey", d."name" AS "departmentName"
    FROM "RequestType" t JOIN "Department" d ON d."id" = t."departmentId"
    WHERE t."slug" = ${options.slug} AND t."active" AND d."key" = ${options.departmentKey.toUpperCase()}`;
  if (!type) throw notFound("This request type");
  const { departmentId, departmentKey, departmentName, ...rest } = type;
  return { ...rest, department: { id: departmentId, key: departmentKey, name: departmentName }, fields: parseFieldDefinitions(type.fields) };
}
