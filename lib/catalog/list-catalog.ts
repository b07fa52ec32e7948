import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { parseFieldDefinitions } from "@/lib/validation/fields";

/** Every department that offers services, with its active request types. */
export async function listCatalog(_options: { actor: Actor }) {
  return db().department.findMany({
    where: { requestTypes: { some: { active: true } } },
    orderBy: { name: "asc" },
    select: {
      id: true,
      key: true,
      name: true,
      description: true,
      requestTypes: {
        where: { active: true },
        orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
        select: { id: true, slug: true, name: true, description: true },
      },
    },
  });
}

/** One request type with its parsed field definitions, for the filing form. */
export async function getRequestType(options: { actor: Actor; departmentKey: string; slug: string }) {
  const type = await db().requestType.findFirst({
    where: { slug: options.slug, active: true, department: { key: options.departmentKey.toUpperCase() } },
    select: { id: true, slug: true, name: true, description: true, fields: true, department: { select: { id: true, key: true, name: true } } },
  });
  if (!type) throw notFound("This request type");
  return { ...type, fields: parseFieldDefinitions(type.fields) };
}
