import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/create-client";
import type { TimeZoneSource } from "@/lib/generated/prisma/client";

/** The actor as a signed-in page sees them: with the zone every time is shown to them in. */
export type Viewer = Actor & { timeZone: string; timeZoneSource: TimeZoneSource };

/** Builds the actor from the directory; null for an unknown or deactivated person. */
export async function loadActor(db: Db, personId: string): Promise<(Viewer & { authVersion: number }) | null> {
  const person = await db.person.findUnique({
    where: { id: personId },
    include: { roles: { select: { role: true, departmentId: true } } },
  });
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
