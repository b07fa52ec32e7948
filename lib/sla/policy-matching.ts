/**
 * Which SLA policy a request gets: the one rule, used by the clocks, the settings checks and the policy
 * list. The department's active policies are tried in order and the first that names the request's type
 * (or all types) and its priority (or all priorities) wins. Pure: no database, no clock.
 */
export const policyPriorities = ["LOW", "NORMAL", "HIGH", "URGENT"] as const;
export type PolicyPriority = (typeof policyPriorities)[number];

export type MatchablePolicy = {
  id: string;
  name: string;
  active: boolean;
  /** Empty: every request type of the department. */
  requestTypeIds: readonly string[];
  /** Empty: every priority. */
  priorities: readonly string[];
};

/** A request type the department may add later: only policies for all request types match it. */
export const anyOtherType = "\u0000any-other-type";

export function policyMatches(policy: MatchablePolicy, typeId: string, priority: string): boolean {
  return (
    policy.active &&
    (policy.requestTypeIds.length === 0 || policy.requestTypeIds.includes(typeId)) &&
    (policy.priorities.length === 0 || policy.priorities.includes(priority))
  );
}

/** The policy a request of this type and priority gets, or null when none matches (no targets). */
export function matchPolicy<P extends MatchablePolicy>(policies: readonly P[], typeId: string, priority: string): P | null {
  return policies.find((p) => policyMatches(p, typeId, priority)) ?? null;
}

/** Every (type, priority) a request can have: the department's types, one it may add later, each priority. */
function cases(typeIds: readonly string[]) {
  return [...typeIds, anyOtherType].flatMap((typeId) => policyPriorities.map((priority) => ({ typeId, priority })));
}

/**
 * Active policies that no request can ever get, because earlier ones take every type and priority they
 * name (a policy placed after a catch-all), each with the first policy that takes its requests.
 */
export function unreachablePolicies<P extends MatchablePolicy>(policies: readonly P[], typeIds: readonly string[]): { policy: P; shadowedBy: P | null }[] {
  const reached = new Set<string>();
  for (const c of cases(typeIds)) {
    const winner = matchPolicy(policies, c.typeId, c.priority);
    if (winner) reached.add(winner.id);
  }
  return policies
    .filter((p) => p.active && !reached.has(p.id))
    .map((policy) => {
      // The first earlier policy that takes one of the requests this one names.
      const own = cases(typeIds).filter((c) => policyMatches(policy, c.typeId, c.priority));
      const shadowedBy = own.length ? matchPolicy(policies, own[0]!.typeId, own[0]!.priority) : null;
      return { policy, shadowedBy: shadowedBy && shadowedBy.id !== policy.id ? shadowedBy : null };
    });
}

/**
 * Where a new policy goes: at the end when requests can reach it there; otherwise just above the first
 * policy that would take all its requests (a catch-all), provided no policy that requests reach now
 * becomes unreachable. Null when no place works (it names only what another policy already covers the
 * same way, e.g. a second catch-all).
 */
export function placeNewPolicy<P extends MatchablePolicy>(existing: readonly P[], added: MatchablePolicy, typeIds: readonly string[]): { index: number; movedAbove: P | null } | null {
  const unreachableBefore = new Set(unreachablePolicies(existing, typeIds).map((u) => u.policy.id));
  const fits = (index: number) => {
    const order: MatchablePolicy[] = [...existing.slice(0, index), added, ...existing.slice(index)];
    return unreachablePolicies(order, typeIds).every((u) => unreachableBefore.has(u.policy.id));
  };
  if (fits(existing.length)) return { index: existing.length, movedAbove: null };
  for (let index = existing.length - 1; index >= 0; index--) {
    if (fits(index)) return { index, movedAbove: existing[index]! };
  }
  return null;
}

/** Newly unreachable policies after a change (those unreachable before stay the head's to sort out). */
export function newlyUnreachable<P extends MatchablePolicy>(before: readonly P[], after: readonly P[], typeIds: readonly string[]) {
  const was = new Set(unreachablePolicies(before, typeIds).map((u) => u.policy.id));
  return unreachablePolicies(after, typeIds).filter((u) => !was.has(u.policy.id));
}

/** For the policy list: which policy each request type gets at each priority. */
export function effectivePolicies<P extends MatchablePolicy>(policies: readonly P[], types: readonly { id: string; name: string }[]) {
  return types.map((type) => ({
    type,
    byPriority: policyPriorities.map((priority) => ({ priority, policy: matchPolicy(policies, type.id, priority) })),
  }));
}
