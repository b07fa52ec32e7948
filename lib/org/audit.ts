import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db/create-client";
import { AppError, forbidden } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

export function requireOrgManager(actor: Actor) {
  if (!can(actor, "org.manage")) throw forbidden("Only administrators can change departments, people and roles.");
}

export function auditRow(actor: Actor, action: string, subject: string, detail?: Prisma.InputJsonValue): Prisma.AuditEventCreateManyInput {
  return { actorId: actor.id, action, subject, detail };
}

/** An INVALID_INPUT whose message also sits beside one field of the form. */
export function fieldError(field: string, message: string) {
  return new AppError("INVALID_INPUT", message, { [field]: [message] });
}

export const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/**
 * Serialises every change that can take admin rights away (role changes, deactivation, imports),
 * so two admins demoting each other at the same moment cannot leave the organisation with none.
 */
export async function lockAdminSet(tx: Tx) {
  await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(7300451)");
}

/** Active admins other than `exceptPersonId`: the ones left if that person lost admin rights. */
export async function otherActiveAdmins(tx: Tx, exceptPersonId: string) {
  return tx.person.count({ where: { id: { not: exceptPersonId }, active: true, roles: { some: { role: "ADMIN" } } } });
}

export const lastAdminMessage = "This is the last active administrator: make someone else an administrator first.";
