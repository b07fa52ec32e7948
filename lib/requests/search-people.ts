import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { parseInput } from "@/lib/validation/parse";
import { personSearchSchema } from "@/lib/validation/requests";

export type PersonMatch = { id: string; name: string; department: string };

const LIMIT = 10;

/**
 * Active co-workers whose name (any word of it) or email starts with the query, for the "add a
 * co-worker" picker. Any signed-in employee may look people up; only what the picker shows leaves
 * the server.
 */
export async function searchPeople(options: { actor: Actor; query: string }): Promise<PersonMatch[]> {
  const { query: raw } = parseInput(personSearchSchema, { query: options.query });
  // Prisma passes startsWith/contains to LIKE unescaped: "%" would otherwise list everyone.
  const query = raw.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await db().person.findMany({
    where: {
      active: true,
      OR: [
        { name: { startsWith: query, mode: "insensitive" } },
        { name: { contains: ` ${query}`, mode: "insensitive" } },
        { email: { startsWith: query, mode: "insensitive" } },
      ],
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: LIMIT,
    select: { id: true, name: true, department: { select: { name: true } } },
  });
  return rows.map((p) => ({ id: p.id, name: p.name, department: p.department.name }));
}
