import type { Db } from "@/lib/db/create-client";
import { notify } from "@/lib/notifications/notify";
import { formatReference } from "@/lib/requests/reference";
import { formatTime } from "@/lib/time/format-time";

/**
 * The approval steps' own service level: at 75 % of a step's business hours its undecided
 * approvers are reminded, at 100 % reminded again and the approving side's head is told. Each
 * threshold fires once per step, whatever number of instances sweep at the same moment: the step's
 * mark is claimed by a conditional update before anyone is told, in the same transaction.
 */
export async function sweepApprovals(db: Db, options: { now?: Date; batch?: number } = {}): Promise<{ reminded: number; overdue: number }> {
  const now = options.now ?? new Date();
  const take = options.batch ?? 200;
  const due = await db.approvalStep.findMany({
    where: { state: "PENDING", OR: [{ warnAt75: { lte: now }, warned75At: null }, { dueAt: { lte: now }, overdueAt: null }] },
    orderBy: { dueAt: "asc" },
    take,
    select: { id: true },
  });
  let reminded = 0;
  let overdue = 0;
  for (const { id } of due) {
    await db.$transaction(async (tx) => {
      const step = await tx.approvalStep.findUniqueOrThrow({
        where: { id },
        select: {
          name: true,
          state: true,
          dueAt: true,
          warnAt75: true,
          warned75At: true,
          overdueAt: true,
          departmentId: true,
          approvers: { where: { decision: null }, select: { personId: true } },
          request: { select: { id: true, number: true, title: true, department: { select: { key: true } } } },
        },
      });
      if (step.state !== "PENDING" || !step.dueAt) return;
      const reference = formatReference(step.request.department.key, step.request.number);
      const waiting = step.approvers.map((a) => a.personId);
      const isOverdue = step.dueAt.getTime() <= now.getTime();
      const mark = isOverdue ? { overdueAt: null } : { warned75At: null };
      const { count } = await tx.approvalStep.updateMany({ where: { id, state: "PENDING", ...mark }, data: isOverdue ? { overdueAt: now, warned75At: step.warned75At ?? now } : { warned75At: now } });
      if (count !== 1) return;
      const dueAt = step.dueAt;
      await notify(tx, {
        personIds: waiting,
        kind: "approval_reminder",
        requestId: step.request.id,
        title: `${isOverdue ? "Overdue" : "Reminder"}: approval of ${reference} ${step.request.title}`,
        body: (p) => `“${step.name}” on ${reference} ${isOverdue ? "was due" : "is due"} ${formatTime(dueAt, { timeZone: p.timeZone })}. Its department waits for your decision (Approvals).`,
      });
      if (isOverdue) {
        overdue++;
        const heads = step.departmentId ? await tx.person.findMany({ where: { active: true, roles: { some: { departmentId: step.departmentId, role: "HEAD" } } }, select: { id: true } }) : [];
        // The head is told that it is late, not what it is about: they may not be one of its approvers.
        const toTell = heads.map((h) => h.id).filter((headId) => !waiting.includes(headId));
        if (toTell.length) {
          await notify(tx, {
            personIds: toTell,
            kind: "approval_reminder",
            title: `An approval in your department is overdue: ${reference}`,
            body: (p) => `The approval step “${step.name}” of ${reference} was due ${formatTime(dueAt, { timeZone: p.timeZone })} and still waits on ${waiting.length} approver${waiting.length === 1 ? "" : "s"} of your department.`,
          });
        }
      } else reminded++;
    });
  }
  return { reminded, overdue };
}
