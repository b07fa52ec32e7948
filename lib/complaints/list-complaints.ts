import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/errors";
import { formatReference } from "@/lib/requests/reference";
import { departmentsHandledBy } from "./complaint-access";

export type ComplaintState = "to_contact" | "overdue" | "contacted" | "closed";

export function complaintState(c: { dueAt: Date; contactedAt: Date | null; closedAt: Date | null }, now: Date): ComplaintState {
  if (c.closedAt) return "closed";
  if (c.contactedAt) return "contacted";
  return c.dueAt <= now ? "overdue" : "to_contact";
}

/**
 * The consented complaints of a department, open ones first by due time, then the latest closed:
 * for its head or their delegate only (complaint-access.ts); anyone else is refused.
 */
export async function listComplaints(options: { actor: Actor; departmentId: string; now?: Date; take?: number }) {
  const now = options.now ?? new Date();
  const handled = await departmentsHandledBy(db(), options.actor);
  if (!handled.includes(options.departmentId)) throw forbidden("Only the department's head, or the person they delegate to, follows up its complaints.");
  const rows = await db().complaint.findMany({
    where: { departmentId: options.departmentId },
    orderBy: [{ closedAt: { sort: "desc", nulls: "first" } }, { dueAt: "asc" }],
    take: options.take ?? 100,
  });
  const [people, requests] = await Promise.all([
    db().person.findMany({ where: { id: { in: [...new Set(rows.flatMap((r) => [r.complainantId, r.assigneeId ?? r.complainantId]))] } }, select: { id: true, name: true } }),
    db().request.findMany({ where: { id: { in: rows.map((r) => r.requestId) } }, select: { id: true, number: true, title: true, department: { select: { key: true } } } }),
  ]);
  const name = new Map(people.map((p) => [p.id, p.name]));
  const request = new Map(requests.map((r) => [r.id, { reference: formatReference(r.department.key, r.number), title: r.title }]));
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    summary: r.summary,
    complainant: name.get(r.complainantId) ?? "",
    assignee: r.assigneeId ? (name.get(r.assigneeId) ?? null) : null,
    request: request.get(r.requestId) ?? null,
    createdAt: r.createdAt,
    dueAt: r.dueAt,
    state: complaintState(r, now),
    outcome: r.outcome,
    feelsHeard: r.feelsHeard,
  }));
}
