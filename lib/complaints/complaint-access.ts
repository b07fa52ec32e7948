import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import type { Db, Tx } from "@/lib/db/create-client";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Who may see a complaint and who made it: the head of its department, or the person the head
 * delegated complaints to (Department.complaintDelegateId). Nobody else: not the department's
 * agents, not HR, not admins. Complaints without consent do not exist as rows at all.
 */
export async function departmentsHandledBy(client: Pick<Db | Tx, "department">, actor: Actor): Promise<string[]> {
  const delegated = await client.department.findMany({ where: { complaintDelegateId: actor.id }, select: { id: true } });
  const heads = actor.headOf.filter((departmentId) => can(actor, "complaints.handle", { departmentId }));
  return [...new Set([...heads, ...delegated.map((d) => d.id)])];
}

export async function handledComplaints(client: Pick<Db | Tx, "department">, actor: Actor): Promise<Prisma.ComplaintWhereInput> {
  return { departmentId: { in: await departmentsHandledBy(client, actor) } };
}

/** A complaint the actor handles, locked for the change, or NOT_FOUND. */
export async function loadComplaintForChange(tx: Tx, actor: Actor, complaintId: string) {
  await tx.$queryRaw`SELECT 1 FROM "Complaint" WHERE id = ${complaintId} FOR UPDATE`;
  const complaint = await tx.complaint.findFirst({ where: { AND: [{ id: complaintId }, await handledComplaints(tx, actor)] } });
  if (!complaint) throw notFound("This complaint");
  return complaint;
}
