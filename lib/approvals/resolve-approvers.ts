import "server-only";
import type { Tx } from "@/lib/db/create-client";
import type { ApproverDefinition } from "@/lib/validation/approvals";

export type ResolvedApprover = { personId: string; name: string; onBehalfOfId: string | null; onBehalfOfName: string | null };
export type ResolvedStep = { approvers: ResolvedApprover[]; departmentId: string; escalated: boolean };

type Candidate = { id: string; name: string; active: boolean; available: boolean; departmentId: string };
const personSelect = { id: true, name: true, active: true, available: true, departmentId: true } as const;

/**
 * A step's approvers as people, when the step starts: someone away with a delegate (dates cover
 * `at`) is stood in for by the delegate; someone inactive, away without a delegate, or the requester
 * is left out (a requester never approves their own request). With nobody left, the approving side's
 * head decides (`escalated`), then the providing department's, then an administrator.
 */
export async function resolveApprovers(
  tx: Tx,
  options: { approver: ApproverDefinition; requesterId: string; providingDepartmentId: string; at: Date },
): Promise<ResolvedStep> {
  const { approver, requesterId, at } = options;
  const requester = await tx.person.findUniqueOrThrow({ where: { id: requesterId }, select: { departmentId: true, manager: { select: personSelect } } });
  let named: Candidate[] = [];
  let departmentId = requester.departmentId;
  switch (approver.kind) {
    case "manager":
      named = requester.manager ? [requester.manager] : [];
      departmentId = requester.manager?.departmentId ?? requester.departmentId;
      break;
    case "requester_head":
      named = await headsOf(tx, requester.departmentId);
      break;
    case "department_head":
      named = await headsOf(tx, approver.departmentId);
      departmentId = approver.departmentId;
      break;
    case "people": {
      const people = await tx.person.findMany({ where: { id: { in: approver.personIds } }, select: personSelect });
      named = approver.personIds.flatMap((id) => people.filter((p) => p.id === id));
      departmentId = named[0]?.departmentId ?? options.providingDepartmentId;
      break;
    }
    case "team": {
      const team = await tx.team.findUnique({ where: { id: approver.teamId }, select: { departmentId: true, members: { select: { person: { select: personSelect } }, orderBy: { person: { name: "asc" } } } } });
      named = team?.members.map((m) => m.person) ?? [];
      departmentId = team?.departmentId ?? options.providingDepartmentId;
      break;
    }
  }
  const first = await standIns(tx, named, requesterId, at);
  if (first.length) return { approvers: first, departmentId, escalated: false };
  for (const fallback of [departmentId, options.providingDepartmentId]) {
    const heads = await standIns(tx, await headsOf(tx, fallback), requesterId, at);
    if (heads.length) return { approvers: heads, departmentId: fallback, escalated: true };
  }
  const admins = await tx.person.findMany({ where: { active: true, id: { not: requesterId }, roles: { some: { role: "ADMIN" } } }, select: personSelect, orderBy: { name: "asc" } });
  return { approvers: admins.map((p) => ({ personId: p.id, name: p.name, onBehalfOfId: null, onBehalfOfName: null })), departmentId: options.providingDepartmentId, escalated: true };
}

function headsOf(tx: Tx, departmentId: string): Promise<Candidate[]> {
  return tx.person.findMany({ where: { roles: { some: { departmentId, role: "HEAD" } } }, select: personSelect, orderBy: { name: "asc" } });
}

/** The people who decide for `named` at `at`: themselves, or their delegate while they are away. */
async function standIns(tx: Tx, named: readonly Candidate[], requesterId: string, at: Date): Promise<ResolvedApprover[]> {
  const delegations = named.length
    ? await tx.approvalDelegation.findMany({
        where: { personId: { in: named.map((p) => p.id) }, startsAt: { lte: at }, endsAt: { gt: at } },
        select: { personId: true, delegate: { select: personSelect } },
      })
    : [];
  const delegateOf = new Map(delegations.map((d) => [d.personId, d.delegate]));
  const out = new Map<string, ResolvedApprover>();
  for (const person of named) {
    const delegate = delegateOf.get(person.id);
    const decider = delegate ? { person: delegate, onBehalfOf: person } : { person, onBehalfOf: null };
    if (!decider.person.active || decider.person.id === requesterId) continue;
    if (!delegate && !person.available) continue;
    if (!out.has(decider.person.id)) {
      out.set(decider.person.id, {
        personId: decider.person.id,
        name: decider.person.name,
        onBehalfOfId: decider.onBehalfOf?.id ?? null,
        onBehalfOfName: decider.onBehalfOf?.name ?? null,
      });
    }
  }
  return [...out.values()];
}
