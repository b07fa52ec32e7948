import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, forbidden } from "@/lib/errors";
import type { EmailStatus, Prisma } from "@/lib/generated/prisma/client";
import { formatReference } from "@/lib/requests/reference";
import { emailDeliveryFilterSchema, emailRetrySchema, type EmailRetryInput } from "@/lib/validation/notifications";
import { parseInput } from "@/lib/validation/parse";

function requireDeliveryAdmin(actor: Actor) {
  if (!can(actor, "email.deliveries")) throw forbidden("Only administrators can see and retry email deliveries.");
}

export type DeliveryFilter = "PROBLEMS" | "QUEUED" | "SENT" | "FAILED" | "ALL";

const filters: Record<DeliveryFilter, Prisma.EmailDeliveryWhereInput> = {
  // Failed for good, or failing and waiting for pg-boss to retry.
  PROBLEMS: { OR: [{ status: "FAILED" }, { status: "QUEUED", lastError: { not: null } }] },
  QUEUED: { status: "QUEUED" },
  SENT: { status: "SENT" },
  FAILED: { status: "FAILED" },
  ALL: {},
};

/**
 * The email outbox for admins: counts per state and the latest deliveries matching a filter. It
 * shows who an email went to, what kind it was and how delivery went, never its subject or text,
 * which can carry the contents of requests an admin has no business reading.
 */
export async function listEmailDeliveries(options: { actor: Actor; status?: string; take?: number }) {
  requireDeliveryAdmin(options.actor);
  const { status } = parseInput(emailDeliveryFilterSchema, { status: options.status });
  const [grouped, rows] = await Promise.all([
    db().emailDelivery.groupBy({ by: ["status"], _count: { _all: true } }),
    db().emailDelivery.findMany({
      where: filters[status],
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: Math.min(options.take ?? 200, 500),
      select: { id: true, to: true, kind: true, requestId: true, status: true, attempts: true, lastError: true, createdAt: true, lastAttemptAt: true, sentAt: true },
    }),
  ]);
  const requestIds = [...new Set(rows.flatMap((r) => (r.requestId ? [r.requestId] : [])))];
  const requests = await db().request.findMany({ where: { id: { in: requestIds } }, select: { id: true, number: true, department: { select: { key: true } } } });
  const references = new Map(requests.map((r) => [r.id, formatReference(r.department.key, r.number)]));
  const counts: Record<EmailStatus, number> = { QUEUED: 0, SENT: 0, FAILED: 0 };
  for (const g of grouped) counts[g.status] = g._count._all;
  return {
    filter: status,
    counts,
    deliveries: rows.map(({ requestId, ...r }) => ({ ...r, reference: requestId ? (references.get(requestId) ?? null) : null })),
  };
}

/**
 * Sends failed emails again: one, or every failed one. They go back to the outbox as queued and
 * the relay hands them to a new delivery job with a fresh set of retries; the attempts so far and
 * the last error stay on the row. Recorded in the audit log.
 */
export async function retryEmailDeliveries(options: { actor: Actor; input: EmailRetryInput }): Promise<{ count: number }> {
  const { actor } = options;
  requireDeliveryAdmin(actor);
  const input = parseInput(emailRetrySchema, options.input);
  return db().$transaction(async (tx) => {
    const { count } = await tx.emailDelivery.updateMany({
      where: { status: "FAILED", ...(input.deliveryId ? { id: input.deliveryId } : {}) },
      data: { status: "QUEUED", handedOverAt: null, lockedUntil: null },
    });
    if (input.deliveryId && count === 0) {
      const exists = await tx.emailDelivery.findUnique({ where: { id: input.deliveryId }, select: { status: true } });
      if (!exists) throw new AppError("NOT_FOUND", "This email delivery does not exist.");
      throw new AppError("CONFLICT", exists.status === "SENT" ? "This email was already sent." : "This email is already queued for delivery.");
    }
    if (count > 0) {
      await tx.auditEvent.create({
        data: { actorId: actor.id, action: "email.retried", subject: input.deliveryId ? `email:${input.deliveryId}` : "email:failed", detail: { count } },
      });
    }
    return { count };
  });
}
