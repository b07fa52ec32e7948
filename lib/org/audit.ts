import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
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

export type AuditEntry = {
  id: string;
  at: Date;
  actor: { id: string; name: string } | null;
  action: string;
  subject: string;
  detail: unknown;
};

/** The latest configuration changes, newest first, for the audit page. */
export async function listAuditEvents(options: { actor: Actor; limit?: number }): Promise<AuditEntry[]> {
  if (!can(options.actor, "audit.view")) throw forbidden("Only administrators can read the audit log.");
  const rows = await db().auditEvent.findMany({ orderBy: { id: "desc" }, take: Math.min(options.limit ?? 200, 500) });
  const actorIds = [...new Set(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])))];
  const people = await db().person.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } });
  const byId = new Map(people.map((p) => [p.id, p]));
  return rows.map((r) => ({
    id: r.id.toString(),
    at: r.createdAt,
    actor: r.actorId ? (byId.get(r.actorId) ?? { id: r.actorId, name: "(removed person)" }) : null,
    action: r.action,
    subject: r.subject,
    detail: r.detail,
  }));
}
