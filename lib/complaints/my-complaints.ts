import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { formatReference } from "@/lib/requests/reference";
import { feelHeardSchema } from "@/lib/validation/complaints";
import { parseInput } from "@/lib/validation/parse";

/** The actor's own complaints with what was done: never the handlers' internal notes. */
export async function myComplaints(options: { actor: Actor }) {
  const rows = await db().complaint.findMany({
    where: { complainantId: options.actor.id },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, requestId: true, summary: true, source: true, createdAt: true, contactedAt: true, closedAt: true, outcome: true, outcomeMessage: true, feelsHeard: true },
  });
  const requests = await db().request.findMany({ where: { id: { in: rows.map((r) => r.requestId) } }, select: { id: true, number: true, title: true, department: { select: { key: true, name: true } } } });
  const byId = new Map(requests.map((r) => [r.id, r]));
  return rows.map(({ requestId, ...r }) => {
    const q = byId.get(requestId)!;
    return { ...r, reference: formatReference(q.department.key, q.number), title: q.title, departmentName: q.department.name };
  });
}

/** The requester says whether they now feel heard, once, after the follow-up is closed. */
export async function answerFeelHeard(options: { actor: Actor; input: unknown }) {
  const input = parseInput(feelHeardSchema, options.input);
  const { count } = await db().complaint.updateMany({
    where: { id: input.complaintId, complainantId: options.actor.id, closedAt: { not: null }, feelsHeard: null },
    data: { feelsHeard: input.feelsHeard },
  });
  if (count === 1) return { complaintId: input.complaintId };
  const own = await db().complaint.findFirst({ where: { id: input.complaintId, complainantId: options.actor.id }, select: { closedAt: true } });
  if (!own) throw notFound("This complaint");
  throw new AppError("CONFLICT", own.closedAt ? "You have already answered." : "The follow-up is not finished yet.");
}
