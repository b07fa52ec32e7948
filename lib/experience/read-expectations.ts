import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { typeExpectation, type ExpectationFigures, type TypeExpectation } from "./expectation-text";

/**
 * What to expect from each of these request types, before filing, as figures: the cached history (computed by
 * the expectation job) and the target of the first SLA policy that would apply at normal priority.
 * Every employee may read it (catalog.browse); nothing here is about a person.
 */
export async function readExpectationFigures(options: { actor: Actor; typeIds: string[] }): Promise<Map<string, ExpectationFigures>> {
  const out = new Map<string, ExpectationFigures>();
  if (!can(options.actor, "catalog.browse") || options.typeIds.length === 0) return out;
  const types = await db().requestType.findMany({ where: { id: { in: options.typeIds.slice(0, 500) } }, select: { id: true, departmentId: true, defaultPriority: true } });
  const [cached, policies] = await Promise.all([
    db().requestTypeExpectation.findMany({ where: { requestTypeId: { in: types.map((t) => t.id) } } }),
    db().slaPolicy.findMany({ where: { departmentId: { in: [...new Set(types.map((t) => t.departmentId))] } }, orderBy: { position: "asc" }, select: { departmentId: true, requestTypeIds: true, priorities: true, firstResponseMinutes: true, resolutionMinutes: true } }),
  ]);
  const byType = new Map(cached.map((c) => [c.requestTypeId, c]));
  const up = (minutes: number | null | undefined) => (typeof minutes === "number" ? Math.ceil(minutes) : null);
  for (const t of types) {
    const e = byType.get(t.id);
    const policy = policies.find((p) => p.departmentId === t.departmentId && (p.requestTypeIds.length === 0 || p.requestTypeIds.includes(t.id)) && (p.priorities.length === 0 || p.priorities.includes(t.defaultPriority)));
    out.set(t.id, [e?.windowDays ?? 0, e?.requests ?? 0, up(e?.firstResponseP50), up(e?.resolutionP80), e?.dayMinutes ?? 480, policy?.firstResponseMinutes || null, policy?.resolutionMinutes || null]);
  }
  return out;
}

/** The same, in words. */
export async function readExpectations(options: { actor: Actor; typeIds: string[] }): Promise<Map<string, TypeExpectation>> {
  const figures = await readExpectationFigures(options);
  return new Map([...figures].map(([id, f]) => [id, typeExpectation(f)]));
}
