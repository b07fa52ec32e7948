import "server-only";
import type { Tx } from "@/lib/db/create-client";
import { notify } from "@/lib/notifications/notify";

/** Tells the department's head(s) and complaint delegate that a complaint waits for a follow-up. */
export async function notifyHandlers(tx: Tx, options: { departmentId: string; complaintId: string; requestId: string }) {
  const [heads, department] = await Promise.all([
    tx.roleGrant.findMany({ where: { role: "HEAD", departmentId: options.departmentId }, select: { personId: true } }),
    tx.department.findUniqueOrThrow({ where: { id: options.departmentId }, select: { complaintDelegateId: true, key: true } }),
  ]);
  const personIds = [...heads.map((h) => h.personId), ...(department.complaintDelegateId ? [department.complaintDelegateId] : [])];
  await notify(tx, {
    personIds,
    kind: "complaint",
    requestId: options.requestId,
    title: "A complaint to follow up",
    body: "Someone asked to be contacted about a complaint. The target is to contact them within 1 business day.",
    link: `/insights/${department.key}/complaints/${options.complaintId}`,
  });
}
