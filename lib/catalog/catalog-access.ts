import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { fieldError } from "@/lib/org/audit";
import type { Tx } from "@/lib/db/create-client";
import { parseInput } from "@/lib/validation/parse";
import { requestTypeRefSchema } from "@/lib/validation/catalog-settings";

const headsOnly = "Only the head of the department can change its catalogue.";

export const typeSubject = (id: string) => `request-type:${id}`;

/** Adding to a department's catalogue: anyone without the right is refused outright. */
export function requireCatalogEditor(actor: Actor, departmentId: string) {
  if (!can(actor, "department.configure", { departmentId })) throw forbidden(headsOnly);
}

/**
 * An existing request type, for a change: the department's agents learn they may not change it,
 * everyone else that it is not there (as with the SLA settings).
 */
export async function requestTypeFor(actor: Actor, input: unknown) {
  const { typeId } = parseInput(requestTypeRefSchema, input);
  const type = await db().requestType.findUnique({ where: { id: typeId }, select: { id: true, departmentId: true } });
  if (!type) throw notFound("This request type");
  if (can(actor, "department.configure", { departmentId: type.departmentId })) return type;
  if (actor.agentOf.includes(type.departmentId)) throw forbidden(headsOnly);
  throw notFound("This request type");
}

/** The default team must be one of the department's own teams. */
export async function assertOwnTeam(tx: Tx, departmentId: string, teamId: string | null) {
  if (!teamId) return;
  const team = await tx.team.findFirst({ where: { id: teamId, departmentId }, select: { id: true } });
  if (!team) throw fieldError("defaultTeamId", "Choose one of this department's teams.");
}

export const slugTaken = () => fieldError("slug", "Another request type of this department already has this address.");

export const staleType = () =>
  new AppError("CONFLICT", "Someone else changed this request type since you opened it. Reload the page to see their change, then make yours again.");

/** Serialises catalogue changes of one department: positions and slug checks see each other. */
export { lockDepartment } from "@/lib/service-levels/settings-access";
