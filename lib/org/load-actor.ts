import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import type { Sql } from "@/lib/db/sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { Role, TimeZoneSource } from "@/lib/generated/prisma/enums";

/** The actor as a signed-in page sees them: with the zone every time is shown to them in. */
export type Viewer = Actor & { timeZone: string; timeZoneSource: TimeZoneSource };

/**
 * The row the SQL below returns. Raw SQL is not typed by Prisma, so the row is parsed: a column
 * renamed or retyped in a migration fails here (and in tests/db/schema-drift.test.ts, which runs the
 * query against databases built from the migrations and from schema.prisma) instead of reaching
 * every page as `undefined`.
 */
export const actorRowSchema = z.strictObject({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  departmentId: z.string(),
  active: z.boolean(),
  authVersion: z.number().int(),
  timeZone: z.string(),
  timeZoneSource: z.enum(TimeZoneSource),
  roles: z.array(z.strictObject({ role: z.enum(Role), departmentId: z.string().nullable() })),
});

/** One statement on every page view and API call (Prisma's include would make it two). */
export const actorRowQuery = (personId: string | Prisma.Sql) => Prisma.sql`
    SELECT p.id, p.email, p.name, p."departmentId", p.active, p."authVersion", p."timeZone", p."timeZoneSource"::text AS "timeZoneSource",
           COALESCE((SELECT json_agg(json_build_object('role', g.role, 'departmentId', g."departmentId") ORDER BY g."createdAt", g.id) FROM "RoleGrant" g WHERE g."personId" = p.id), '[]') AS roles
      FROM "Person" p WHERE p.id = ${personId}`;

/** Builds the actor from the directory; null for an unknown or deactivated person. */
export async function loadActor(db: Pick<Sql, "$queryRaw">, personId: string): Promise<(Viewer & { authVersion: number }) | null> {
  const [row] = await db.$queryRaw<unknown[]>(actorRowQuery(personId));
  return row === undefined ? null : actorOfRow(row);
}

/** The actor from actorRowQuery's row (read on its own, or within a larger statement as JSON); null when deactivated. */
export function actorOfRow(row: unknown): (Viewer & { authVersion: number }) | null {
  const person = actorRowSchema.parse(row);
  if (!person.active) return null;
  const inDepartment = (role: Role) =>
    person.roles.flatMap((r) => (r.role === role && r.departmentId ? [r.departmentId] : []));
  const headOf = inDepartment("HEAD");
  return {
    id: person.id,
    email: person.email,
    name: person.name,
    departmentId: person.departmentId,
    agentOf: [...new Set([...inDepartment("AGENT"), ...headOf])],
    headOf,
    hr: person.roles.some((r) => r.role === "HR"),
    admin: person.roles.some((r) => r.role === "ADMIN"),
    authVersion: person.authVersion,
    timeZone: person.timeZone,
    timeZoneSource: person.timeZoneSource,
  };
}
