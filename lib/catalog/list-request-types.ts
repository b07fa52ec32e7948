import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/errors";
import { fieldDefinitionsSchema } from "@/lib/validation/fields";

/**
 * Every active request type with its department and field definitions, in catalogue order: what
 * an API caller needs to file a request. A type whose stored fields no longer parse is left out
 * rather than failing the whole list (filing it would fail too).
 */
export async function listRequestTypes(options: { actor: Actor }) {
  if (!can(options.actor, "catalog.browse")) throw forbidden();
  const types = await db().requestType.findMany({
    where: { active: true },
    orderBy: [{ department: { name: "asc" } }, { sortOrder: "asc" }, { name: "asc" }],
    select: { id: true, slug: true, name: true, description: true, fields: true, department: { select: { key: true, name: true } } },
  });
  return types.flatMap((t) => {
    const fields = fieldDefinitionsSchema.safeParse(t.fields);
    return fields.success ? [{ department: t.department, id: t.id, slug: t.slug, name: t.name, description: t.description, fields: fields.data }] : [];
  });
}
