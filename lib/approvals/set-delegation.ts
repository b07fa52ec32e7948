import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/create-client";
import { forbidden } from "@/lib/errors";
import { auditRow, fieldError } from "@/lib/org/audit";
import { eventRow } from "@/lib/requests/events";
import { formatReference } from "@/lib/requests/reference";
import { setDelegationSchema, type SetDelegationInput } from "@/lib/validation/approvals";
import { parseInput } from "@/lib/validation/parse";
import { askApprover } from "./approval-flow";

/**
 * A person away names who decides their approvals, from the first day to the last (whole days in
 * their own time zone). Steps that start meanwhile ask the delegate; steps already waiting on them
 * move to the delegate now (each an event on its request). One delegation per person: a new one
 * replaces the old.
 */
export async function setDelegation(options: { actor: Actor; input: SetDelegationInput; now?: Date }) {
  const { actor } = options;
  if (!can(actor, "account.preferences")) throw forbidden();
  const input = parseInput(setDelegationSchema, options.input);
  if (input.delegateId === actor.id) throw fieldError("delegateId", "Choose someone other than yourself");
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    const delegate = await tx.person.findFirst({ where: { id: input.delegateId, active: true }, select: { id: true, name: true } });
    if (!delegate) throw fieldError("delegateId", "Choose an active co-worker");
    const me = await tx.person.findUniqueOrThrow({ where: { id: actor.id }, select: { timeZone: true } });
    const [range] = await tx.$queryRaw<{ startsAt: Date; endsAt: Date }[]>`
      SELECT (${input.from}::date::timestamp AT TIME ZONE ${me.timeZone}) AT TIME ZONE 'UTC' AS "startsAt",
             ((${input.until}::date + 1)::timestamp AT TIME ZONE ${me.timeZone}) AT TIME ZONE 'UTC' AS "endsAt"`;
    if (range!.endsAt.getTime() <= now.getTime()) throw fieldError("until", "The last day has passed already");
    await tx.approvalDelegation.upsert({
      where: { personId: actor.id },
      create: { personId: actor.id, delegateId: delegate.id, startsAt: range!.startsAt, endsAt: range!.endsAt },
      update: { delegateId: delegate.id, startsAt: range!.startsAt, endsAt: range!.endsAt },
    });
    await tx.auditEvent.create({ data: auditRow(actor, "approval.delegation_set", `person:${actor.id}`, { delegateId: delegate.id, from: input.from, until: input.until }) });
    const moved = range!.startsAt.getTime() <= now.getTime() ? await movePending(tx, { actor, delegate, at: now }) : 0;
    return { moved };
  });
}

/** Ends one's delegation: steps starting from now ask oneself again (those moved stay with the delegate). */
export async function clearDelegation(options: { actor: Actor }) {
  const { actor } = options;
  await db().$transaction(async (tx) => {
    const { count } = await tx.approvalDelegation.deleteMany({ where: { personId: actor.id } });
    if (count) await tx.auditEvent.create({ data: auditRow(actor, "approval.delegation_cleared", `person:${actor.id}`) });
  });
}

/** The actor's undecided approvals of pending steps go to the delegate, on the actor's behalf. */
async function movePending(tx: Tx, options: { actor: Actor; delegate: { id: string; name: string }; at: Date }): Promise<number> {
  const { actor, delegate, at } = options;
  const pending = await tx.approver.findMany({
    where: { personId: actor.id, decision: null, step: { state: "PENDING" } },
    select: {
      id: true,
      onBehalfOfId: true,
      step: { select: { id: true, position: true, name: true, requestId: true, approvers: { select: { personId: true } }, request: { select: { number: true, title: true, requesterId: true, department: { select: { key: true, name: true } } } } } },
    },
  });
  let moved = 0;
  for (const row of pending) {
    const { step } = row;
    // The delegate never approves their own request; there the step keeps waiting on the actor.
    if (step.request.requesterId === delegate.id) continue;
    await tx.$queryRaw`SELECT 1 FROM "Request" WHERE id = ${step.requestId} FOR UPDATE`;
    if (step.approvers.some((a) => a.personId === delegate.id)) {
      // Already an approver of this step: the actor's place simply goes.
      await tx.approver.delete({ where: { id: row.id } });
    } else {
      await tx.approver.update({ where: { id: row.id }, data: { personId: delegate.id, onBehalfOfId: row.onBehalfOfId ?? actor.id } });
    }
    await tx.requestEvent.create({
      data: {
        ...eventRow(step.requestId, actor.id, "approval_delegated", {
          from: { personId: actor.id, name: actor.name },
          to: { stepId: step.id, position: step.position, name: step.name, personId: delegate.id, personName: delegate.name },
        }),
        createdAt: at,
      },
    });
    const reference = formatReference(step.request.department.key, step.request.number);
    const mine = await tx.approver.findUnique({ where: { stepId_personId: { stepId: step.id, personId: delegate.id } }, select: { id: true } });
    if (mine) {
      await askApprover(tx, {
        approverId: mine.id,
        personId: delegate.id,
        stepId: step.id,
        requestId: step.requestId,
        at,
        title: `Approval needed: ${reference} ${step.request.title}`,
        body: `${actor.name} is away and asks you to decide “${step.name}” on “${step.request.title}” in their place.`,
      });
    }
    moved++;
  }
  return moved;
}
