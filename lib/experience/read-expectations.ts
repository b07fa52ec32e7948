import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { expectationText, workingTime } from "./expectation-text";

export type TypeExpectation = { history: string | null; tooLittle: boolean; target: string | null };

/**
 * What to expect from each of these request types, before filing: the cached history (computed by
 * the expectation job) and the target of the first SLA policy that would apply at normal priority.
 * Every employee may read it (catalog.browse); nothing here is about a person.
 */
export async function readExpectations(options: { actor: Actor; typeIds: string[] }): Promise<Map<string, TypeExpectation>> {
  const out = new Map<string, TypeExpectation>();
  if (!can(options.actor, "catalog.browse") || options.typeIds.length === 0) return out;
  const types = await db().requestType.findMany({ where: { id: { in: options.typeIds.slice(0, 500) } }, select: { id: true, departmentId: true, defaultPriority: true } });
  const [cached, policies] = await Promise.all([
    db().requestTypeExpectation.findMany({ where: { requestTypeId: { in: types.map((t) => t.id) } } }),
    db().slaPolicy.findMany({ where: { departmentId: { in: [...new Set(types.map((t) => t.departmentId))] } }, orderBy: { position: "asc" }, select: { departmentId: true, requestTypeIds: true, priorities: true, firstResponseMinutes: true, resolutionMinutes: true } }),
  ]);
  const byType = new Map(cached.map((c) => [c.requestTypeId, c]));
  for (const t of types) {
    const e = byType.get(t.id) ?? null;
    const policy = policies.find((p) => p.departmentId === t.departmentId && (p.requestTypeIds.length === 0 || p.requestTypeIds.includes(t.id)) && (p.priorities.length === 0 || p.priorities.includes(t.defaultPriority)));
    const day = e?.dayMinutes ?? 480;
    const targets = [
      policy?.firstResponseMinutes ? `first reply within ${workingTime(policy.firstResponseMinutes, day)}` : null,
      policy?.resolutionMinutes ? `resolution within ${workingTime(policy.resolutionMinutes, day)}` : null,
    ].filter(Boolean);
    out.set(t.id, { ...expectationText(e), target: targets.length ? `Target: ${targets.join(", ")}` : null });
  }
  return out;
}
