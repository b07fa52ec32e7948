import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { formatReference } from "@/lib/requests/reference";
import { handledComplaints } from "./complaint-access";
import { complaintState } from "./list-complaints";

/** One complaint with its notes, for its department's head or delegate; NOT_FOUND for anyone else. */
export async function getComplaint(options: { actor: Actor; complaintId: string; now?: Date }) {
  const complaint = await db().complaint.findFirst({
    where: { AND: [{ id: options.complaintId }, await handledComplaints(db(), options.actor)] },
    include: { notes: { orderBy: { createdAt: "asc" } } },
  });
  if (!complaint) throw notFound("This complaint");
  const [request, rating, people, candidates] = await Promise.all([
    db().request.findUniqueOrThrow({ where: { id: complaint.requestId }, select: { number: true, title: true, department: { select: { key: true, name: true } } } }),
    complaint.ratingId ? db().rating.findUnique({ where: { id: complaint.ratingId }, select: { score: true, reasons: true, timeLost: true } }) : null,
    db().person.findMany({ where: { id: { in: [complaint.complainantId, ...complaint.notes.map((n) => n.authorId), ...(complaint.assigneeId ? [complaint.assigneeId] : [])] } }, select: { id: true, name: true, email: true } }),
    // Who can be given the follow-up: the department's heads and its delegate.
    db().person.findMany({
      where: { active: true, OR: [{ roles: { some: { role: "HEAD", departmentId: complaint.departmentId } } }, { delegateFor: { some: { id: complaint.departmentId } } }] },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  const person = new Map(people.map((p) => [p.id, p]));
  return {
    ...complaint,
    state: complaintState(complaint, options.now ?? new Date()),
    reference: formatReference(request.department.key, request.number),
    requestTitle: request.title,
    departmentName: request.department.name,
    rating,
    complainant: person.get(complaint.complainantId)!,
    assignee: complaint.assigneeId ? (person.get(complaint.assigneeId) ?? null) : null,
    notes: complaint.notes.map((n) => ({ ...n, author: person.get(n.authorId)?.name ?? "" })),
    candidates,
  };
}
