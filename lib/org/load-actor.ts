import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/create-client";
import type { TimeZoneSource } from "@/lib/generated/prisma/client";

/** The actor as a signed-in page sees them: with the zone every time is shown to them in. */
export type Viewer = Actor & { timeZone: string; timeZoneSource: TimeZoneSource };

/** Builds the actor from the directory; null for an unknown or deactivated person. */
export async function loadActor(db: Pick<Db, "$queryRaw">, personId: string): Promise<(Viewer & { authVersion: number }) | null> {
  // One statement on every page view and API call (Prisma's include would make it two).
  const [person] = await db.$queryRaw<Row[]>`
    SELECT p.id, p.email, p.name, p."departmentId", p.active, p."authVersion", p."timeZone", p."timeZoneSource"::text AS "timeZoneSource",
           COALESCE((SELECT json_agg(json_build_object('role', g.role, 'departmentId', g."departmentId") ORDER BY g."createdAt", g.id) FROM "RoleGrant" g WHERE g."personId" = p.id), '[]') AS roles
      FROM "Person" p WHERE p.id = ${personId}`;
  if (!person || !person.active) return null;
  const inDepartment = (role: string) =>
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

type Row = {
  id: string;
  email: string;
  name: string;
  departmentId: string;
  active: boolean;
  authVersion: number;
  timeZone: string;
  timeZoneSource: TimeZoneSource;
  roles: { role: string; departmentId: string | null }[];
};
