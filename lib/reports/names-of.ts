import "server-only";
import { sql } from "@/lib/db/sql";
import { Prisma } from "@/lib/generated/prisma/client";

/** The tables whose rows reports label by name. */
type Named = "Department" | "Person" | "RequestType";

/** The names of these rows (ids not found are left out), for a report's labels: one statement through lib/db/sql.ts. */
export async function namesOf(table: Named, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return sql().$queryRaw<{ id: string; name: string }[]>`SELECT "id", "name" FROM ${Prisma.raw(`"${table}"`)} WHERE "id" = ANY(${[...new Set(ids)]}::text[])`;
}
